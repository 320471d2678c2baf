package org.shiftscope.workflow.map;

import org.shiftscope.workflow.TransportAnalysis;

import java.nio.file.Path;
import java.util.Objects;
import org.shiftscope.core.EnumIds;
import org.shiftscope.projection.Projector;

/**
 * How the subpopulation map of a project is made, saved with the project so that reopening it (or a snapshot of
 * it) draws the same map.
 *
 * @param file   the .npy file (EMBEDDINGS), the model file (MODEL) or a Hugging Face text model folder (TEXT; null
 *               for the built-in MiniLM); null otherwise
 * @param column the label the built-in encoder learns (ENCODER) or the text column (TEXT); null otherwise
 * @param preprocess how images become a user's model's input (MODEL); {@code NONE} by default
 * @param fit    points t-SNE or UMAP is fitted on: 0 for the preview sample, {@link Projector#ALL} for every point
 */
public record MapSettings(Source source, Path file, String column, Projector.Method method,
                          MapAnalysis.Clustering clustering, TransportAnalysis.Standardize standardize, long seed,
                          org.shiftscope.core.ImagePreprocessing preprocess, int fit) {

    public MapSettings(Source source, Path file, String column, Projector.Method method,
                       MapAnalysis.Clustering clustering, TransportAnalysis.Standardize standardize, long seed) {
        this(source, file, column, method, clustering, standardize, seed, null, 0);
    }

    public MapSettings(Source source, Path file, String column, Projector.Method method,
                       MapAnalysis.Clustering clustering, TransportAnalysis.Standardize standardize, long seed,
                       org.shiftscope.core.ImagePreprocessing preprocess) {
        this(source, file, column, method, clustering, standardize, seed, preprocess, 0);
    }

    /**
     * What the map is made of: the split's columns, the built-in encoder's embeddings of them, precomputed
     * embeddings (a row-aligned .npy file), a user's model (ONNX or TorchScript) run over the rows, or the built-in
     * sentence encoder run over a text column.
     */
    public enum Source {
        COLUMNS, ENCODER, EMBEDDINGS, MODEL, TEXT;

        public String id() {
            return EnumIds.id(this);
        }

        public static Source parse(String s) {
            return EnumIds.parse(Source.class, s, "map source");
        }
    }

    public MapSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(standardize, "standardize");
        preprocess = preprocess == null ? org.shiftscope.core.ImagePreprocessing.NONE : preprocess;
        if (fit < 0) {
            throw new IllegalArgumentException("fit must be 0 (preview) or a point count, not " + fit);
        }
    }

    public MapSettings withPreprocess(org.shiftscope.core.ImagePreprocessing p) {
        return new MapSettings(source, file, column, method, clustering, standardize, seed, p, fit);
    }

    public MapSettings withFit(int points) {
        return new MapSettings(source, file, column, method, clustering, standardize, seed, preprocess, points);
    }

    /** PCA of the z-scored columns, 8 k-means clusters, seed 0. */
    public static MapSettings defaults() {
        return new MapSettings(Source.COLUMNS, null, null, Projector.Method.PCA, MapAnalysis.Clustering.kmeans(8),
                TransportAnalysis.Standardize.ZSCORE, 0);
    }
}
