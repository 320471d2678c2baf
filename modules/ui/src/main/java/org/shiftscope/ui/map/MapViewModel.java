package org.shiftscope.ui.map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.projection.Projector;
import org.shiftscope.ui.ActiveRecompute;
import org.shiftscope.ui.data.DataResult;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.EmbeddingAnalysis;
import org.shiftscope.workflow.EmbeddingCache;
import org.shiftscope.workflow.MapAnalysis;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * State of the Map view: the settings, the latest map and how it is coloured. Recomputes (latest-wins, in the
 * background) when the split or a setting that changes the map changes, but only once the view has been opened;
 * colouring, side toggles and the highlighted cluster only redraw.
 */
public final class MapViewModel {

    /** COLUMN colours by the values of a column of the split (a label, a group such as sex or race). */
    public enum ColourBy { SIDE, CLUSTER, COLUMN }

    /**
     * What the map is made of: the split's columns, the built-in encoder's embeddings of them, precomputed
     * embeddings (a row-aligned .npy file), a user's model (ONNX or TorchScript) run over the rows, or the built-in
     * sentence encoder run over a text column (the {@link #labelProperty() label} column).
     */
    public enum Source { COLUMNS, MLP, EMBEDDINGS, MODEL, TEXT }

    /** No cluster highlighted (cluster ids are 0..k-1, and -1 for noise). */
    public static final int NO_HIGHLIGHT = Integer.MIN_VALUE;

    private final TaskRunner tasks;
    private final IntegerProperty clusters = new SimpleIntegerProperty(8);
    private final ObjectProperty<Projector.Method> method = new SimpleObjectProperty<>(Projector.Method.PCA);
    private final ObjectProperty<TransportAnalysis.Standardize> standardize =
            new SimpleObjectProperty<>(TransportAnalysis.Standardize.ZSCORE);
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final ObjectProperty<MapAnalysis.Clustering.Method> clustering =
            new SimpleObjectProperty<>(MapAnalysis.Clustering.Method.KMEANS);
    /** DBSCAN's radius; NaN to choose it from the data. */
    private final DoubleProperty eps = new SimpleDoubleProperty(Double.NaN);
    private final IntegerProperty minSamples = new SimpleIntegerProperty(10);
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.COLUMNS);
    /** The .npy file (EMBEDDINGS) or model file (MODEL). */
    private final StringProperty sourceFile = new SimpleStringProperty("");
    /** Label column the built-in encoder learns. */
    private final StringProperty label = new SimpleStringProperty();
    private final ObjectProperty<ColourBy> colourBy = new SimpleObjectProperty<>(ColourBy.SIDE);
    private final StringProperty colourColumn = new SimpleStringProperty();
    /** Points the user selected on the map: indices into reference then target points; empty for none. */
    private final ObjectProperty<int[]> selection = new SimpleObjectProperty<>(new int[0]);
    private final BooleanProperty showReference = new SimpleBooleanProperty(true);
    private final BooleanProperty showTarget = new SimpleBooleanProperty(true);
    /** Cluster drawn in colour while the others are greyed; {@link #NO_HIGHLIGHT} for none. */
    private final IntegerProperty highlighted = new SimpleIntegerProperty(NO_HIGHLIGHT);
    private final ObjectProperty<MapAnalysis.Result> result = new SimpleObjectProperty<>();
    /** The split whose rows the current map shows (set just before {@link #result}). */
    private final ObjectProperty<Split> mappedSplit = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final ActiveRecompute recompute = new ActiveRecompute(this::refresh);
    private final ObjectProperty<DataResult> data = new SimpleObjectProperty<>();

    public MapViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        recompute.watch(clusters, method, standardize, seed, source, label, data, clustering, eps, minSamples,
                sourceFile);
    }

    /** Recomputes now (if there is a split). */
    public void refresh() {
        DataResult d = data.get();
        if (d == null) {
            summary.set("Define a split in the Data view first.");
            return;
        }
        recompute.fresh();
        Split split = d.split();
        TransportAnalysis.Standardize units = standardize.get();
        MapAnalysis.Options options = new MapAnalysis.Options(method.get(), new MapAnalysis.Clustering(
                clustering.get(), clusters.get(), eps.get(), minSamples.get()), true, seed.get());
        String learn = source.get() == Source.MLP ? label.get() : null;
        if (source.get() == Source.MLP && learn == null) {
            tasks.cancel("map");
            summary.set("Choose the label column the built-in encoder learns.");
            return;
        }
        Source from = source.get();
        if (from == Source.TEXT && label.get() == null) {
            tasks.cancel("map");
            summary.set("Choose the text column the sentence encoder reads.");
            return;
        }
        String textColumn = label.get();
        java.nio.file.Path file = sourceFile.get() == null || sourceFile.get().isBlank() ? null
                : java.nio.file.Path.of(sourceFile.get().strip());
        if ((from == Source.EMBEDDINGS || from == Source.MODEL) && file == null) {
            tasks.cancel("map");
            summary.set(from == Source.EMBEDDINGS ? "Choose the .npy file of embeddings (one row per data row)."
                    : "Choose an ONNX (.onnx) or TorchScript (.pt) model.");
            return;
        }
        org.shiftscope.workflow.SplitDefinition definition = d.definition();
        String features = switch (from) {
            case MLP -> "built-in encoder learning " + learn;
            case TEXT -> "MiniLM sentence embeddings of " + textColumn + ", " + units(units);
            case EMBEDDINGS, MODEL -> "embeddings of " + file.getFileName() + ", " + units(units);
            case COLUMNS -> units(units);
        };
        summary.set(learn != null ? "Training the built-in encoder on " + learn + "…"
                : file != null ? "Embedding with " + file.getFileName() + "…" : "Computing the map…");
        tasks.submit("map", "Mapping subpopulations", monitor -> {
                    if (from == Source.EMBEDDINGS || from == Source.MODEL || from == Source.TEXT) {
                        EmbeddingAnalysis.Source how = switch (from) {
                            case EMBEDDINGS -> new EmbeddingAnalysis.Npy(file);
                            case TEXT -> new EmbeddingAnalysis.Text(textColumn);
                            default -> new EmbeddingAnalysis.Model(file,
                                    new EmbeddingAnalysis.ModelInput(java.util.List.of(), 0, 256));
                        };
                        Split embedded = EmbeddingAnalysis.embeddedSplit(new SplitBuilder(new DatasetCatalog()),
                                definition, how, EmbeddingCache.standard(), monitor.range(0, 0.5));
                        return new Mapped(embedded, MapAnalysis.run(MapAnalysis.prepare(embedded, units, false),
                                options, null, monitor.range(0.5, 1)), features);
                    }
                    return new Mapped(split, compute(split, units, options, learn, monitor), features);
                },
                m -> publish(m.split(), m.result(), m.features()),
                e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                    result.set(null);
                });
    }

    /**
     * The whole computation, UI-free (also used by snapshots and tests).
     *
     * @param label when not null, the built-in encoder learns this column and the map shows its embeddings
     */
    public static MapAnalysis.Result compute(Split split, TransportAnalysis.Standardize units,
                                             MapAnalysis.Options options, String label, TaskMonitor monitor) {
        if (label == null) {
            return MapAnalysis.run(MapAnalysis.prepare(split, units, false), options, null, monitor);
        }
        MapAnalysis.Encoded e = MapAnalysis.encode(split, label, split.reference().hasImages() ? 32 : 16,
                split.reference().hasImages() ? 5 : 10, 10_000, options.seed(), monitor.range(0, 0.6));
        return MapAnalysis.run(e.prepared(), options, e.correct(), monitor.range(0.6, 1));
    }

    /** A map and the split whose rows it shows (with embeddings, rows the data split dropped may be present). */
    private record Mapped(Split split, MapAnalysis.Result result, String features) {
    }

    /** Shows a map of the Data view's current split's columns. */
    public void publish(MapAnalysis.Result r) {
        publish(data.get().split(), r, units(standardize.get()));
    }

    /**
     * Shows a map whose points are the rows of {@code mapped}, reference then target.
     *
     * @param features what the mapped features are, for the summary
     */
    public void publish(Split mapped, MapAnalysis.Result r, String features) {
        recompute.fresh();
        mappedSplit.set(mapped);
        problem.set("");
        highlighted.set(NO_HIGHLIGHT);
        selection.set(new int[0]);
        result.set(r);
        long emerging = r.table().clusters().stream().filter(c -> c.trend() == Subpopulations.Trend.EMERGING).count();
        long vanishing = r.table().clusters().stream().filter(c -> c.trend() == Subpopulations.Trend.VANISHING).count();
        String tests = r.detection() == null ? "" : String.format(java.util.Locale.ROOT,
                " · on these points MMD p = %.3g, classifier AUC %.3f (p = %.3g)", r.detection().mmd().pValue(),
                r.detection().classifier().auc(), r.detection().classifier().pValue());
        summary.set(String.format(java.util.Locale.ROOT,
                "%,d reference × %,d target points · %d features (%s) · %s fitted on %,d points, trustworthiness %s"
                        + " · %s: %d emerging, %d vanishing%s",
                r.prepared().reference().n(), r.prepared().target().n(), r.prepared().features().size(),
                features,
                label(r.projection().method()), r.projection().fitted(),
                Double.isNaN(r.projection().trustworthiness()) ? "n/a (too few points)"
                        : String.format(java.util.Locale.ROOT, "%.3f", r.projection().trustworthiness()),
                r.clustering().describe(), emerging, vanishing, tests));
    }

    private static String units(TransportAnalysis.Standardize s) {
        return s == TransportAnalysis.Standardize.NONE ? "raw units" : "z-scored";
    }

    /** How a projection method is named on screen. */
    public static String label(Projector.Method m) {
        return switch (m) {
            case PCA -> "PCA";
            case TSNE -> "t-SNE";
            case UMAP -> "UMAP";
        };
    }

    public IntegerProperty clustersProperty() {
        return clusters;
    }

    public ObjectProperty<Projector.Method> methodProperty() {
        return method;
    }

    public ObjectProperty<MapAnalysis.Clustering.Method> clusteringProperty() {
        return clustering;
    }

    public DoubleProperty epsProperty() {
        return eps;
    }

    public IntegerProperty minSamplesProperty() {
        return minSamples;
    }

    public ObjectProperty<TransportAnalysis.Standardize> standardizeProperty() {
        return standardize;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    public StringProperty sourceFileProperty() {
        return sourceFile;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public ObjectProperty<ColourBy> colourByProperty() {
        return colourBy;
    }

    public StringProperty colourColumnProperty() {
        return colourColumn;
    }

    public ObjectProperty<int[]> selectionProperty() {
        return selection;
    }

    public BooleanProperty showReferenceProperty() {
        return showReference;
    }

    public BooleanProperty showTargetProperty() {
        return showTarget;
    }

    public IntegerProperty highlightedProperty() {
        return highlighted;
    }

    public ObjectProperty<MapAnalysis.Result> resultProperty() {
        return result;
    }

    /** The split whose rows the current map's points are: reference rows, then target rows. */
    public ObjectProperty<Split> mappedSplitProperty() {
        return mappedSplit;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** True while the Map view is shown. */
    public BooleanProperty activeProperty() {
        return recompute.activeProperty();
    }

    /** The Data view's current split. */
    public ObjectProperty<DataResult> dataProperty() {
        return data;
    }
}
