package org.shiftscope.workflow;

import java.nio.file.Path;

/**
 * Where ShiftScope keeps its own files: the data folder (run history, logs; {@code -Dshiftscope.data} or
 * {@code SHIFTSCOPE_DATA}, else ~/.local/share/shiftscope) and the cache folder (embeddings;
 * {@code -Dshiftscope.cache} or {@code SHIFTSCOPE_CACHE}, else ~/.cache/shiftscope) and the state folder (logs;
 * {@code -Dshiftscope.state} or {@code SHIFTSCOPE_STATE}, else $XDG_STATE_HOME/shiftscope or ~/.local/state/shiftscope).
 */
public final class AppFolders {

    private AppFolders() {
    }

    /** The data folder: the property, the variable, the preference (Edit > Preferences), else the default. */
    public static Path data() {
        String v = System.getProperty("shiftscope.data", System.getenv("SHIFTSCOPE_DATA"));
        if (v != null && !v.isBlank()) {
            return Path.of(v);
        }
        Path preferred = Preferred.DATA;
        return preferred != null ? preferred : Path.of(System.getProperty("user.home"), ".local", "share",
                "shiftscope");
    }

    /** The preference, read once when first needed: a changed data folder applies at the next start. */
    private static final class Preferred {
        static final Path DATA = preferredDataFolder();
    }

    /** The preferences' file (written by workflow.project.Preferences). */
    public static Path preferencesFile() {
        return config().resolve("preferences.json");
    }

    /** The data folder the preferences name, or null (none, or an unreadable file). */
    private static Path preferredDataFolder() {
        Path file = preferencesFile();
        try {
            if (!java.nio.file.Files.isRegularFile(file)) {
                return null;
            }
            String v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("dataFolder")
                    .asText("");
            return v.isBlank() ? null : Path.of(v);
        } catch (java.io.IOException | RuntimeException damaged) {
            return null;
        }
    }

    /** Where the preferences live: {@code shiftscope.config}, {@code SHIFTSCOPE_CONFIG}, else ~/.config/shiftscope. */
    public static Path config() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return chosen("shiftscope.config", "SHIFTSCOPE_CONFIG", base.resolve("shiftscope"));
    }

    public static Path cache() {
        return chosen("shiftscope.cache", "SHIFTSCOPE_CACHE", Path.of(System.getProperty("user.home"), ".cache",
                "shiftscope"));
    }

    public static Path state() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "state");
        return chosen("shiftscope.state", "SHIFTSCOPE_STATE", base.resolve("shiftscope"));
    }

    /** The folder of the rotating log ({@link Logs}). */
    public static Path logs() {
        return state().resolve("logs");
    }

    /** The current log file: the one {@link Logs} writes to, or where it would write by default. */
    public static Path log() {
        Path chosen = Logs.file();
        return chosen != null ? chosen : logs().resolve("shiftscope.log");
    }

    private static Path chosen(String property, String env, Path fallback) {
        String v = System.getProperty(property, System.getenv(env));
        return v != null && !v.isBlank() ? Path.of(v) : fallback;
    }
}
