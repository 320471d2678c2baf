package org.shiftscope.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.StringColumn;
import org.shiftscope.core.TaskMonitor;

/**
 * Reads an image folder laid out as one subfolder per class holding PNG or JPEG files. Grayscale images stay
 * one channel, others become RGB. Columns: {@code label} (the subfolder), {@code file}, {@code width},
 * {@code height}, {@code mean_intensity}. A damaged or truncated image is an error naming the file: the JPEG
 * decoder's "premature end" warning counts as damage, since it would otherwise fill the rest with grey.
 */
public final class ImageFolderReader {

    private ImageFolderReader() {
    }

    static boolean isImageFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    public static Dataset read(Path root, TaskMonitor monitor) {
        String folder = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> classes = Files.list(root)) {
            for (Path dir : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> inside = Files.list(dir)) {
                    inside.filter(p -> Files.isRegularFile(p) && isImageFile(p)).sorted().forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw DataException.inFile(folder, "cannot list the folder: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw DataException.inFile(folder, "no PNG or JPEG images in class subfolders;"
                    + " an image folder holds one subfolder per class (e.g. cats/, dogs/) with the images inside");
        }
        MessageDigest sha = SourceBytes.sha256();
        int n = files.size();
        List<RasterImage> images = new ArrayList<>(n);
        String[] labels = new String[n];
        String[] names = new String[n];
        double[] widths = new double[n];
        double[] heights = new double[n];
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            monitor.checkCancelled();
            Path f = files.get(i);
            String rel = root.relativize(f).toString().replace('\\', '/');
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (IOException e) {
                throw DataException.inFile(rel, "cannot be read: " + e.getMessage());
            }
            sha.update(rel.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(bytes);
            RasterImage img = decode(bytes, rel);
            images.add(img);
            labels[i] = f.getParent().getFileName().toString();
            names[i] = rel;
            widths[i] = img.width();
            heights[i] = img.height();
            means[i] = img.meanIntensity();
            monitor.progress((i + 1.0) / n, "Decoding images in " + folder + " (" + (i + 1) + "/" + n + ")");
        }
        List<Column> columns = List.of(
                new StringColumn("label", ColumnType.CATEGORICAL, labels),
                new StringColumn("file", ColumnType.TEXT, names),
                new NumericColumn("width", widths),
                new NumericColumn("height", heights),
                new NumericColumn("mean_intensity", means));
        DataSource source = DataSource.ofFile(root, "image-folder", HexFormat.of().formatHex(sha.digest()));
        return new Dataset(folder, source, columns, images);
    }

    static RasterImage decode(byte[] bytes, String name) {
        return ImageDecoder.decode(bytes, name);
    }
}
