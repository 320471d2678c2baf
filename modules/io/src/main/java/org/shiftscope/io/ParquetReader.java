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
 * Reads Parquet files through an in-memory DuckDB (its Parquet reader is linked in, nothing is downloaded).
 * Numeric Parquet types become numeric columns, BOOLEAN boolean, and everything else text whose type
 * (categorical or text) is inferred like a CSV column.
 */
public final class ParquetReader {

    private ParquetReader() {
    }

    public static Dataset read(Path path, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        String hash = source.hash();
        String literal = "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = conn.createStatement()) {
            long rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + literal + ")")) {
                rs.next();
                rows = rs.getLong(1);
            }
            if (rows > Integer.MAX_VALUE) {
                throw DataException.inFile(file, rows + " rows is more than can be loaded");
            }
            try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet(" + literal + ")")) {
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
                            String v = rs.getString(j + 1);
                            texts[j][i] = v;
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
                return new Dataset(file, DataSource.ofFile(path, "parquet", hash), columns);
            }
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw DataException.inFile(file, "not a readable Parquet file (" + msg + ")");
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
