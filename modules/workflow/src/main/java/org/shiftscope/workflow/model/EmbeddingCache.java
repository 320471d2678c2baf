package org.shiftscope.workflow.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.io.NpyWriter;

/**
 * Embeddings kept on disk so that a model runs once per input: one {@code .npy} file per key, the SHA-256 of the
 * exact input the model sees (values and row shape, or the texts), of the model file's bytes (or the built-in text
 * encoder's name), and of the options (the output used). Files are written to a temporary name and moved into place, so a killed run leaves no half-written entry;
 * an unreadable entry is recomputed. The default folder is {@code embeddings} under the system property
 * {@code shiftscope.cache}, else under {@code $SHIFTSCOPE_CACHE}, else {@code ~/.cache/shiftscope/embeddings}.
 */
public final class EmbeddingCache {

    private final Path dir;

    public EmbeddingCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in the user's cache folder. */
    public static EmbeddingCache standard() {
        return new EmbeddingCache(org.shiftscope.workflow.AppFolders.cache().resolve("embeddings"));
    }

    public Path dir() {
        return dir;
    }

    /** The key of one model run: input, model and options. */
    public static String key(float[] input, long[] rowShape, Path model, String options) {
        MessageDigest sha = sha256();
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (long s : rowShape) {
            b.putLong(s);
        }
        for (float v : input) {
            if (b.remaining() < Float.BYTES) {
                sha.update(b.flip());
                b.clear();
            }
            b.putFloat(v);
        }
        sha.update(b.flip());
        sha.update(fileHash(model).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sha.update(options.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The key of one text-encoder run: the texts (in order) and the encoder's name and settings. */
    public static String textKey(java.util.List<String> texts, String encoder) {
        MessageDigest sha = sha256();
        for (String t : texts) {
            byte[] b = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(b.length).array());
            sha.update(b);
        }
        sha.update(encoder.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The stored embeddings of a key, if any, intact (their SHA-256 matches the one stored beside them: a damaged or
     * tampered entry is dropped and recomputed) and readable with n rows.
     */
    public Optional<Embeddings> get(String key, int n) {
        Path file = dir.resolve(key + ".npy");
        Path sum = dir.resolve(key + ".sha256");
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(sum) || !Files.readString(sum).strip().equals(fileHash(file))) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(sum);
                return Optional.empty();
            }
        } catch (IOException | DataException unreadable) {
            return Optional.empty();
        }
        try {
            Embeddings e = EmbeddingAnalysis.read(file, TaskMonitor.NONE);
            return e.n() == n ? Optional.of(e) : Optional.empty();
        } catch (DataException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The stored embeddings of a key, or those {@code compute} returns, then stored (with the device they ran on in
     * a side file, so a cached result still says where it was computed).
     */
    public Embeddings getOrCompute(String key, int n, Supplier<Embeddings> compute) {
        Optional<Embeddings> hit = get(key, n);
        if (hit.isPresent()) {
            Embeddings e = hit.get();
            return new Embeddings(e.n(), e.d(), e.values(), storedDevice(key));
        }
        Embeddings e = compute.get();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".part");
            NpyWriter.write(tmp, e.n(), e.d(), e.toDoubles());
            Path sumTmp = Files.createTempFile(dir, key, ".part");
            Files.writeString(sumTmp, fileHash(tmp));
            move(sumTmp, dir.resolve(key + ".sha256"));
            move(tmp, dir.resolve(key + ".npy"));
            Path deviceTmp = Files.createTempFile(dir, key, ".part");
            Files.writeString(deviceTmp, e.device());
            move(deviceTmp, dir.resolve(key + ".device"));
        } catch (IOException | DataException unwritable) {
            // a cache that cannot be written only costs the next run its time; the result itself is returned
        }
        return e;
    }

    private String storedDevice(String key) {
        try {
            return Files.readString(dir.resolve(key + ".device")).strip() + " (cached)";
        } catch (IOException e) {
            return "cached";
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** SHA-256 (hex) of a file's bytes. */
    public static String fileHash(Path file) {
        try {
            return org.shiftscope.core.FileTrees.digest(file, "SHA-256");
        } catch (IOException e) {
            throw DataException.inFile(file.getFileName().toString(), "cannot be read: " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
