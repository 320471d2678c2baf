package org.shiftscope.workflow;

import java.nio.file.Path;

/**
 * Where ShiftScope keeps its own files: the data folder (run history, logs; {@code -Dshiftscope.data} or
 * {@code SHIFTSCOPE_DATA}, else ~/.local/share/shiftscope) and the cache folder (embeddings;
 * {@code -Dshiftscope.cache} or {@code SHIFTSCOPE_CACHE}, else ~/.cache/shiftscope).
 */
public final class AppFolders {

    private AppFolders() {
    }

    public static Path data() {
        return chosen("shiftscope.data", "SHIFTSCOPE_DATA", Path.of(System.getProperty("user.home"), ".local", "share",
                "shiftscope"));
    }

    public static Path cache() {
        return chosen("shiftscope.cache", "SHIFTSCOPE_CACHE", Path.of(System.getProperty("user.home"), ".cache",
                "shiftscope"));
    }

    /** The log file internal errors are written to. */
    public static Path log() {
        return data().resolve("logs").resolve("shiftscope.log");
    }

    private static Path chosen(String property, String env, Path fallback) {
        String v = System.getProperty(property, System.getenv(env));
        return v != null && !v.isBlank() ? Path.of(v) : fallback;
    }
}
