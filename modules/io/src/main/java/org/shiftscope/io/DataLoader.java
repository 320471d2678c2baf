package org.shiftscope.io;

import java.nio.file.Path;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.TaskMonitor;

/** Opens any supported file or folder as a {@link Dataset}; the single entry point the app and CLI use. */
public final class DataLoader {

    private DataLoader() {
    }

    public static Dataset load(Path path, LoadOptions options, TaskMonitor monitor) {
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
