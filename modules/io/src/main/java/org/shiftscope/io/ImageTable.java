package org.shiftscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.ImageFiles;
import org.shiftscope.core.TaskMonitor;

/**
 * A metadata table whose column names image files (the WILDS / Waterbirds / CelebA layout: a CSV or Parquet of
 * file path, label, domain and group columns beside a folder of images): the table's rows with their images, kept
 * on disk and decoded on demand ({@link ImageFiles}). Relative paths resolve against {@code root}, by default the
 * table's folder. Each file is checked when the table is opened (it exists, and a PNG or JPEG decoder reads its
 * header); rows whose image is missing or unreadable are left out and counted, with the first few named.
 */
public final class ImageTable {

    private ImageTable() {
    }

    /** How many problem files a report names before it only counts. */
    public static final int NAMED = 5;

    /**
     * The table with its images, and the rows left out.
     *
     * @param leftOut  rows left out for a missing or unreadable image
     * @param examples the first {@value #NAMED} of them, "path: reason"
     */
    public record Attached(Dataset data, int leftOut, List<String> examples) {

        /** One line for the UI and the CLI, or "" when every image was found. */
        public String note() {
            return leftOut == 0 ? "" : String.format(java.util.Locale.ROOT, "%s: %,d row(s) left out for a missing"
                    + " or unreadable image (%s%s)", data.source().displayName(), leftOut, String.join("; ", examples),
                    leftOut > examples.size() ? "; ..." : "");
        }
    }

    /**
     * Attaches the images the column names.
     *
     * @param table     the metadata table as loaded
     * @param tableFile its file (relative paths resolve against its folder unless {@code root} is given)
     * @param root      the folder relative paths resolve against, or null
     */
    public static Attached attach(Dataset table, Path tableFile, String column, Path root, TaskMonitor monitor) {
        String file = table.source().displayName();
        Column paths = table.requireColumn(column);
        if (paths.type() == ColumnType.NUMERIC) {
            throw DataException.inFile(file, "column '" + column + "' holds numbers, not image file paths");
        }
        Path base = (root != null ? root : tableFile.toAbsolutePath().getParent()).toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw DataException.setting("image-root", "the image folder " + base + " does not exist");
        }
        int n = table.rowCount();
        Path[] resolved = new Path[n];
        String[] problem = new String[n];
        long[] sizes = new long[n];
        long[] times = new long[n];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, n).parallel().forEach(i -> {
            if ((i & 255) == 0) {
                monitor.checkCancelled();
            }
            String cell = paths.isMissing(i) ? null : paths.text(i).strip();
            if (cell == null || cell.isEmpty()) {
                problem[i] = "(row " + (i + 1) + "): no path";
                return;
            }
            Path p;
            try {
                p = base.resolve(cell).normalize();
            } catch (InvalidPathException e) {
                problem[i] = cell + ": not a valid path";
                return;
            }
            resolved[i] = p;
            try {
                sizes[i] = Files.size(p);
                times[i] = Files.getLastModifiedTime(p).toMillis();
            } catch (IOException e) {
                problem[i] = cell + ": no such file";
                return;
            }
            String header = readableHeader(p);
            if (header != null) {
                problem[i] = cell + ": " + header;
            }
            int k = done.incrementAndGet();
            if ((k & 1023) == 0) {
                monitor.progress((double) k / n, "checking images " + k + " of " + n);
            }
        });
        List<Integer> keep = new ArrayList<>(n);
        List<String> examples = new ArrayList<>();
        int leftOut = 0;
        MessageDigest sha = SourceBytes.sha256();
        sha.update(table.source().contentHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < n; i++) {
            if (problem[i] != null) {
                leftOut++;
                if (examples.size() < NAMED) {
                    examples.add(problem[i]);
                }
                continue;
            }
            keep.add(i);
            sha.update((paths.text(i) + "|" + sizes[i] + "|" + times[i] + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (keep.isEmpty()) {
            throw DataException.inFile(file, "no row of column '" + column + "' names a readable image (resolved"
                    + " against " + base + "; " + String.join("; ", examples) + ")");
        }
        int[] rows = keep.stream().mapToInt(Integer::intValue).toArray();
        Dataset kept = rows.length == n ? table : table.selectRows(rows);
        List<Path> files = new ArrayList<>(rows.length);
        List<String> names = new ArrayList<>(rows.length);
        for (int r : rows) {
            files.add(resolved[r]);
            names.add(paths.text(r).strip());
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        ImageFiles images = new ImageFiles(files, names, ImageTable::decode, hash);
        DataSource source = new DataSource(table.source().location(), table.source().format() + "+images", hash);
        return new Attached(new Dataset(table.name(), source, kept.columns(), images), leftOut, examples);
    }

    /** Reads and decodes one image file, naming it as the table does. */
    static org.shiftscope.core.RasterImage decode(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw DataException.inFile(name, "cannot be read: " + e.getMessage());
        }
        return ImageDecoder.decode(bytes, name);
    }

    /** Null when a PNG or JPEG decoder reads the file's header, else why not. */
    private static String readableHeader(Path p) {
        try (InputStream raw = Files.newInputStream(p); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return "not a PNG or JPEG image";
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) < 1 || reader.getHeight(0) < 1) {
                    return "an image without pixels";
                }
            } finally {
                reader.dispose();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "unreadable image header (" + e.getMessage() + ")";
        }
    }
}
