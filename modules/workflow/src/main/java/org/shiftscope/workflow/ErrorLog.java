package org.shiftscope.workflow;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Internal errors, with their stack traces, appended to the log file (the user sees one line pointing here). */
public final class ErrorLog {

    /** Largest size the log grows to before it starts afresh. */
    static final long MAX_BYTES = 4L << 20;

    private ErrorLog() {
    }

    /** Appends what was being done and the trace; returns the log's path, or null when it cannot be written. */
    public static Path write(String doing, Throwable e) {
        Path log = AppFolders.log();
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String entry = Instant.now() + " ShiftScope " + Version.get() + ", Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + "\n" + doing + "\n" + trace + "\n";
        try {
            Files.createDirectories(log.getParent());
            if (Files.isRegularFile(log) && Files.size(log) > MAX_BYTES) {
                Files.move(log, log.resolveSibling("shiftscope.log.1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return log;
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }
}
