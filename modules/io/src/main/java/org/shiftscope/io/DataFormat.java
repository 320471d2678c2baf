package org.shiftscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.shiftscope.core.DataException;

/**
 * The file formats ShiftScope opens, recognised by their leading bytes first and their name second. A file is read
 * as CSV only when nothing else claims it and it is text: a binary file of a format we do not read gets a message
 * that names the format and says how to convert it, never a CSV parse error.
 */
public enum DataFormat {
    CSV, PARQUET, PARQUET_FOLDER, JSON, NPY, NPZ, XLSX, IDX, IMAGE_FOLDER;

    /** Bytes looked at to tell text from binary. */
    static final int SNIFF = 4096;

    /** Recognises the format of a file or folder, or explains why it cannot be opened. */
    public static DataFormat detect(Path path) {
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            return folder(path, file);
        }
        if (!Files.exists(path)) {
            throw DataException.inFile(file, "no such file (" + path.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(path)) { // reading a pipe or a device would wait forever
            throw DataException.inFile(file, "not a regular file (a pipe, device or socket); save the data to a file"
                    + " first");
        }
        byte[] head = head(path, file);
        String lower = file.toLowerCase(Locale.ROOT);
        if (startsWith(head, 'P', 'A', 'R', '1')) {
            return PARQUET;
        }
        refuseKnownBinary(head, lower, file);
        if (startsWith(head, 'P', 'K', (char) 3, (char) 4)) {
            if (lower.endsWith(".npz")) {
                return NPZ;
            }
            if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) {
                return XLSX;
            }
            if (lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".bin")) {
                throw DataException.inFile(file, "a PyTorch file (torch.save): a model or tensors, not a table;"
                        + " open it as a model, or save the data with numpy.save / DataFrame.to_parquet");
            }
            throw DataException.inFile(file, "a zip archive; unpack it and open the table inside (CSV, Parquet,"
                    + " JSON Lines, .npy), or name it .npz / .xlsx if it is one");
        }
        if (lower.endsWith(".npz")) {
            throw DataException.inFile(file, "not a NumPy .npz archive (it is not a zip file)");
        }
        if (lower.endsWith(".xlsx")) {
            throw DataException.inFile(file, "not an Excel .xlsx workbook (it is not a zip file)");
        }
        if (head.length >= 6 && (head[0] & 0xFF) == 0x93 && startsWith(java.util.Arrays.copyOfRange(head, 1, 6),
                'N', 'U', 'M', 'P', 'Y')) {
            return NPY;
        }
        if (isIdxMagic(head) || isIdxMagic(gunzippedHead(path, head))) {
            return IDX;
        }
        if (lower.endsWith(".parquet")) {
            throw DataException.inFile(file, "not a Parquet file (the PAR1 magic bytes are missing)");
        }
        if (lower.endsWith(".npy")) {
            throw DataException.inFile(file, "not a NumPy .npy file (the magic string \\x93NUMPY is missing)");
        }
        if (lower.contains("idx") && lower.contains("ubyte")) {
            throw DataException.inFile(file, "not an IDX file (bad magic number)");
        }
        if (ImageFolderReader.isImageFile(path)) {
            throw DataException.inFile(file, "a single image; open the folder that holds one subfolder per class");
        }
        byte[] text = gunzippedHead(path, head, SNIFF);
        if (text.length == 0) {
            text = head;
        }
        if (looksLikeJson(text) || lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")
                || lower.endsWith(".jsonl.gz") || lower.endsWith(".ndjson.gz") || lower.endsWith(".json.gz")) {
            return JSON;
        }
        // a file named as text goes to the CSV reader, which says at which byte the text stops
        boolean namedText = lower.matches(".*\\.(csv|tsv|txt|dat)(\\.gz)?");
        if (!namedText && isBinary(text)) {
            throw DataException.inFile(file, "a binary file of a format ShiftScope does not read; tables open as"
                    + " CSV/TSV, Parquet, JSON Lines, Excel .xlsx, NumPy .npy/.npz or IDX");
        }
        return CSV;
    }

    /** A folder: Parquet parts (a Hugging Face dataset, a partitioned table) or an image folder. */
    private static DataFormat folder(Path path, String file) {
        try (java.util.stream.Stream<Path> all = Files.walk(path, 3)) {
            List<String> names = all.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)).toList();
            if (names.stream().anyMatch(n -> n.endsWith(".parquet"))) {
                return PARQUET_FOLDER;
            }
            if (names.stream().anyMatch(n -> n.endsWith(".arrow"))) {
                throw DataException.inFile(file, "a folder of Arrow files (a Hugging Face dataset saved with"
                        + " save_to_disk); write it as Parquet instead: dataset.to_parquet('data.parquet')");
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw DataException.inFile(file, "cannot list the folder: " + e.getMessage());
        }
        return IMAGE_FOLDER;
    }

    /** Formats we recognise but do not read: the message says which, and how to convert. */
    private static void refuseKnownBinary(byte[] h, String lower, String file) {
        String convert = "; convert it to Parquet or CSV (pandas: pd.read_...(f).to_parquet('data.parquet'))";
        // ARROW1 opens an Arrow IPC file (Feather v2); Feather v1's FEA1 could also begin a CSV header, so by name
        if (startsWith(h, 'A', 'R', 'R', 'O', 'W', '1') || lower.endsWith(".arrow") || lower.endsWith(".feather")) {
            throw DataException.inFile(file, "an Arrow / Feather file" + convert.replace("pd.read_...",
                    "pd.read_feather"));
        }
        if (h.length >= 8 && (h[0] & 0xFF) == 0x89 && startsWith(java.util.Arrays.copyOfRange(h, 1, 4), 'H', 'D',
                'F')) {
            throw DataException.inFile(file, "an HDF5 file" + convert.replace("pd.read_...", "pd.read_hdf")
                    + ", or save each array with numpy.save");
        }
        if (h.length >= 2 && (h[0] & 0xFF) == 0x80 && h[1] >= 2 && h[1] <= 5
                || lower.endsWith(".pkl") || lower.endsWith(".pickle")) {
            throw DataException.inFile(file, "a Python pickle: it is never opened, since loading a pickle runs"
                    + " code from it" + convert.replace("pd.read_...", "pd.read_pickle"));
        }
        if (lower.endsWith(".safetensors")) {
            throw DataException.inFile(file, "a safetensors file (model weights), not a table; export the model"
                    + " with torch.onnx.export or torch.jit.trace and open it as a model");
        }
        if (h.length >= 4 && (h[0] & 0xFF) == 0xD0 && (h[1] & 0xFF) == 0xCF && (h[2] & 0xFF) == 0x11
                && (h[3] & 0xFF) == 0xE0) {
            throw DataException.inFile(file, "an old Excel .xls (or other OLE) file; save it as .xlsx or CSV");
        }
        if (startsWith(h, 'O', 'R', 'C') && lower.endsWith(".orc") || startsWith(h, 'O', 'b', 'j', (char) 1)) {
            throw DataException.inFile(file, "an " + (startsWith(h, 'O', 'R', 'C') ? "ORC" : "Avro") + " file"
                    + convert.replace("pd.read_...", startsWith(h, 'O', 'R', 'C') ? "pd.read_orc" : "fastavro"));
        }
    }

    /** After an optional UTF-8 byte-order mark and white space, '{' or '['. */
    static boolean looksLikeJson(byte[] h) {
        int i = h.length >= 3 && (h[0] & 0xFF) == 0xEF && (h[1] & 0xFF) == 0xBB && (h[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < h.length && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n')) {
            i++;
        }
        return i < h.length && (h[i] == '{' || h[i] == '[');
    }

    /** A NUL byte in the first bytes, unless a UTF-16 byte-order mark says the text is UTF-16. */
    static boolean isBinary(byte[] h) {
        if (h.length >= 2 && ((h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xFE
                || (h[0] & 0xFF) == 0xFE && (h[1] & 0xFF) == 0xFF)) {
            return false;
        }
        for (byte b : h) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] head(Path path, String file) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(SNIFF);
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    private static byte[] gunzippedHead(Path path, byte[] head) {
        return gunzippedHead(path, head, 4);
    }

    private static byte[] gunzippedHead(Path path, byte[] head, int n) {
        if (head.length < 2 || (head[0] & 0xFF) != 0x1F || (head[1] & 0xFF) != 0x8B) {
            return new byte[0];
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            return in.readNBytes(n);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean isIdxMagic(byte[] h) {
        return h.length >= 4 && h[0] == 0 && h[1] == 0 && h[3] >= 1 && h[3] <= 4
                && (h[2] == 0x08 || h[2] == 0x09 || (h[2] >= 0x0B && h[2] <= 0x0E));
    }

    private static boolean startsWith(byte[] h, char... chars) {
        if (h.length < chars.length) {
            return false;
        }
        for (int i = 0; i < chars.length; i++) {
            if (h[i] != (byte) chars[i]) {
                return false;
            }
        }
        return true;
    }
}
