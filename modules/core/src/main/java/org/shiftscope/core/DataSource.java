package org.shiftscope.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a dataset came from, for provenance: a file (or folder) and its content hash, or a generator recipe.
 *
 * @param location   file or folder path, or a {@code demo:...} recipe
 * @param format     the reader that produced it, e.g. {@code csv}, {@code parquet}, {@code npy}
 * @param contentHash SHA-256 of the bytes read (hex), or of the recipe for generated data
 */
public record DataSource(String location, String format, String contentHash) {

    public DataSource {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    public static DataSource ofFile(Path path, String format, String contentHash) {
        return new DataSource(path.toString(), format, contentHash);
    }

    /** The file name (last path element) or the recipe; what error messages and the UI show. */
    public String displayName() {
        int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
        return slash >= 0 && slash < location.length() - 1 ? location.substring(slash + 1) : location;
    }
}
