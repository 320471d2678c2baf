package org.shiftscope.io;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.StringColumn;
import org.shiftscope.core.TaskMonitor;

/**
 * Reads Parquet files, folders of Parquet parts and JSON / JSON Lines through an in-memory DuckDB (its Parquet and
 * JSON readers are linked in, nothing is downloaded). Numeric types become numeric columns, BOOLEAN boolean, and
 * everything else text whose type (categorical or text) is inferred like a CSV column.
 */
public final class DuckDbReader {

    private DuckDbReader() {
    }

    public static Dataset parquet(Path path, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        try (Plain plain = new Plain(file)) {
            return table("read_parquet(" + plain.literal(path) + ")", file, DataSource.ofFile(path, "parquet",
                    source.hash()), "not a readable Parquet file", monitor);
        }
    }

    /**
     * A folder of Parquet parts as one table (a Hugging Face dataset's {@code data/*.parquet}, a Spark or pandas
     * partitioned output): every {@code .parquet} file under it, in path order, columns matched by name.
     */
    public static Dataset parquetFolder(Path folder, TaskMonitor monitor) {
        String name = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        List<Path> parts = parts(folder);
        if (parts.isEmpty()) {
            throw DataException.inFile(name, "no .parquet files in the folder or its subfolders");
        }
        java.security.MessageDigest sha = SourceBytes.sha256();
        StringBuilder list = new StringBuilder("[");
        try (Plain plain = new Plain(name)) {
            for (Path p : parts) {
                sha.update(folder.relativize(p).toString().replace('\\', '/').getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
                sha.update(SourceBytes.open(p).hash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                list.append(list.length() > 1 ? ", " : "").append(plain.literal(p));
            }
            String hash = java.util.HexFormat.of().formatHex(sha.digest());
            return table("read_parquet(" + list + "], union_by_name = true)", name,
                    DataSource.ofFile(folder, "parquet-folder", hash), "holds a Parquet part DuckDB cannot read",
                    monitor);
        }
    }

    /** The .parquet files under a folder (any depth), sorted by path. */
    static List<Path> parts(Path folder) {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(folder)) {
            return all.filter(p -> java.nio.file.Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet"))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw DataException.inFile(folder.getFileName().toString(), "cannot list the folder: " + e.getMessage());
        }
    }

    /**
     * JSON Lines / NDJSON or a JSON array of objects (gzipped or not), one object per row: DuckDB's JSON reader
     * infers the columns; nested objects and lists arrive as their JSON text.
     */
    public static Dataset json(Path path, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        try (Plain plain = new Plain(file)) {
            return table("read_json_auto(" + plain.literal(path) + ", maximum_object_size = 268435456)", file,
                    DataSource.ofFile(path, "json", source.hash()), "not a readable JSON / JSON Lines file (one"
                            + " object per line, or an array of objects)", monitor);
        }
    }

    static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /**
     * File names DuckDB reads as written: it expands glob characters ({@code * ? [ ] { }}) in every path it is
     * given, so {@code d[1].parquet} would read {@code d1.parquet}. Such a path is read through a link with a plain
     * name in a private temporary folder, removed afterwards.
     */
    static final class Plain implements AutoCloseable {

        private final String shown;
        private Path dir;
        private int links;

        Plain(String shown) {
            this.shown = shown;
        }

        String literal(Path p) {
            Path abs = p.toAbsolutePath().normalize();
            if (abs.toString().chars().noneMatch(c -> "*?[]{}".indexOf(c) >= 0)) {
                return DuckDbReader.literal(abs);
            }
            try {
                if (dir == null) {
                    dir = java.nio.file.Files.createTempDirectory("shiftscope-read");
                }
                String name = abs.getFileName().toString();
                int dot = name.lastIndexOf('.');
                Path link = dir.resolve("part-" + links++ + (dot > 0 ? name.substring(dot).replaceAll("[^.A-Za-z0-9]",
                        "") : ""));
                try {
                    java.nio.file.Files.createSymbolicLink(link, abs);
                } catch (UnsupportedOperationException | java.io.IOException e) {
                    java.nio.file.Files.copy(abs, link); // where links are not allowed
                }
                return DuckDbReader.literal(link);
            } catch (java.io.IOException e) {
                throw DataException.inFile(shown, "cannot be read: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            if (dir == null) {
                return;
            }
            try (java.util.stream.Stream<Path> all = java.nio.file.Files.list(dir)) {
                for (Path p : all.toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
                java.nio.file.Files.deleteIfExists(dir);
            } catch (java.io.IOException e) {
                // the temporary folder is the system's to clean
            }
        }
    }

    /** Every row of a DuckDB relation as a dataset; {@code problem} starts the message when DuckDB refuses it. */
    private static Dataset table(String relation, String file, DataSource source, String problem,
                                 TaskMonitor monitor) {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = conn.createStatement()) {
            long rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + relation)) {
                rs.next();
                rows = rs.getLong(1);
            }
            if (rows > Integer.MAX_VALUE) {
                throw DataException.inFile(file, rows + " rows is more than can be loaded");
            }
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + relation)) {
                ResultSetMetaData md = rs.getMetaData();
                int width = md.getColumnCount();
                boolean[] numeric = new boolean[width];
                boolean[] bool = new boolean[width];
                double[][] nums = new double[width][];
                String[][] texts = new String[width][];
                for (int j = 0; j < width; j++) {
                    int t = md.getColumnType(j + 1);
                    numeric[j] = isNumeric(t);
                    bool[j] = t == Types.BOOLEAN;
                    if (numeric[j]) {
                        nums[j] = new double[(int) rows];
                    } else {
                        texts[j] = new String[(int) rows];
                    }
                }
                int i = 0;
                while (rs.next()) {
                    for (int j = 0; j < width; j++) {
                        if (numeric[j]) {
                            double v = rs.getDouble(j + 1);
                            nums[j][i] = rs.wasNull() ? Double.NaN : v;
                        } else {
                            texts[j][i] = rs.getString(j + 1);
                        }
                    }
                    if ((++i & 8191) == 0) {
                        monitor.checkCancelled();
                        monitor.progress((double) i / rows, "Reading " + file);
                    }
                }
                List<Column> columns = new ArrayList<>(width);
                for (int j = 0; j < width; j++) {
                    String name = md.getColumnName(j + 1);
                    if (numeric[j]) {
                        columns.add(new NumericColumn(name, nums[j]));
                    } else if (bool[j]) {
                        columns.add(new StringColumn(name, ColumnType.BOOLEAN, texts[j]));
                    } else {
                        columns.add(ColumnInference.infer(name, texts[j]));
                    }
                }
                return new Dataset(file, source, columns);
            }
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw DataException.inFile(file, problem + " (" + msg + ")");
        }
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL,
                 Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }
}
