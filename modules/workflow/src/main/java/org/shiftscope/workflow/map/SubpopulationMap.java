package org.shiftscope.workflow.map;

import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import org.shiftscope.workflow.model.EmbeddingCache;

import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.data.DataResult;

/**
 * The Map view's use case: the subpopulation map a project's {@link MapSettings} describe, of the split's columns,
 * the built-in encoder's embeddings, a user's model's, a .npy file's or a text column's sentence embeddings.
 */
public final class SubpopulationMap {

    private SubpopulationMap() {
    }

    /**
     * A map, the split whose rows it shows (with embeddings, rows the data split dropped may be present) and what
     * its features are.
     */
    public record Mapped(Split split, MapAnalysis.Result result, String features, int[] referenceRows,
                         int[] targetRows) {

        /**
         * The map of {@code split}, whose rows are the loaded sides' rows that have every analysed value (the
         * missing-value policy), or all of them (embeddings, which have no missing values).
         */
        Mapped(Split split, MapAnalysis.Result result, String features, SplitBuilder.Sides sides) {
            this(split, result, features, rowsOf(sides.reference(), split.reference(), split.columns()),
                    rowsOf(sides.target(), split.target(), split.columns()));
        }

        private static int[] rowsOf(org.shiftscope.core.Dataset loaded, org.shiftscope.core.Dataset mapped,
                                    java.util.List<String> columns) {
            int[] rows = loaded.rowCount() == mapped.rowCount()
                    ? java.util.stream.IntStream.range(0, loaded.rowCount()).toArray()
                    : SplitBuilder.completeRows(loaded, columns);
            if (rows.length != mapped.rowCount()) {
                throw new IllegalStateException(mapped.rowCount() + " mapped rows of " + loaded.rowCount()
                        + " loaded ones are not those with every analysed value");
            }
            return rows;
        }
    }

    /** The map the settings describe, of the split (or of its embeddings). */
    public static Mapped run(DataResult d, MapSettings m, TaskMonitor monitor) {
        String problem = missing(m);
        if (problem != null) {
            throw org.shiftscope.core.DataException.of(problem);
        }
        MapAnalysis.Options options = new MapAnalysis.Options(m.method(), m.clustering(), true, m.seed(), m.fit());
        Split split = d.split();
        String units = units(m.standardize());
        switch (m.source()) {
            case COLUMNS -> {
                return new Mapped(split, MapAnalysis.run(MapAnalysis.prepare(split, m.standardize(), false), options,
                        null, monitor), units, d.sides());
            }
            case ENCODER -> {
                MapAnalysis.Encoded e = MapAnalysis.encode(split, m.column(), MapAnalysis.EncoderSettings.defaults(
                        split.reference().hasImages()), m.seed(), monitor.range(0, 0.6));
                return new Mapped(split, MapAnalysis.run(e.prepared(), options, e.predictions(), monitor.range(0.6, 1)),
                        "built-in encoder learning " + m.column() + ", train accuracy "
                                + String.format(java.util.Locale.ROOT, "%.3f", e.trainAccuracy()) + " on " + e.device(),
                        d.sides());
            }
            default -> {
                Split embedded = embedded(d, m, monitor.range(0, 0.5));
                String what = m.source() == MapSettings.Source.TEXT ? (m.file() == null ? "MiniLM" : m.file()
                        .getFileName().toString()) + " sentence embeddings of " + m.column()
                        : "embeddings of " + m.file().getFileName();
                return new Mapped(embedded, MapAnalysis.run(MapAnalysis.prepare(embedded, m.standardize(), false),
                        options, null, monitor.range(0.5, 1)), what + ", " + units, d.sides());
            }
        }
    }

    /**
     * The split whose analysed columns are the embeddings the settings name (a .npy file, a user's model, a text
     * encoder), through the standard cache.
     */
    public static Split embedded(DataResult d, MapSettings m, TaskMonitor monitor) {
        String problem = missing(m);
        if (problem != null) {
            throw org.shiftscope.core.DataException.of(problem);
        }
        EmbeddingAnalysis.Source how = switch (m.source()) {
            case EMBEDDINGS -> new EmbeddingAnalysis.Npy(m.file());
            case TEXT -> new EmbeddingAnalysis.Text(m.column(), m.file(), null);
            case MODEL -> new EmbeddingAnalysis.Model(m.file(),
                    new EmbeddingAnalysis.ModelInput(java.util.List.of(), 0, 256, m.preprocess()));
            default -> throw new IllegalArgumentException(m.source() + " is not an embedding source");
        };
        return EmbeddingAnalysis.embeddedSplit(new SplitBuilder(new DatasetCatalog()), d.definition(), how,
                EmbeddingCache.standard(), monitor);
    }

    /** What the settings still lack before a map can be made, or null when they are complete. */
    public static String missing(MapSettings m) {
        return switch (m.source()) {
            case ENCODER -> m.column() == null ? "Choose the label column the built-in encoder learns." : null;
            case TEXT -> m.column() == null ? "Choose the text column the sentence encoder reads." : null;
            case EMBEDDINGS -> m.file() == null ? "Choose the .npy file of embeddings (one row per data row)." : null;
            case MODEL -> m.file() == null ? "Choose an ONNX (.onnx) or TorchScript (.pt) model." : null;
            case COLUMNS -> null;
        };
    }

    private static String units(TransportAnalysis.Standardize s) {
        return s == TransportAnalysis.Standardize.NONE ? "raw units" : "z-scored";
    }
}
