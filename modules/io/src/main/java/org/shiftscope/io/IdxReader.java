package org.shiftscope.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Reads IDX files (the MNIST / Fashion-MNIST format), gzipped or not. An image file ({@code n x rows x cols}
 * unsigned bytes) becomes a dataset of grayscale images with a {@code mean_intensity} column, plus a
 * {@code label} column when the matching labels file lies beside it ({@code train-images-idx3-ubyte} pairs with
 * {@code train-labels-idx1-ubyte}). A 1-D file becomes one {@code label} column; a 2-D file numeric columns.
 */
public final class IdxReader {

    private IdxReader() {
    }

    private record Header(int type, int[] dims) {
        long cells() {
            long c = 1;
            for (int d : dims) {
                c = d > 0 && c > Long.MAX_VALUE / d ? Long.MAX_VALUE : c * d;
            }
            return c;
        }

        /** Bytes of one value. */
        int itemSize() {
            return switch (type) {
                case 0x08, 0x09 -> 1;
                case 0x0B -> 2;
                case 0x0C, 0x0D -> 4;
                default -> 8;
            };
        }

        /** Bytes of the header: magic and one 4-byte size per dimension. */
        long length() {
            return 4 + 4L * dims.length;
        }
    }

    public static Dataset read(Path path, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        try (DataInputStream in = new DataInputStream(source.stream(monitor, "Reading " + file))) {
            Header h = header(in, file);
            long bytes = h.cells() > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : h.cells() * h.itemSize();
            if (!source.gzip() && bytes > source.size() - h.length()) {
                throw DataException.inFile(file, "truncated: the header declares " + h.cells() + " values ("
                        + bytes + " bytes) but the file holds only " + Math.max(0, source.size() - h.length())
                        + " bytes after its header");
            }
            // what the values take in memory: images as bytes, labels as text, matrices as doubles
            long memory = switch (h.dims().length) {
                case 1 -> h.cells() > Long.MAX_VALUE / 64 ? -1 : 64L * h.cells();
                case 3 -> h.cells() > Long.MAX_VALUE / 2 ? -1 : h.cells() + 96L * h.dims()[0];
                default -> h.cells() > Long.MAX_VALUE / 8 ? -1 : 8L * h.cells();
            };
            org.shiftscope.core.Memory.check(file, "its " + h.cells() + " values", memory);
            DataSource ds = DataSource.ofFile(path, "idx", "");
            Dataset data = switch (h.dims().length) {
                case 1 -> new Dataset(file, ds, List.of(labelColumn(in, h, file)));
                case 2 -> matrix(in, h, file, ds);
                case 3 -> images(in, h, file, ds, monitor);
                default -> throw DataException.inFile(file, "IDX array with " + h.dims().length
                        + " dimensions; expected labels (1), a matrix (2) or images (3)");
            };
            if (in.read() >= 0) {
                throw DataException.inFile(file, "has bytes after the " + h.cells() + " values its header declares");
            }
            DataSource hashed = DataSource.ofFile(path, "idx", source.hash());
            Dataset withHash = new Dataset(file, hashed, data.columns(), data.images());
            return h.dims().length == 3 ? attachLabels(path, withHash, monitor) : withHash;
        } catch (EOFException e) {
            throw DataException.inFile(file, "truncated: the file ends before all values its header declares");
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    private static Header header(DataInputStream in, String file) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0 || magic[3] < 1 || magic[3] > 4
                || !(magic[2] == 0x08 || magic[2] == 0x09 || (magic[2] >= 0x0B && magic[2] <= 0x0E))) {
            throw DataException.inFile(file, "not an IDX file (bad magic number)");
        }
        int[] dims = new int[magic[3]];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0) {
                throw DataException.inFile(file, "IDX dimension " + (i + 1) + " is " + dims[i]);
            }
        }
        Header h = new Header(magic[2], dims);
        if (h.cells() > Integer.MAX_VALUE) {
            throw DataException.inFile(file, "IDX array too large to load (" + h.cells() + " values)");
        }
        return h;
    }

    private static double readValue(DataInputStream in, int type) throws IOException {
        return switch (type) {
            case 0x08 -> in.readUnsignedByte();
            case 0x09 -> in.readByte();
            case 0x0B -> in.readShort();
            case 0x0C -> in.readInt();
            case 0x0D -> in.readFloat();
            default -> in.readDouble();
        };
    }

    private static Column labelColumn(DataInputStream in, Header h, String file) throws IOException {
        String[] labels = new String[h.dims()[0]];
        for (int i = 0; i < labels.length; i++) {
            double v = readValue(in, h.type());
            labels[i] = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
        return new StringColumn("label", ColumnType.CATEGORICAL, labels);
    }

    private static Dataset matrix(DataInputStream in, Header h, String file, DataSource ds) throws IOException {
        int n = h.dims()[0];
        int d = h.dims()[1];
        double[][] cols = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                cols[j][i] = readValue(in, h.type());
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            columns.add(new NumericColumn("dim_" + j, cols[j]));
        }
        return new Dataset(file, ds, columns);
    }

    private static Dataset images(DataInputStream in, Header h, String file, DataSource ds, TaskMonitor monitor)
            throws IOException {
        if (h.type() != 0x08) {
            throw DataException.inFile(file, "IDX images must be unsigned bytes (type 0x08)");
        }
        int n = h.dims()[0];
        int rows = h.dims()[1];
        int cols = h.dims()[2];
        List<RasterImage> images = new ArrayList<>(n);
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[rows * cols];
            in.readFully(px);
            RasterImage img = new RasterImage(cols, rows, 1, px);
            images.add(img);
            mean[i] = img.meanIntensity();
            if ((i & 1023) == 0) {
                monitor.checkCancelled();
            }
        }
        return new Dataset(file, ds, List.of(new NumericColumn("mean_intensity", mean)), images);
    }

    /** Adds the labels from the sibling labels file, if there is one. */
    private static Dataset attachLabels(Path imagesPath, Dataset images, TaskMonitor monitor) {
        String name = imagesPath.getFileName().toString();
        if (!name.contains("images-idx3")) {
            return images;
        }
        Path labelsPath = imagesPath.resolveSibling(name.replace("images-idx3", "labels-idx1"));
        if (!Files.isRegularFile(labelsPath)) {
            return images;
        }
        Dataset labels = read(labelsPath, monitor);
        if (labels.rowCount() != images.rowCount() || labels.columns().size() != 1) {
            throw DataException.inFile(labelsPath.getFileName().toString(), "holds " + labels.rowCount()
                    + " labels, but " + name + " holds " + images.rowCount() + " images");
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new StringColumn("label", ColumnType.CATEGORICAL,
                ((StringColumn) labels.columns().get(0)).values()));
        columns.addAll(images.columns());
        return new Dataset(images.name(), images.source(), columns, images.images());
    }
}
