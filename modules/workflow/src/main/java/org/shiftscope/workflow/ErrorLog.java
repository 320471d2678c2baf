package org.shiftscope.workflow;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Internal errors, with their stack traces, written to the log ({@link Logs}); the user sees one line pointing there. */
public final class ErrorLog {

    private static final Logger LOG = Logger.getLogger("org.shiftscope");

    private ErrorLog() {
    }

    /** Logs what was being done and the trace; returns the log's path, or null when it cannot be written. */
    public static Path write(String doing, Throwable e) {
        try {
            Logs.ensure();
            LOG.log(Level.SEVERE, "ShiftScope " + Version.get() + ", Java " + Runtime.version() + ", "
                    + System.getProperty("os.name") + ": internal error in " + doing, e);
            Logs.flush();
            return Logs.file();
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
