package org.shiftscope.ui.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.ui.tasks.TaskRunner;

import org.shiftscope.adaptation.method.LabelShiftReport;
import org.shiftscope.adaptation.method.MethodInfo;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.Metrics;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.adapt.AdaptRequest;
import org.shiftscope.workflow.adapt.AdaptationRun;
import org.shiftscope.workflow.adapt.AdaptationRunner;

/**
 * State of the Adapt view: the run settings, the run history, and what the view compares: one run's target
 * metrics before and after its method, or two runs' results side by side. Runs start only when the user asks
 * (they train a model); each is stored in the {@link RunStore} as it starts and ends.
 */
public final class AdaptViewModel {

    /**
     * One line of the comparison table.
     *
     * @param first  value [interval] of the first column (before, or run A)
     * @param second value [interval] of the second column (after, or run B)
     * @param worse  whether the second is worse than the first
     */
    public record Row(String metric, String first, String second, double delta, boolean worse) {
    }

    /** A reliability diagram's points: mean confidence and accuracy per non-empty bin. */
    public record Curve(String name, double[] confidence, double[] accuracy) {
    }

    private final TaskRunner tasks;
    private javafx.collections.ObservableList<org.shiftscope.workflow.slice.Slice> slices =
            javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<MethodInfo> method = new SimpleObjectProperty<>(AdaptationRunner.method("mlls"));
    private final StringProperty label = new SimpleStringProperty();
    private final StringProperty group = new SimpleStringProperty();
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final IntegerProperty epochs = new SimpleIntegerProperty(AdaptRequest.DEFAULT_EPOCHS);
    /** The built-in classifier: the network, or gradient-boosted trees (tables). */
    private final ObjectProperty<AdaptRequest.Classifier> classifier =
            new SimpleObjectProperty<>(AdaptRequest.Classifier.MLP);
    /** alpha-BN's weight of the reference statistics; WiSE-FT's weight of the fine-tuned model. */
    private final javafx.beans.property.DoubleProperty alpha =
            new javafx.beans.property.SimpleDoubleProperty(AdaptRequest.DEFAULT_ALPHA);
    /** The user's classifier (ONNX / TorchScript), or blank for the built-in one. */
    private final StringProperty modelFile = new SimpleStringProperty("");
    /** The user's model: which output gives one value per class, and its input columns (blank: every numeric). */
    private final IntegerProperty modelOutput = new SimpleIntegerProperty(0);
    /** A user's classifier's embedding output (LAME's neighbours, the clusters); -1 for none. */
    private final IntegerProperty modelFeatures = new SimpleIntegerProperty(-1);
    /** How images become the user's classifier's input. */
    private final javafx.beans.property.ObjectProperty<org.shiftscope.core.ImagePreprocessing> preprocess =
            new javafx.beans.property.SimpleObjectProperty<>(org.shiftscope.core.ImagePreprocessing.NONE);
    private final StringProperty modelInputs = new SimpleStringProperty("");
    /** What the loss plot shows: the series the running method reports. */
    private final StringProperty lossTitle = new SimpleStringProperty("loss per step");
    private final ObjectProperty<DataResult> data = new SimpleObjectProperty<>();
    private final ObservableList<RunStore.Run> runs = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Curve> curves = FXCollections.observableArrayList();
    /** An iterative method's loss per step (TENT's mean entropy); empty for the others. */
    private final ObservableList<Double> loss = FXCollections.observableArrayList();
    private final StringProperty firstTitle = new SimpleStringProperty("before");
    private final StringProperty secondTitle = new SimpleStringProperty("after");
    private final StringProperty summary = new SimpleStringProperty("Choose the label column and run a method.");
    private final StringProperty warning = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private RunStore store; // guarded by this
    /** Why the run history cannot be opened, or null. */
    private String storeProblem;

    public AdaptViewModel(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /**
     * The run history, opened on first use off the FX thread (opening SQLite takes a while), or null when it cannot
     * be opened: runs then go on unrecorded, and the view says so ({@link #storeProblem}).
     */
    private synchronized RunStore store() {
        if (store == null && storeProblem == null) {
            try {
                store = RunStore.standard();
            } catch (org.shiftscope.core.DataException e) {
                storeProblem = e.getMessage();
            }
        }
        return store;
    }

    private synchronized String storeProblem() {
        return storeProblem;
    }

    /** Reloads the run history (off the FX thread). */
    public void refreshRuns() {
        tasks.submit("runs", "Reading the run history", monitor -> {
            RunStore history = store();
            if (history == null) {
                throw org.shiftscope.core.DataException.of("The run history cannot be opened, so runs are not"
                        + " recorded: " + storeProblem());
            }
            return history.list();
        }, runs::setAll, e -> problem.set(e.getMessage()));
    }

    /** Starts a run with the current settings on the Data view's split. */
    public void run() {
        DataResult d = data.get();
        if (d == null) {
            problem.set("Define a split in the Data view first.");
            return;
        }
        if (label.get() == null || label.get().isBlank()) {
            problem.set("Choose the label column the classifier learns.");
            return;
        }
        String file = modelFile.get() == null ? "" : modelFile.get().strip();
        java.nio.file.Path model = file.isEmpty() ? null : java.nio.file.Path.of(file);
        MethodInfo m = method.get();
        if (model != null && !AdaptationRunner.userModelMethods().contains(m.id())) {
            problem.set(m.id() + " trains or changes the classifier, so it runs on the built-in one; with"
                    + " your model choose " + String.join(", ", AdaptationRunner.userModelMethods())
                    + ", or clear the model field.");
            return;
        }
        if (model != null && !java.nio.file.Files.isRegularFile(model)) {
            problem.set("Model file not found: " + model);
            return;
        }
        List<String> inputs = java.util.Arrays.stream(modelInputs.get() == null ? new String[0]
                : modelInputs.get().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        AdaptRequest request;
        try {
            request = AdaptRequest.of(m.id(), alpha.get(), label.get(), group.get(), seed.get(), epochs.get(),
                    AdaptRequest.DEFAULT_RESAMPLES, AdaptRequest.DEFAULT_CLUSTERS, model == null ? null
                            : new AdaptRequest.UserModel(model, new EmbeddingAnalysis.ModelInput(inputs,
                            modelOutput.get(), 256, preprocess.get(), modelFeatures.get())),
                    model == null ? classifier.get() : AdaptRequest.Classifier.MLP);
        } catch (org.shiftscope.core.DataException e) {
            problem.set(e.getMessage());
            return;
        }
        problem.set("");
        summary.set((model == null ? "Training the built-in classifier on " + request.label() : "Running "
                + model.getFileName()) + ", then " + m.id() + "…");
        loss.clear();
        lossTitle.set("loss per step");
        List<org.shiftscope.workflow.slice.Slice> saved = List.copyOf(slices);
        tasks.submit("adapt", "Adaptation run: " + m.id(), monitor -> AdaptationRunner.run(
                        org.shiftscope.workflow.slice.Slices.apply(d, saved).split(), request,
                        store(), new LiveSeries(monitor, this::plotLive, tasks)),
                run -> {
                    show(run);
                    RunStore used = store();
                    String unsaved = used == null ? storeProblem() : used.writeProblem();
                    if (unsaved != null) {
                        problem.set("The run is shown but not saved in the run history: " + unsaved);
                    }
                    refreshRuns();
                },
                e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                    refreshRuns();
                });
    }

    /** Appends values a running method reported to the live loss plot (FX thread). */
    private void plotLive(String series, List<Double> values) {
        lossTitle.set(series);
        loss.addAll(values);
    }

    /**
     * A monitor that passes progress and cancellation through and collects the values of a series a job reports,
     * handing them to the FX thread in batches at most every {@value #LIVE_MS} ms (the last batch when the series
     * ends is flushed with the next value or by the result, which redraws the whole curve).
     */
    static final class LiveSeries implements TaskMonitor {

        static final long LIVE_MS = 100;

        private final TaskMonitor outer;
        private final java.util.function.BiConsumer<String, List<Double>> sink;
        /** Where batches are handed over: the FX thread in the app. */
        private final TaskRunner ui;
        private final List<Double> pending = new ArrayList<>();
        private long last;

        LiveSeries(TaskMonitor outer, java.util.function.BiConsumer<String, List<Double>> sink, TaskRunner ui) {
            this.ui = ui;
            this.outer = outer;
            this.sink = sink;
        }

        @Override
        public void progress(double fraction, String message) {
            outer.progress(fraction, message);
        }

        @Override
        public boolean isCancelled() {
            return outer.isCancelled();
        }

        @Override
        public void value(String series, double value) {
            pending.add(value);
            long now = System.nanoTime();
            if (now - last >= LIVE_MS * 1_000_000) {
                last = now;
                List<Double> batch = List.copyOf(pending);
                pending.clear();
                ui.onUiThread(() -> sink.accept(series, batch));
            }
        }
    }

    /** Shows one run: its target metrics before and after, and what its method found. */
    public void show(AdaptationRun result) {
        warning.set("");
        rows.clear();
        curves.clear();
        loss.clear();
        if (result == null) {
            summary.set("This run stored no result.");
            return;
        }
        if (result.lossCurve() != null) {
            loss.setAll(java.util.Arrays.stream(result.lossCurve()).boxed().toList());
        }
        String series = AdaptationRunner.method(result.method()).lossCurve();
        lossTitle.set(series == null ? "loss per step" : series);
        String found = result.report().summary();
        if (result.report() instanceof LabelShiftReport && result.targetShares() != null) {
            found += ", actual " + numbers(result.targetShares());
        }
        summary.set(String.format(Locale.ROOT, "run %s · %s on %s · trained on %,d rows (%,d held out)%s · estimated"
                        + " target accuracy before (no target labels used): ATC %.3f, CBPE %.3f",
                result.runId() == null ? "-" : result.runId(), result.method(), result.model(), result.trained(),
                result.heldOut(), found.isEmpty() ? "" : " · " + found, result.atc().accuracy(),
                result.cbpe().accuracy()));
        firstTitle.set("before");
        secondTitle.set("after");
        if (result.before() == null) {
            warning.set("The target has no labels: no before/after metrics.");
            return;
        }
        rows.setAll(compare(result.before(), result.after()));
        if (result.clusters() != null) {
            for (AdaptationRun.ClusterChange c : result.clusters()) {
                rows.add(row("accuracy[" + c.cluster() + "] (n " + c.n() + ")", c.before(), c.after()));
            }
        }
        if (result.fairness() != null) {
            rows.addAll(fairness(result.fairness()));
        }
        curves.setAll(curve("before", result.before()), curve("after", result.after()));
        List<String> worse = result.worse();
        warning.set(worse.isEmpty() ? "" : "Worse after the run: " + String.join(", ", worse));
    }

    /** Shows two stored runs' target metrics after their methods side by side (B minus A). */
    public void compare(RunStore.Run a, RunStore.Run b) {
        rows.clear();
        curves.clear();
        warning.set("");
        Evaluation.Result ra = a.result() == null ? null : a.result().after();
        Evaluation.Result rb = b.result() == null ? null : b.result().after();
        if (ra == null || rb == null) {
            summary.set("Both runs need target metrics to compare (done runs on a labelled target).");
            return;
        }
        if (!a.dataHash().equals(b.dataHash())) {
            warning.set("The runs used different data: " + a.dataHash() + " vs " + b.dataHash());
        }
        firstTitle.set("run " + a.id() + " (" + a.method() + ")");
        secondTitle.set("run " + b.id() + " (" + b.method() + ")");
        summary.set("Comparing the target metrics after run " + a.id() + " (A) and after run " + b.id() + " (B).");
        rows.setAll(compare(ra, rb));
        curves.setAll(curve(a.id(), ra), curve(b.id(), rb));
    }

    /** Rows for every metric and group accuracy the two results share. */
    static List<Row> compare(Evaluation.Result first, Evaluation.Result second) {
        List<Row> out = new ArrayList<>();
        first.metrics().forEach((name, f) -> {
            Evaluation.Estimate s = second.metrics().get(name);
            if (s != null) {
                out.add(row(name, f, s));
            }
        });
        for (int g = 0; g < first.groups().size() && g < second.groups().size(); g++) {
            Evaluation.GroupAccuracy f = first.groups().get(g);
            out.add(row("accuracy[" + f.group() + "] (n " + f.n() + ")", f.accuracy(),
                    second.groups().get(g).accuracy()));
        }
        return out;
    }

    /** The auditor's rates per group before and after (a binary label with groups). */
    static List<Row> fairness(AdaptationRun.Fairness f) {
        return f.rateChanges().stream().map(c -> new Row(c.metric() + "[" + c.group() + "]",
                AdaptationRun.RateChange.text(c.before(), 4), AdaptationRun.RateChange.text(c.after(), 4),
                c.change(), false)).toList();
    }

    private static Row row(String metric, Evaluation.Estimate f, Evaluation.Estimate s) {
        double delta = s.value() - f.value();
        boolean lowerBetter = metric.equals("nll") || metric.equals("brier") || metric.equals("ece");
        return new Row(metric, interval(f), interval(s), delta, lowerBetter ? delta > 0 : delta < 0);
    }

    private static String interval(Evaluation.Estimate e) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.value(), e.low(), e.high());
    }

    private static Curve curve(String name, Evaluation.Result metrics) {
        Metrics.Reliability r = metrics.reliability();
        int bins = (int) java.util.Arrays.stream(r.count()).filter(c -> c > 0).count();
        double[] conf = new double[bins];
        double[] acc = new double[bins];
        for (int b = 0, i = 0; b < r.count().length; b++) {
            if (r.count()[b] > 0) {
                conf[i] = r.confidence()[b];
                acc[i++] = r.accuracy()[b];
            }
        }
        return new Curve(name, conf, acc);
    }

    private static String numbers(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(String.format(Locale.ROOT, "%.3f", x));
        }
        return "(" + String.join(", ", out) + ")";
    }

    /** Shows a stored run (one selected), or compares two. */
    public void select(List<RunStore.Run> selected) {
        if (selected.size() == 1) {
            show(selected.get(0).result());
        } else if (selected.size() == 2) {
            compare(selected.get(1), selected.get(0)); // the older run is A
        } else if (!selected.isEmpty()) {
            problem.set("Select one run to see it, or two to compare them.");
            return;
        }
        problem.set("");
    }

    public ObjectProperty<MethodInfo> methodProperty() {
        return method;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public StringProperty groupProperty() {
        return group;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<AdaptRequest.Classifier> classifierProperty() {
        return classifier;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public javafx.beans.property.DoubleProperty alphaProperty() {
        return alpha;
    }

    public StringProperty modelFileProperty() {
        return modelFile;
    }

    public IntegerProperty modelFeaturesProperty() {
        return modelFeatures;
    }

    public javafx.beans.property.ObjectProperty<org.shiftscope.core.ImagePreprocessing> preprocessProperty() {
        return preprocess;
    }

    public IntegerProperty modelOutputProperty() {
        return modelOutput;
    }

    public StringProperty modelInputsProperty() {
        return modelInputs;
    }

    public StringProperty lossTitleProperty() {
        return lossTitle;
    }

    public ObjectProperty<DataResult> dataProperty() {
        return data;
    }

    public ObservableList<RunStore.Run> runs() {
        return runs;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<Curve> curves() {
        return curves;
    }

    public ObservableList<Double> loss() {
        return loss;
    }

    public StringProperty firstTitleProperty() {
        return firstTitle;
    }

    public StringProperty secondTitleProperty() {
        return secondTitle;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty warningProperty() {
        return warning;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** The saved slices (groups like any column); the main window shares the Map view's list. */
    public javafx.collections.ObservableList<org.shiftscope.workflow.slice.Slice> slices() {
        return slices;
    }

    /** Uses {@code shared} as the list of saved slices. */
    public void shareSlices(javafx.collections.ObservableList<org.shiftscope.workflow.slice.Slice> shared) {
        this.slices = shared;
    }
}
