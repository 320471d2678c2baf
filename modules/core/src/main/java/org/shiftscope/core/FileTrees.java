package org.shiftscope.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Files and folders as a whole: a file's digest, a folder's contents deleted. */
public final class FileTrees {

    private FileTrees() {
    }

    /** The file's digest in hex, e.g. {@code digest(f, "SHA-256")}, read in 64 KiB blocks. */
    public static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has " + algorithm, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Deletes everything inside {@code dir}, and the folder itself when {@code andFolder}; nothing when absent. */
    public static void delete(Path dir, boolean andFolder) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (andFolder || !p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
