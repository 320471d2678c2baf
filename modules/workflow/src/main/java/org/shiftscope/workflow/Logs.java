package org.shiftscope.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The application's log: everything logged through SLF4J (the engines, DuckDB's driver, our own code) goes to
 * java.util.logging, and from there to one file in the state folder ({@link AppFolders#logs()}, rotated at 4 MiB, 3
 * old files kept) or the file {@code --log-file} names; {@code --verbose} also copies it, with debug detail, to
 * standard error. Nothing else reaches the terminal: a user sees one clear line, the log keeps the details.
 */
public final class Logs {

    static final long MAX_BYTES = 4L << 20;
    static final int KEEP = 3;
    private static volatile Path file;

    private Logs() {
    }

    /** The file being written to, or null before {@link #configure} (or when it could not be opened). */
    public static Path file() {
        return file;
    }

    /**
     * Sends the log to {@code chosen} (null: the rotating file in the state folder), at debug detail and to
     * standard error too when {@code verbose}. Returns the line to show when the file cannot be written (null when
     * it can): the app then runs without a log file rather than not at all.
     */
    public static synchronized String configure(boolean verbose, Path chosen) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level level = verbose ? Level.FINE : Level.INFO;
        root.setLevel(level);
        Logger.getLogger("org.shiftscope").setLevel(level);
        Path target = chosen != null ? chosen.toAbsolutePath() : AppFolders.logs().resolve("shiftscope.log");
        String problem = null;
        try {
            Handler h = new RotatingHandler(target, chosen == null);
            h.setLevel(level);
            root.addHandler(h);
            file = target;
        } catch (IOException | RuntimeException e) {
            file = null;
            problem = "the log cannot be written to " + target + " (" + e.getMessage() + ")";
        }
        if (verbose) {
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.FINE);
            console.setFormatter(new OneLine());
            root.addHandler(console);
        }
        return problem;
    }

    /** Sets the log up as {@link #configure} does by default, unless it is set up already. */
    static synchronized void ensure() {
        if (file == null) {
            configure(false, null);
        }
    }

    /** Writes the handlers' buffers out. */
    static void flush() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.flush();
        }
    }

    /** "time LEVEL logger: message", then the trace when there is one. */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder b = new StringBuilder().append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                    .append(r.getLevel().getName()).append(' ').append(r.getLoggerName()).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                b.append(w);
            }
            return b.toString();
        }
    }

    /**
     * Appends to one file (several processes may share it: each write is one append) and, for the default log,
     * moves it to .1 (.1 to .2 ...) when it passes {@link #MAX_BYTES}. Never follows a symbolic link.
     */
    static final class RotatingHandler extends StreamHandler {
        private final Path path;
        private final boolean rotate;
        private FileChannel channel;

        RotatingHandler(Path path, boolean rotate) throws IOException {
            this.path = path;
            this.rotate = rotate;
            Files.createDirectories(path.getParent());
            setFormatter(new OneLine());
            setEncoding("UTF-8");
            open();
        }

        private void open() throws IOException {
            if (rotate && Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
                for (int i = KEEP - 1; i >= 1; i--) {
                    Path from = i == 1 ? path : path.resolveSibling(path.getFileName() + "." + (i - 1));
                    if (Files.exists(from)) {
                        Files.move(from, path.resolveSibling(path.getFileName() + "." + i),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            OutputStream out = Channels.newOutputStream(channel);
            setOutputStream(out);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            super.flush();
            try {
                if (rotate && channel.size() > MAX_BYTES) {
                    super.close();
                    open();
                }
            } catch (IOException e) {
                reportError("cannot rotate " + path, e, java.util.logging.ErrorManager.WRITE_FAILURE);
            }
        }
    }
}
