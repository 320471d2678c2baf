package org.shiftscope.ui.explain;

import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.shiftscope.core.Split;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.ui.common.ActiveRecompute;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.explain.ExplainAnalysis;
import org.shiftscope.workflow.explain.ExplainRequest;
import org.shiftscope.workflow.explain.ExplainResult;
import org.shiftscope.workflow.explain.Exemplars;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * State of the Explain view: the settings, the latest explanation and the k the user looks at. Recomputes
 * (latest-wins, in the background) when the split or a setting changes, but only once the view has been opened.
 */
public final class ExplainViewModel {

    private final TaskRunner tasks;
    private final ObjectProperty<ExplanationMethod> method = new SimpleObjectProperty<>(ExplainRequest.DEFAULT_METHOD);
    private final IntegerProperty kmax = new SimpleIntegerProperty(ExplainRequest.DEFAULT_KMAX);
    private final ObjectProperty<TransportAnalysis.Standardize> standardize =
            new SimpleObjectProperty<>(ExplainRequest.defaults().options().standardize());
    /** What k-cluster maps cluster: the paired points [x, T(x)] or the reference points. */
    private final ObjectProperty<org.shiftscope.transport.Pairing> pairing =
            new SimpleObjectProperty<>(ExplainRequest.defaults().mixed().pairing());
    /** Binary and categorical features drawn from their target distribution rather than moved by a fraction. */
    private final javafx.beans.property.BooleanProperty discrete =
            new javafx.beans.property.SimpleBooleanProperty(ExplainRequest.defaults().mixed().discrete());
    /** Samples of the discrete features per PercentExplained. */
    private final IntegerProperty repeats = new SimpleIntegerProperty(ExplainRequest.defaults().mixed().repeats());
    private final ObjectProperty<TransportAnalysis.Solver> solver = new SimpleObjectProperty<>(TransportAnalysis.Solver.AUTO);
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final IntegerProperty selectedK = new SimpleIntegerProperty(1);
    private final ObjectProperty<ExplainResult> result = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final ActiveRecompute recompute = new ActiveRecompute(this::refresh);
    private final ObjectProperty<DataResult> data = new SimpleObjectProperty<>();
    /** The exemplars of the selected cluster: reference images then target images (empty without images). */
    private final ObjectProperty<List<List<org.shiftscope.core.RasterImage>>> exemplarImages =
            new SimpleObjectProperty<>(List.of(List.of(), List.of()));
    /** What the exemplar strip shows, e.g. "Cluster 2 (10 % of the reference) moved 5.2: ..." */
    private final StringProperty exemplarText = new SimpleStringProperty("");
    /** Explain the Map view's points (its embeddings of images or texts) rather than the split's columns. */
    private final javafx.beans.property.BooleanProperty mapPoints = new javafx.beans.property.SimpleBooleanProperty();
    /** Whether the opened project had an explanation. */
    private boolean inProject;
    /** The Map view's settings now (set by the main view model); null: the columns only. */
    private java.util.function.Supplier<org.shiftscope.workflow.map.MapSettings> mapSettings;

    public ExplainViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        recompute.watch(method, kmax, standardize, solver, seed, data, mapPoints, pairing, discrete, repeats);
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
        ExplainRequest request;
        try {
            request = settings().request();
        } catch (org.shiftscope.core.DataException e) {
            problem.set(e.getMessage());
            return;
        }
        ExplanationMethod m = request.method();
        summary.set("Computing " + m.id() + " explanation…");
        org.shiftscope.workflow.map.MapSettings onMap = mapPoints.get() && mapSettings != null ? mapSettings.get()
                : null;
        tasks.submit("explain", "Explaining the shift", monitor -> onMap == null
                        ? ExplainAnalysis.run(split, request, monitor) : ExplainAnalysis.run(d, onMap, request, monitor),
                this::publish, e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                    result.set(null);
                });
    }

    public void publish(ExplainResult r) {
        recompute.fresh();
        problem.set("");
        showCluster(-1);
        result.set(r);
        Explanation e = r.explanation();
        // open on the richest explanation; the slider walks back to simpler ones
        selectedK.set(e.curve().get(e.curve().size() - 1).k());
        summary.set(String.format(java.util.Locale.ROOT, "W2² = %.6g (%s, %s) · %d reference × %d target rows · %d features",
                e.w2sq(), e.solver(), r.units(), r.reference().rowCount(), countTarget(), e.features().size())
                + ExplainAnalysis.treatment(e));
    }

    private int countTarget() {
        return data.get() == null ? 0 : data.get().split().target().rowCount();
    }

    /**
     * Shows the exemplars of cluster {@code id} at the selected k (-1: none): the reference rows nearest its centre
     * and the target rows nearest its moved centre; their images are decoded and shrunk off the FX thread.
     */
    public void showCluster(int id) {
        ExplainResult r = result.get();
        Explanation.Point p = selectedPoint();
        Exemplars x = r == null || p == null || id < 0 ? null : r.exemplars(r.explanation().curve().indexOf(p), id);
        if (x == null) {
            tasks.cancel("explain-exemplars");
            exemplarImages.set(List.of(List.of(), List.of()));
            exemplarText.set("");
            return;
        }
        exemplarText.set(String.format(java.util.Locale.ROOT, "Cluster %d (%.1f %% of the reference) moved %.3g: its"
                + " reference rows nearest its centre -> the target rows nearest its moved centre: rows %s -> %s",
                id, 100 * x.share(), x.moved(), rows(x.reference()), rows(x.target())));
        if (!r.reference().hasImages() || !r.target().hasImages()) {
            exemplarImages.set(List.of(List.of(), List.of()));
            return;
        }
        tasks.submit("explain-exemplars", "Reading the cluster's example images", monitor -> List.of(
                thumbnails(r.reference(), x.reference()), thumbnails(r.target(), x.target())), exemplarImages::set,
                e -> problem.set(e.getMessage()));
    }

    private static List<org.shiftscope.core.RasterImage> thumbnails(org.shiftscope.core.Dataset side, int[] rows) {
        return java.util.Arrays.stream(rows).mapToObj(i -> org.shiftscope.core.ImageResize.fit(
                side.images().get(i), 96)).toList();
    }

    private static String rows(int[] rows) {
        return String.join(", ", java.util.Arrays.stream(rows).mapToObj(i -> Integer.toString(i + 1)).toList());
    }

    /** The settings as a project keeps them. */
    public org.shiftscope.workflow.explain.ExplainSettings settings() {
        return new org.shiftscope.workflow.explain.ExplainSettings(method.get(), kmax.get(), standardize.get(),
                solver.get(), seed.get(), mapPoints.get(), new ExplainRequest.Mixed(discrete.get(), pairing.get(),
                repeats.get()));
    }

    /** The settings when the project has an explanation (one was computed, or the opened project had one). */
    public org.shiftscope.workflow.explain.ExplainSettings settingsIfUsed() {
        return inProject || result.get() != null ? settings() : null;
    }

    /** Takes a project's settings (null: the defaults, and no explanation in the project until one is made). */
    public void load(org.shiftscope.workflow.explain.ExplainSettings e) {
        inProject = e != null;
        e = e == null ? org.shiftscope.workflow.explain.ExplainSettings.defaults() : e;
        method.set(e.method());
        kmax.set(e.kmax());
        standardize.set(e.standardize());
        solver.set(e.solver());
        seed.set((int) e.seed());
        mapPoints.set(e.onMap());
        pairing.set(e.mixed().pairing());
        discrete.set(e.mixed().discrete());
        repeats.set(e.mixed().repeats());
    }

    public ObjectProperty<org.shiftscope.transport.Pairing> pairingProperty() {
        return pairing;
    }

    public javafx.beans.property.BooleanProperty discreteProperty() {
        return discrete;
    }

    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    /** Whether the explanation runs on the Map view's points (embeddings) instead of the split's columns. */
    public javafx.beans.property.BooleanProperty mapPointsProperty() {
        return mapPoints;
    }

    /** Where the Map view's current settings come from (the main view model wires the two views). */
    public void mapSettings(java.util.function.Supplier<org.shiftscope.workflow.map.MapSettings> settings) {
        this.mapSettings = settings;
    }

    public ObjectProperty<List<List<org.shiftscope.core.RasterImage>>> exemplarImagesProperty() {
        return exemplarImages;
    }

    public StringProperty exemplarTextProperty() {
        return exemplarText;
    }

    /** The curve point shown for the selected k. */
    public Explanation.Point selectedPoint() {
        ExplainResult r = result.get();
        if (r == null) {
            return null;
        }
        for (Explanation.Point p : r.explanation().curve()) {
            if (p.k() == selectedK.get()) {
                return p;
            }
        }
        return r.explanation().curve().get(r.explanation().curve().size() - 1);
    }

    public ObjectProperty<ExplanationMethod> methodProperty() {
        return method;
    }

    public IntegerProperty kmaxProperty() {
        return kmax;
    }

    public ObjectProperty<TransportAnalysis.Standardize> standardizeProperty() {
        return standardize;
    }

    public ObjectProperty<TransportAnalysis.Solver> solverProperty() {
        return solver;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public IntegerProperty selectedKProperty() {
        return selectedK;
    }

    public ObjectProperty<ExplainResult> resultProperty() {
        return result;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** True while the Explain view is shown. */
    public BooleanProperty activeProperty() {
        return recompute.activeProperty();
    }

    /** The Data view's current split. */
    public ObjectProperty<DataResult> dataProperty() {
        return data;
    }
}
