package org.shiftscope.app;

import java.io.PrintStream;
import java.util.Locale;
import org.shiftscope.core.TaskMonitor;

/**
 * Progress of a long CLI job on one self-overwriting stderr line, at most every half second, and only when stderr is
 * an interactive terminal (never in pipes, files or tests). Ctrl-C stops the JVM, which is how a CLI job is cancelled.
 */
final class ConsoleProgress implements TaskMonitor {

    private final PrintStream err;
    private long last;
    private boolean printed;

    private ConsoleProgress(PrintStream err) {
        this.err = err;
    }

    /** A monitor for the CLI: live progress on a terminal, silent otherwise. */
    static TaskMonitor forTerminal() {
        return System.console() == null ? TaskMonitor.NONE : new ConsoleProgress(System.err);
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        long now = System.nanoTime();
        if (now - last < 500_000_000L) {
            return;
        }
        last = now;
        String text = fraction >= 0 ? String.format(Locale.ROOT, "%3.0f%% %s", 100 * fraction, message) : message;
        err.print("\r" + (text.length() > 78 ? text.substring(0, 78) : String.format(Locale.ROOT, "%-78s", text)));
        err.flush();
        printed = true;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    /** Clears the progress line before the result is printed. */
    static void clear(TaskMonitor monitor) {
        if (monitor instanceof ConsoleProgress p && p.printed) {
            p.err.print("\r" + " ".repeat(79) + "\r");
            p.err.flush();
        }
    }
}
