package org.shiftscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.shiftscope.core.DataException;

/** The file formats ShiftScope opens, recognised by their leading bytes first and their name second. */
public enum DataFormat {
    CSV, PARQUET, NPY, IDX, IMAGE_FOLDER;

    /** Recognises the format of a file or folder, or explains why it cannot be opened. */
    public static DataFormat detect(Path path) {
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            return IMAGE_FOLDER;
        }
        if (!Files.exists(path)) {
            throw DataException.inFile(file, "no such file (" + path.toAbsolutePath() + ")");
        }
        byte[] head = head(path, file);
        String lower = file.toLowerCase(Locale.ROOT);
        if (startsWith(head, 'P', 'A', 'R', '1')) {
            return PARQUET;
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
        return CSV;
    }

    private static byte[] head(Path path, String file) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(16);
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    private static byte[] gunzippedHead(Path path, byte[] head) {
        if (head.length < 2 || (head[0] & 0xFF) != 0x1F || (head[1] & 0xFF) != 0x8B) {
            return new byte[0];
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            return in.readNBytes(4);
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
