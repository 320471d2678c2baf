package org.shiftscope.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shiftscope.core.DataException;
import picocli.CommandLine;

/**
 * A file option that also takes {@code -}: standard input, read once to a private temporary file whose name says
 * what it holds (stdin.csv, stdin.jsonl or stdin.parquet, sniffed from its first bytes), so every reader and every
 * message works as for a file.
 */
final class StdinPath implements CommandLine.ITypeConverter<Path> {

    /** Where standard input was saved, once read (one option per command may be -). */
    private static Path read;

    /** The stream read for {@code -}; tests replace it. */
    static InputStream in = System.in;

    @Override
    public Path convert(String value) throws IOException {
        if (!value.equals("-")) {
            return Path.of(value);
        }
        synchronized (StdinPath.class) {
            if (read != null && Files.exists(read)) {
                throw DataException.of("standard input can be read once: give - for one file option only");
            }
            Path dir = Files.createTempDirectory("shiftscope-stdin");
            dir.toFile().deleteOnExit();
            Path tmp = dir.resolve("stdin");
            try (InputStream stream = in) {
                Files.copy(stream, tmp);
            }
            byte[] head;
            try (InputStream h = Files.newInputStream(tmp)) {
                head = h.readNBytes(4);
            }
            String kind = head.length == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1'
                    ? ".parquet" : head.length > 0 && (head[0] == '{' || head[0] == '[') ? ".jsonl"
                    : head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B ? ".csv.gz" : ".csv";
            Path named = Files.move(tmp, dir.resolve("stdin" + kind));
            named.toFile().deleteOnExit();
            read = named;
            return named;
        }
    }

    /** Forgets what was read (each CLI run in one process reads its own standard input). */
    static synchronized void reset() {
        read = null;
    }

    /** Whether an output option names standard output. */
    static boolean isStdout(Path out) {
        return out != null && out.toString().equals("-");
    }
}
