package org.shiftscope.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.DataLoader;
import org.shiftscope.io.LoadOptions;

/**
 * Loads files once and hands out the same {@link Dataset} while the file is unchanged (same size and modification
 * time), so that changing a filter does not re-read a large file. Holds the few most recent files.
 */
public final class DatasetCatalog {

    private static final int CAPACITY = 4;

    private record Key(Path path, long size, FileTime modified) {
    }

    private final LoadOptions options;
    private final Map<Key, Dataset> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Dataset> eldest) {
            return size() > CAPACITY;
        }
    };

    public DatasetCatalog(LoadOptions options) {
        this.options = options;
    }

    public DatasetCatalog() {
        this(LoadOptions.defaults());
    }

    public Dataset load(Path path, TaskMonitor monitor) {
        Path abs = path.toAbsolutePath().normalize();
        Key key;
        try {
            key = new Key(abs, Files.isDirectory(abs) ? -1 : Files.size(abs), Files.getLastModifiedTime(abs));
        } catch (IOException e) {
            // let the loader produce its own message for a missing or unreadable file
            return DataLoader.load(abs, options, monitor);
        }
        synchronized (cache) {
            Dataset hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Dataset loaded = DataLoader.load(abs, options, monitor);
        synchronized (cache) {
            cache.put(key, loaded);
        }
        return loaded;
    }
}
