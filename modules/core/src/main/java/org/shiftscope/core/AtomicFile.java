package org.shiftscope.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a crash never leaves half of it: the content goes to a temporary file in the same folder,
 * is flushed to disk, made an ordinary readable file (rw-r--r-- where POSIX; temporary files start private), then
 * renamed over the target (atomically where the file system can). A symbolic link planted at the target is replaced,
 * never followed, so a write cannot land outside the chosen folder; temporary files a killed writer left behind
 * for the same target are removed.
 */
public final class AtomicFile {

    /** Writes the content to a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A temporary file older than this was left by a writer that died (a live one renames it within seconds). */
    static final java.time.Duration STALE = java.time.Duration.ofHours(1);

    private AtomicFile() {
    }

    /** What went wrong with a file operation, in words: "permission denied", "No space left on device". */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or folder (" + n.getFile() + ")";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    private static void removeStale(Path dir, String prefix) {
        java.time.Instant before = java.time.Instant.now().minus(STALE);
        try (var old = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path p : old) {
                if (Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a leftover that cannot be removed harms nothing; the write goes on
        }
    }

    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        removeStale(dir, "." + target.getFileName() + ".");
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream channel = Channels.newOutputStream(ch);
                // the content may close what it is given (PDF writers do); the channel stays open to be forced
                content.writeTo(new java.io.FilterOutputStream(channel) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                channel.flush();
                ch.force(true);
            }
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            // the rename consumed it, unless writing failed
            Files.deleteIfExists(tmp);
        }
    }
}
