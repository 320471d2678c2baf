package org.shiftscope.workflow.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.AppFolders;

/** The embedding cache's folder as the user manages it: its size, and clearing it (Edit > Preferences). */
public final class CacheFolder {

    private CacheFolder() {
    }

    /** Bytes in the cache folder's files (0 when it does not exist). */
    public static long size() {
        return size(AppFolders.cache());
    }

    static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw DataException.inFile(dir.toString(), "cannot be read: " + e.getMessage());
        }
    }

    /** Deletes everything in the cache folder (not the folder); returns the bytes freed. */
    public static long clear() {
        return clear(AppFolders.cache());
    }

    static long clear(Path dir) {
        long before = size(dir);
        try {
            org.shiftscope.core.FileTrees.delete(dir, false);
        } catch (IOException e) {
            throw DataException.inFile(dir.toString(), "cannot be cleared: " + e.getMessage());
        }
        return before;
    }
}
