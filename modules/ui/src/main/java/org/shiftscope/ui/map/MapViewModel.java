package org.shiftscope.ui.map;

import java.nio.file.Path;
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
import org.shiftscope.workflow.map.SubpopulationMap;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.Split;
import org.shiftscope.projection.Projector;
import org.shiftscope.ui.common.ActiveRecompute;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * State of the Map view: the settings, the latest map and how it is coloured. Recomputes (latest-wins, in the
 * background) when the split or a setting that changes the map changes, but only once the view has been opened;
 * colouring, side toggles and the highlighted cluster only redraw.
 */
public final class MapViewModel {

    /**
     * How points are coloured: side, cluster, a column's values (a label, a group such as sex or race), or the
     * built-in encoder's classifier: whether it was right, its predicted class, its confidence.
     */
    public enum ColourBy { SIDE, CLUSTER, COLUMN, CORRECT, PREDICTION, CONFIDENCE }

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
    /** Points t-SNE or UMAP is fitted on: 0 for the preview sample, {@link Projector#ALL} for every point. */
    private final IntegerProperty fit = new SimpleIntegerProperty(0);
    private final ObjectProperty<MapSettings.Source> source = new SimpleObjectProperty<>(MapSettings.Source.COLUMNS);
    /** The .npy file (EMBEDDINGS) or model file (MODEL). */
    private final StringProperty sourceFile = new SimpleStringProperty("");
    /** Label column the built-in encoder learns (ENCODER), or the text column (TEXT). */
    private final StringProperty label = new SimpleStringProperty();
    /** How images become the user's model's input (MODEL); saved with the project. */
    private final ObjectProperty<org.shiftscope.core.ImagePreprocessing> preprocess =
            new SimpleObjectProperty<>(org.shiftscope.core.ImagePreprocessing.NONE);
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
    /** What the point under the mouse is: "reference row 12 · cluster 3 · label=7 ..." (empty for none). */
    private final StringProperty hoverText = new SimpleStringProperty("");
    /** Its image, shrunk for the tooltip; null for none (or while it is read). */
    private final ObjectProperty<org.shiftscope.core.RasterImage> hoverImage = new SimpleObjectProperty<>();
    /** Thumbnails already read, most recent last: at most {@value #HOVER_CACHE}, so memory stays bounded. */
    private final java.util.Map<String, org.shiftscope.core.RasterImage> thumbnails =
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, org.shiftscope.core.RasterImage> e) {
                    return size() > HOVER_CACHE;
                }
            };
    /** The page of the selection's images the gallery shows (decoded in the background). */
    private final ObjectProperty<Gallery> gallery = new SimpleObjectProperty<>(Gallery.EMPTY);
    private final IntegerProperty galleryPage = new SimpleIntegerProperty(0);

    /** The user's saved slices (shared with the audit and the adaptation runs, which use them as groups). */
    private javafx.collections.ObservableList<org.shiftscope.workflow.slice.Slice> slices =
            javafx.collections.FXCollections.observableArrayList();
    /** Whether the opened project had a map (then a saved project keeps it even before the map is drawn). */
    private boolean inProject;
    /** The current map and the data it was made of: how its points lead back to the loaded rows. */
    private SubpopulationMap.Mapped mapped;
    private DataResult mappedData;

    /** Thumbnails the hover cache keeps. */
    static final int HOVER_CACHE = 512;

    public MapViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        // a file belongs to its source (an .npy, a model, a text model folder): another source starts without one
        source.addListener((o, a, b) -> {
            if (a != null && b != a) {
                sourceFile.set("");
            }
        });
        recompute.watch(clusters, method, standardize, seed, source, label, data, clustering, eps, minSamples,
                sourceFile, preprocess, fit);
    }

    /**
     * The point under the mouse (reference points first, then target points, as the map draws them), or -1: its
     * side, row, cluster and values (the first 200 characters of a text), and its image, read and shrunk off the FX
     * thread and cached.
     */
    public void hover(int index) {
        MapAnalysis.Result r = result.get();
        Split s = mappedSplit.get();
        if (index < 0 || r == null || s == null) {
            tasks.cancel("map-hover");
            hoverText.set("");
            hoverImage.set(null);
            return;
        }
        int nr = r.referenceCluster().length;
        boolean isRef = index < nr;
        int row = isRef ? index : index - nr;
        org.shiftscope.core.Dataset side = isRef ? s.reference() : s.target();
        int cluster = isRef ? r.referenceCluster()[row] : r.targetCluster()[row];
        StringBuilder t = new StringBuilder((isRef ? "reference" : "target") + " row " + (row + 1) + " · cluster "
                + (cluster < 0 ? "noise" : Integer.toString(cluster)));
        int shown = 0;
        for (org.shiftscope.core.Column c : side.columns()) {
            if (c.name().startsWith("emb_") || shown >= 6) {
                continue;
            }
            String v = c.isMissing(row) ? "(missing)" : c.text(row);
            t.append("\n").append(c.name()).append(" = ").append(v.length() > 200 ? v.substring(0, 200) + "…" : v);
            shown++;
        }
        if (side.images() instanceof org.shiftscope.core.ImageFiles f) {
            t.append("\n").append(f.name(row));
        }
        hoverText.set(t.toString());
        if (!side.hasImages()) {
            hoverImage.set(null);
            return;
        }
        String key = (isRef ? "r" : "t") + row + "@" + System.identityHashCode(side);
        org.shiftscope.core.RasterImage cached;
        synchronized (thumbnails) {
            cached = thumbnails.get(key);
        }
        if (cached != null) {
            hoverImage.set(cached);
            return;
        }
        hoverImage.set(null);
        tasks.submit("map-hover", "Reading an image", monitor -> org.shiftscope.core.ImageResize.fit(
                side.images().get(row), 128), img -> {
                    synchronized (thumbnails) {
                        thumbnails.put(key, img);
                    }
                    hoverImage.set(img);
                }, e -> hoverText.set(hoverText.get() + "\n" + e.getMessage()));
    }

    /** Fills the gallery with page {@code page} of the selection's images, reference and target side by side. */
    public void showGallery(int page) {
        MapAnalysis.Result r = result.get();
        Split s = mappedSplit.get();
        int[] sel = selection.get();
        if (r == null || s == null || sel.length == 0 || !s.reference().hasImages()) {
            tasks.cancel("map-gallery");
            gallery.set(Gallery.EMPTY);
            return;
        }
        int nr = r.referenceCluster().length;
        int[] ref = java.util.Arrays.stream(sel).filter(i -> i < nr).toArray();
        int[] tgt = java.util.Arrays.stream(sel).filter(i -> i >= nr).map(i -> i - nr).toArray();
        galleryPage.set(page);
        tasks.submit("map-gallery", "Reading the selection's images", monitor -> Gallery.of(s.reference(), ref,
                s.target(), tgt, page, monitor), gallery::set, e -> problem.set(e.getMessage()));
    }

    /** Selects every point of cluster {@code id} on both sides (the gallery and the rows follow). */
    public void selectCluster(int id) {
        MapAnalysis.Result r = result.get();
        if (r == null) {
            return;
        }
        int nr = r.referenceCluster().length;
        int nt = r.targetCluster().length;
        selection.set(java.util.stream.IntStream.range(0, nr + nt).filter(i -> (i < nr ? r.referenceCluster()[i]
                : r.targetCluster()[i - nr]) == id).toArray());
    }

    ObjectProperty<Gallery> galleryProperty() {
        return gallery;
    }

    public IntegerProperty galleryPageProperty() {
        return galleryPage;
    }

    public StringProperty hoverTextProperty() {
        return hoverText;
    }

    public ObjectProperty<org.shiftscope.core.RasterImage> hoverImageProperty() {
        return hoverImage;
    }

    /** The settings the view shows now. */
    public MapSettings settings() {
        String file = sourceFile.get() == null || sourceFile.get().isBlank() ? null : sourceFile.get().strip();
        return new MapSettings(source.get(), file == null ? null : Path.of(file), label.get(), method.get(),
                new MapAnalysis.Clustering(clustering.get(), clusters.get(), eps.get(), minSamples.get()),
                standardize.get(), seed.get(), preprocess.get(), fit.get());
    }

    /** Shows saved settings (a recomputation follows once the view is open). */
    public void load(MapSettings m) {
        inProject = m != null;
        m = m == null ? MapSettings.defaults() : m;
        source.set(m.source());
        sourceFile.set(m.file() == null ? "" : m.file().toString());
        label.set(m.column());
        method.set(m.method());
        clustering.set(m.clustering().method());
        clusters.set(m.clustering().k());
        eps.set(m.clustering().eps());
        minSamples.set(m.clustering().minSamples());
        standardize.set(m.standardize());
        seed.set((int) m.seed());
        preprocess.set(m.preprocess());
        fit.set(m.fit());
    }

    /** The settings when the project has a map (it was drawn, or the opened project had one); else null. */
    public MapSettings settingsIfUsed() {
        return inProject || result.get() != null ? settings() : null;
    }

    /** How images become the user's model's input; the view offers the presets and shows the steps. */
    public ObjectProperty<org.shiftscope.core.ImagePreprocessing> preprocessProperty() {
        return preprocess;
    }

    /** Recomputes now (if there is a split). */
    public void refresh() {
        DataResult d = data.get();
        if (d == null) {
            summary.set("Define a split in the Data view first.");
            return;
        }
        recompute.fresh();
        MapSettings m = settings();
        String missing = SubpopulationMap.missing(m);
        if (missing != null) {
            tasks.cancel("map");
            summary.set(missing);
            return;
        }
        summary.set(switch (m.source()) {
            case ENCODER -> "Training the built-in encoder on " + m.column() + "…";
            case EMBEDDINGS, MODEL -> "Embedding with " + m.file().getFileName() + "…";
            case TEXT -> "Embedding the texts of " + m.column() + "…";
            case COLUMNS -> "Computing the map…";
        });
        tasks.submit("map", "Mapping subpopulations", monitor -> SubpopulationMap.run(d, m, monitor),
                this::publish,
                e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                    result.set(null);
                });
    }


    /** Shows a map whose points are the rows of its split, reference then target. */
    public void publish(SubpopulationMap.Mapped mapped) {
        MapAnalysis.Result r = mapped.result();
        String features = mapped.features();
        recompute.fresh();
        this.mapped = mapped;
        this.mappedData = data.get();
        mappedSplit.set(mapped.split());
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


    /** The saved slices; the main window shares one list between the views. */
    public javafx.collections.ObservableList<org.shiftscope.workflow.slice.Slice> slices() {
        return slices;
    }

    /** Uses {@code shared} as the list of saved slices. */
    public void shareSlices(javafx.collections.ObservableList<org.shiftscope.workflow.slice.Slice> shared) {
        this.slices = shared;
    }

    /**
     * Saves the selected points as a slice called {@code name} (replacing a slice of that name); returns its
     * description, or null when it cannot (the reason is in {@link #problemProperty()}).
     */
    public String saveSlice(String name) {
        int[] chosen = selection.get();
        if (mapped == null || mappedData == null || chosen.length == 0) {
            problem.set("Select points on the map first (a lasso, a box or a cluster), then save them as a slice.");
            return null;
        }
        try {
            org.shiftscope.workflow.slice.Slice s = org.shiftscope.workflow.slice.Slices.fromMap(name, chosen, mapped,
                    mappedData);
            slices.removeIf(x -> x.name().equals(s.name()));
            slices.add(s);
            problem.set("");
            return s.describe();
        } catch (org.shiftscope.core.DataException e) {
            problem.set(e.getMessage());
            return null;
        }
    }

    /** Selects the map's points that belong to a saved slice (rows the map does not show are left out). */
    public void selectSlice(org.shiftscope.workflow.slice.Slice s) {
        boolean[] in = membership(s);
        if (in == null) {
            return;
        }
        selection.set(java.util.stream.IntStream.range(0, in.length).filter(i -> in[i]).toArray());
    }

    /** For each point of the current map (reference first), whether its row is in the slice; null without a map. */
    boolean[] membership(org.shiftscope.workflow.slice.Slice s) {
        if (mapped == null) {
            return null;
        }
        int nr = mapped.referenceRows().length;
        boolean[] out = new boolean[nr + mapped.targetRows().length];
        for (int i = 0; i < out.length; i++) { // a slice's rows are sorted
            out[i] = i < nr ? java.util.Arrays.binarySearch(s.reference(), mapped.referenceRows()[i]) >= 0
                    : java.util.Arrays.binarySearch(s.target(), mapped.targetRows()[i - nr]) >= 0;
        }
        return out;
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

    /** 0: t-SNE and UMAP fitted on the preview sample; {@link Projector#ALL}: on every point. */
    public IntegerProperty fitProperty() {
        return fit;
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

    public ObjectProperty<MapSettings.Source> sourceProperty() {
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
