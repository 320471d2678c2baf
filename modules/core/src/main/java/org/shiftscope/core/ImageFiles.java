package org.shiftscope.core;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Images row-aligned to a table and kept on disk: the files a metadata table's path column names, decoded when a
 * row's image is asked for, so a table of 100,000 images costs its paths, not its pixels. Analyses that go through
 * every image (embedding with a model) take them in batches.
 */
public final class ImageFiles extends AbstractList<RasterImage> implements RandomAccess {

    /** Decodes one file; {@code name} is how messages name it (its path as the table wrote it). */
    @FunctionalInterface
    public interface Decoder {
        RasterImage decode(Path file, String name);
    }

    private final List<Path> files;
    private final List<String> names;
    private final Decoder decoder;
    private final String identity;

    /**
     * @param names    each file as the table names it, for messages
     * @param identity what the files are, for cache keys and provenance (e.g. a hash of paths, sizes and times)
     */
    public ImageFiles(List<Path> files, List<String> names, Decoder decoder, String identity) {
        this.files = List.copyOf(files);
        this.names = List.copyOf(names);
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.identity = Objects.requireNonNull(identity, "identity");
        if (this.files.size() != this.names.size()) {
            throw new IllegalArgumentException(files.size() + " files, " + names.size() + " names");
        }
    }

    @Override
    public RasterImage get(int i) {
        return decoder.decode(files.get(i), names.get(i));
    }

    @Override
    public int size() {
        return files.size();
    }

    public Path file(int i) {
        return files.get(i);
    }

    /** Row i's file as the table names it. */
    public String name(int i) {
        return names.get(i);
    }

    /** What these files are (paths, sizes and times hashed, with the rows selected), for cache keys. */
    public String identity() {
        return identity;
    }

    /** The files of the given rows, in order, still on disk. */
    public ImageFiles select(int[] rows) {
        Path[] f = new Path[rows.length];
        String[] n = new String[rows.length];
        StringBuilder picked = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            f[i] = files.get(rows[i]);
            n[i] = names.get(rows[i]);
            picked.append(rows[i]).append(',');
        }
        String id = identity + "|rows:" + Integer.toHexString(picked.toString().hashCode()) + ":" + rows.length;
        return new ImageFiles(List.of(f), List.of(n), decoder, id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageFiles other ? files.equals(other.files) && identity.equals(other.identity)
                : o == this;
    }

    @Override
    public int hashCode() {
        return files.hashCode();
    }

    @Override
    public String toString() {
        return files.size() + " image files (" + identity + ")";
    }
}
