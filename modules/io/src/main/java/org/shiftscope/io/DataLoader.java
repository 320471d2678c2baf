package org.shiftscope.io;

import java.nio.file.Path;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.TaskMonitor;

/** Opens any supported file or folder as a {@link Dataset}; the single entry point the app and CLI use. */
public final class DataLoader {

    private DataLoader() {
    }

    /**
     * Loads a table, an array, IDX images or an image folder; a file that does not fit in memory gets a
     * {@link DataException} saying how big it is and how to give Java more memory, never an OutOfMemoryError.
     */
    public static Dataset load(Path path, LoadOptions options, TaskMonitor monitor) {
        try {
            return read(path, options, monitor);
        } catch (OutOfMemoryError e) {
            String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
            long size = java.nio.file.Files.isRegularFile(path) ? path.toFile().length() : -1;
            throw org.shiftscope.core.DataException.inFile(file, "does not fit in memory" + (size >= 0 ? " (the file is "
                    + org.shiftscope.core.Memory.human(size) + ")" : "") + "; "
                    + org.shiftscope.core.Memory.advice());
        }
    }

    private static Dataset read(Path path, LoadOptions options, TaskMonitor monitor) {
        return switch (DataFormat.detect(path)) {
            case CSV -> CsvReader.read(path, options, monitor);
            case PARQUET -> DuckDbReader.parquet(path, monitor);
            case PARQUET_FOLDER -> DuckDbReader.parquetFolder(path, monitor);
            case JSON -> DuckDbReader.json(path, monitor);
            case NPZ -> NpzReader.read(path, monitor);
            case XLSX -> XlsxReader.read(path, monitor);
            case NPY -> NpyReader.read(path, monitor);
            case IDX -> IdxReader.read(path, monitor);
            case IMAGE_FOLDER -> ImageFolderReader.read(path, monitor);
        };
    }

    public static Dataset load(Path path) {
        return load(path, LoadOptions.defaults(), TaskMonitor.NONE);
    }
}
