package org.shiftscope.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * A file opened for reading: transparently gunzips, reports progress, honours cancellation and hashes the raw
 * bytes (SHA-256) for provenance.
 */
final class SourceBytes {

    private final Path path;
    private final String file;
    private final long size;
    private final boolean gzip;
    private DigestInputStream digestStream;

    private SourceBytes(Path path, long size, boolean gzip) {
        this.path = path;
        this.file = path.getFileName().toString();
        this.size = size;
        this.gzip = gzip;
    }

    static SourceBytes open(Path path) {
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.exists(path)) {
            throw DataException.inFile(file, "no such file (" + path.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(path)) {
            throw DataException.inFile(file, "not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw DataException.inFile(file, "not readable (check its permissions)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            boolean gz = magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
            return new SourceBytes(path, Files.size(path), gz);
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    long size() {
        return size;
    }

    /** Whether the file is gzipped (then {@link #size()} is not the content's size). */
    boolean gzip() {
        return gzip;
    }

    /** Up to {@code n} leading bytes of the (decompressed) content. */
    byte[] head(int n) {
        try (InputStream in = decompress(new BufferedInputStream(Files.newInputStream(path)))) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    /** The (decompressed) content; reading it to the end makes {@link #hash()} cheap. */
    InputStream stream(TaskMonitor monitor, String message) throws IOException {
        MessageDigest sha = sha256();
        digestStream = new DigestInputStream(Files.newInputStream(path), sha);
        ProgressStream counted = new ProgressStream(new BufferedInputStream(digestStream, 1 << 16), size, monitor,
                message);
        InputStream out = decompress(counted);
        return gzip ? new BombGuard(out, counted, file) : out;
    }

    private InputStream decompress(InputStream in) throws IOException {
        if (!gzip) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (java.io.EOFException e) {
            throw DataException.inFile(file, "looks gzipped but ends inside its gzip header");
        } catch (IOException e) {
            throw DataException.inFile(file, "looks gzipped but is not a valid gzip stream: " + e.getMessage());
        }
    }

    /** SHA-256 (hex) of the raw file bytes. */
    String hash() {
        try {
            if (digestStream == null) {
                stream(TaskMonitor.NONE, "");
            }
            byte[] rest = new byte[1 << 16];
            while (digestStream.read(rest) >= 0) {
                // drain what the reader did not consume (e.g. a gzip trailer)
            }
            digestStream.close();
            return HexFormat.of().formatHex(digestStream.getMessageDigest().digest());
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Refuses a gzip stream that inflates past {@value #MAX_RATIO} times the compressed bytes read so far (once past
     * {@value #RATIO_FLOOR} bytes): real tables compress far less, a decompression bomb far more.
     */
    static final class BombGuard extends FilterInputStream {

        static final long MAX_RATIO = 250;
        static final long RATIO_FLOOR = 64L << 20;

        private final ProgressStream raw;
        private final String file;
        private long out;

        BombGuard(InputStream in, ProgressStream raw, String file) {
            super(in);
            this.raw = raw;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            out += n;
            if (out > RATIO_FLOOR && out > MAX_RATIO * Math.max(1, raw.done)) {
                throw DataException.inFile(file, "inflates to more than " + MAX_RATIO + " times its compressed size ("
                        + org.shiftscope.core.Memory.human(out) + " from " + org.shiftscope.core.Memory.human(raw.done)
                        + " so far): a damaged or malicious archive; if it is real, unpack it and open the result");
            }
        }
    }

    /** Counts raw bytes for progress and checks for cancellation every megabyte. */
    private static final class ProgressStream extends FilterInputStream {
        private final long total;
        private final TaskMonitor monitor;
        private final String message;
        private long done;
        private long nextReport;

        ProgressStream(InputStream in, long total, TaskMonitor monitor, String message) {
            super(in);
            this.total = Math.max(1, total);
            this.monitor = monitor;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(int n) {
            done += n;
            if (done >= nextReport) {
                nextReport = done + (1 << 20);
                monitor.checkCancelled();
                monitor.progress((double) done / total, message);
            }
        }
    }
}
