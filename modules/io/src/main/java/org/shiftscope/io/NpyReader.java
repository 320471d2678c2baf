package org.shiftscope.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;

/**
 * Reads NumPy {@code .npy} arrays (format versions 1-3): float16/float32/float64, signed and unsigned integers and bool,
 * either byte order, C or Fortran order, one or two dimensions. A 2-D array of shape (n, d) becomes d numeric columns
 * {@code dim_0 ... dim_(d-1)}; a 1-D array one column {@code value}.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiub])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /** @param length bytes of the header itself (magic, version, length field and the dictionary) */
    record Header(ByteOrder order, char kind, int itemSize, long[] shape, boolean fortran, long length) {
    }

    public static Dataset read(Path path, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        try (DataInputStream in = new DataInputStream(source.stream(monitor, "Reading " + file))) {
            Array a = readArray(in, file, source.gzip() ? -1 : source.size());
            List<Column> columns = new ArrayList<>(a.columns().length);
            for (int j = 0; j < a.columns().length; j++) {
                columns.add(new NumericColumn(a.shape().length == 2 ? "dim_" + j : "value", a.columns()[j]));
            }
            return new Dataset(file, DataSource.ofFile(path, "npy", source.hash()), columns);
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    /** One array read from a .npy stream: its shape and its values column by column (one column when 1-D). */
    record Array(long[] shape, double[][] columns) {
    }

    /**
     * Reads one .npy array (header and data) from a stream; {@code file} names it in messages. {@code size} is how
     * many bytes the stream holds (header included), or -1 when unknown: a header that declares more data than that
     * is refused before anything is allocated, and one that declares less is refused as damaged.
     */
    static Array readArray(InputStream in, String file, long size) throws IOException {
        Header h = readHeader(in, file);
        int rows = (int) h.shape()[0];
        int dims = h.shape().length == 2 ? (int) h.shape()[1] : 1;
        long expected = (long) rows * dims * h.itemSize();
        if (size >= 0 && expected != size - h.length()) {
            long have = Math.max(0, size - h.length());
            throw DataException.inFile(file, expected > have
                    ? "truncated: the header promises shape " + shapeText(h.shape()) + " (" + expected
                            + " bytes of data) but the file holds only " + have + " bytes of data"
                    : "holds " + (have - expected) + " bytes more than its shape " + shapeText(h.shape())
                            + " declares (" + expected + " bytes of data); the file is damaged or its header is"
                            + " wrong");
        }
        org.shiftscope.core.Memory.check(file, "an array of shape " + shapeText(h.shape()), 8L * rows * dims);
        double[][] cols = new double[dims][rows];
        // C order stores row after row; Fortran order (np.asfortranarray, sklearn's PCA output) column after column
        int lines = h.fortran() ? dims : rows;
        int perLine = h.fortran() ? rows : dims;
        byte[] line = new byte[perLine * h.itemSize()];
        ByteBuffer buf = ByteBuffer.wrap(line).order(h.order());
        for (int l = 0; l < lines; l++) {
            int got = in.readNBytes(line, 0, line.length);
            if (got < line.length) {
                long have = (long) l * line.length + got;
                throw DataException.inFile(file, "truncated: the header promises shape "
                        + shapeText(h.shape()) + " (" + expected + " bytes of data) but the file holds only "
                        + have + " bytes of data");
            }
            for (int e = 0; e < perLine; e++) {
                double v = value(buf, e * h.itemSize(), h.kind(), h.itemSize());
                if (h.fortran()) {
                    cols[l][e] = v;
                } else {
                    cols[e][l] = v;
                }
            }
        }
        return new Array(h.shape(), cols);
    }

    static Header readHeader(InputStream in, String file) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw DataException.inFile(file, "not a NumPy .npy file (the magic string \\x93NUMPY is missing)");
        }
        int major = in.read();
        int minor = in.read();
        if (major < 1 || major > 3 || minor < 0) {
            throw DataException.inFile(file, "unsupported .npy format version " + major + "." + minor);
        }
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        if (lenBytes.length < (major == 1 ? 2 : 4)) {
            throw DataException.inFile(file, "truncated: the file ends inside the .npy header");
        }
        ByteBuffer lb = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        if (headerLen > 1 << 20) {
            throw DataException.inFile(file, "the .npy header claims " + headerLen + " bytes; the file is damaged");
        }
        byte[] headerBytes = in.readNBytes((int) headerLen);
        if (headerBytes.length < headerLen) {
            throw DataException.inFile(file, "truncated: the file ends inside the .npy header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw DataException.inFile(file, "the .npy header is not understood (" + header.strip()
                    + "); only plain numeric arrays are supported, not structured or object arrays");
        }
        char kind = d.group(2).charAt(0);
        int size = d.group(3).length() > 2 ? -1 : Integer.parseInt(d.group(3)); // sizes are 1, 2, 4 or 8
        boolean supported = switch (kind) {
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!supported) {
            throw DataException.inFile(file, "unsupported dtype '" + d.group(1) + kind + size
                    + "'; save the array as float16, float32, float64, an integer type or bool");
        }
        long[] shape = parseShape(s.group(1), file);
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new Header(order, kind, size, shape, f.group(1).equals("True"),
                MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLen);
    }

    private static long[] parseShape(String text, String file) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                long v;
                try {
                    v = Long.parseLong(part.strip().replace("L", ""));
                } catch (NumberFormatException e) {
                    throw DataException.inFile(file, "the .npy header's shape (" + text.strip() + ") is not a list"
                            + " of sizes; the file is damaged");
                }
                if (v < 0) {
                    throw DataException.inFile(file, "the .npy header's shape (" + text.strip() + ") has a negative"
                            + " size; the file is damaged");
                }
                dims.add(v);
            }
        }
        if (dims.isEmpty() || dims.size() > 2) {
            throw DataException.inFile(file, "array of shape (" + text.strip() + ") has " + dims.size()
                    + " dimensions; embeddings must be 1-D or 2-D (rows x features)");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long cells = shape.length == 2 && shape[0] > 0 && shape[1] > Long.MAX_VALUE / shape[0] ? Long.MAX_VALUE
                : shape.length == 2 ? shape[0] * shape[1] : shape[0];
        if (shape[0] > Integer.MAX_VALUE || cells > Integer.MAX_VALUE) {
            throw DataException.inFile(file, "array of shape " + shapeText(shape) + " is too large to load");
        }
        return shape;
    }

    static String shapeText(long[] shape) {
        return shape.length == 1 ? "(" + shape[0] + ",)" : "(" + shape[0] + ", " + shape[1] + ")";
    }

    private static double value(ByteBuffer b, int at, char kind, int size) {
        return switch (kind) {
            case 'f' -> switch (size) {
                case 2 -> Float.float16ToFloat(b.getShort(at));
                case 4 -> b.getFloat(at);
                default -> b.getDouble(at);
            };
            case 'b' -> b.get(at) != 0 ? 1 : 0;
            case 'i' -> switch (size) {
                case 1 -> b.get(at);
                case 2 -> b.getShort(at);
                case 4 -> b.getInt(at);
                default -> b.getLong(at);
            };
            default -> switch (size) {
                case 1 -> b.get(at) & 0xFF;
                case 2 -> b.getShort(at) & 0xFFFF;
                case 4 -> b.getInt(at) & 0xFFFFFFFFL;
                default -> b.getLong(at);
            };
        };
    }
}
