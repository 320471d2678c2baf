package org.shiftscope.ui.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.ui.data.DataResult;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.AdaptationAnalysis;
import org.shiftscope.workflow.RunStore;

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
    private final ObjectProperty<AdaptationAnalysis.Method> method =
            new SimpleObjectProperty<>(AdaptationAnalysis.Method.MLLS);
    private final StringProperty label = new SimpleStringProperty();
    private final StringProperty group = new SimpleStringProperty();
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final IntegerProperty epochs = new SimpleIntegerProperty(10);
    /** alpha-BN's weight of the reference statistics; WiSE-FT's weight of the fine-tuned model. */
    private final javafx.beans.property.DoubleProperty alpha = new javafx.beans.property.SimpleDoubleProperty(0.5);
    /** The user's classifier (ONNX / TorchScript), or blank for the built-in one. */
    private final StringProperty modelFile = new SimpleStringProperty("");
    /** The user's model: which output gives one value per class, and its input columns (blank: every numeric). */
    private final IntegerProperty modelOutput = new SimpleIntegerProperty(0);
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
    private RunStore store;

    public AdaptViewModel(TaskRunner tasks) {
        this.tasks = tasks;
    }

    private RunStore store() {
        if (store == null) {
            store = RunStore.standard();
        }
        return store;
    }

    /** Reloads the run history (off the FX thread). */
    public void refreshRuns() {
        tasks.submit("runs", "Reading the run history", monitor -> store().list(), runs::setAll,
                e -> problem.set(e.getMessage()));
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
        AdaptationAnalysis.Options o = new AdaptationAnalysis.Options(method.get(), label.get(),
                group.get() == null || group.get().isBlank() ? null : group.get(), seed.get(), epochs.get(), 1000,
                alpha.get(), 8);
        String file = modelFile.get() == null ? "" : modelFile.get().strip();
        java.nio.file.Path model = file.isEmpty() ? null : java.nio.file.Path.of(file);
        if (model != null && !AdaptationAnalysis.INFERENCE_ONLY.contains(o.method())) {
            problem.set(o.method().id() + " trains or changes the classifier, so it runs on the built-in one; with"
                    + " your model choose BBSE, BBSE-soft or MLLS, or clear the model field.");
            return;
        }
        if (model != null && !java.nio.file.Files.isRegularFile(model)) {
            problem.set("Model file not found: " + model);
            return;
        }
        List<String> inputs = java.util.Arrays.stream(modelInputs.get() == null ? new String[0]
                : modelInputs.get().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        EmbeddingInputs modelInput = new EmbeddingInputs(inputs, modelOutput.get());
        problem.set("");
        summary.set((model == null ? "Training the built-in classifier on " + o.label() : "Running " + model
                .getFileName()) + ", then " + o.method().id() + "…");
        loss.clear();
        lossTitle.set("loss per step");
        RunStore history = store();
        tasks.submit("adapt", "Adaptation run: " + o.method().id(), monitor -> {
                    TaskMonitor live = new LiveSeries(monitor, this::plotLive);
                    return AdaptationAnalysis.toJson(model == null
                            ? AdaptationAnalysis.run(d.split(), o, history, live)
                            : AdaptationAnalysis.runModel(d.split(), o, model, modelInput.toWorkflow(), history, live));
                },
                json -> {
                    show(json);
                    refreshRuns();
                },
                e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                    refreshRuns();
                });
    }

    /** The user model's inputs as the view holds them. */
    private record EmbeddingInputs(List<String> columns, int output) {
        org.shiftscope.workflow.EmbeddingAnalysis.ModelInput toWorkflow() {
            return new org.shiftscope.workflow.EmbeddingAnalysis.ModelInput(columns, output, 256);
        }
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
        private final List<Double> pending = new ArrayList<>();
        private long last;

        LiveSeries(TaskMonitor outer, java.util.function.BiConsumer<String, List<Double>> sink) {
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
                javafx.application.Platform.runLater(() -> sink.accept(series, batch));
            }
        }
    }

    /** Shows one run: its target metrics before and after. */
    public void show(JsonNode result) {
        warning.set("");
        rows.clear();
        curves.clear();
        loss.clear();
        if (result != null) {
            List<Double> curve = new ArrayList<>();
            result.path("loss_curve").forEach(v -> curve.add(v.asDouble()));
            loss.setAll(curve);
            lossTitle.set(switch (result.path("method").asText()) {
                case "tent" -> "TENT: mean prediction entropy per step";
                case "dann" -> "DANN: label + domain loss per step";
                case "group-dro" -> "GroupDRO: weighted group loss per step";
                case "wise-ft" -> "WiSE-FT: fine-tuning loss per step";
                default -> "loss per step";
            });
        }
        if (result == null) {
            summary.set("This run stored no result.");
            return;
        }
        String found = result.has("domain_alignment") ? String.format(Locale.ROOT,
                "sides told apart in the features (classifier test AUC) %.3f before, %.3f after; domain head %.3f",
                result.get("domain_alignment").get("auc_before").asDouble(),
                result.get("domain_alignment").get("auc_after").asDouble(),
                result.get("domain_alignment").get("domain_head_accuracy").asDouble())
                : result.has("group_dro_weights") ? "GroupDRO group weights " + result.get("group_dro_weights")
                : result.has("wise_ft") ? wise(result.get("wise_ft"))
                : result.has("importance_weights") ? String.format(Locale.ROOT,
                "importance weights: effective sample size %,.0f of %,d, median %.2f, max %.2f",
                result.get("importance_weights").get("effective_sample_size").asDouble(),
                result.get("importance_weights").get("n").asInt(),
                result.get("importance_weights").get("median").asDouble(),
                result.get("importance_weights").get("max").asDouble())
                : "target priors estimated " + numbers(result.path("estimated_target_priors"))
                + (result.has("target_label_shares") ? ", actual " + numbers(result.get("target_label_shares")) : "");
        JsonNode est = result.path("label_free_estimates");
        String labelFree = est.isMissingNode() ? "" : String.format(Locale.ROOT,
                " · estimated target accuracy before (no target labels used): ATC %.3f, CBPE %.3f",
                est.path("atc_accuracy").asDouble(), est.path("cbpe_accuracy").asDouble());
        summary.set(String.format(Locale.ROOT, "run %s · %s on %s · trained on %,d rows (%,d held out) · %s%s",
                result.path("run_id").asText("-"), result.path("method").asText(), result.path("model").asText(),
                result.path("n_trained").asInt(), result.path("n_held_out").asInt(), found, labelFree));
        firstTitle.set("before");
        secondTitle.set("after");
        JsonNode before = result.get("before");
        JsonNode after = result.get("after");
        if (before == null || before.isNull()) {
            warning.set("The target has no labels: no before/after metrics.");
            return;
        }
        rows.setAll(compare(before, after));
        for (JsonNode c : result.path("clusters")) {
            rows.add(row("accuracy[" + c.get("cluster").asText() + "] (n " + c.get("n").asInt() + ")",
                    c.get("accuracy_before"), c.get("accuracy_after")));
        }
        rows.addAll(fairness(result.path("fairness")));
        curves.setAll(curve("before", before), curve("after", after));
        List<String> worse = new ArrayList<>();
        result.path("worse").forEach(w -> worse.add(w.asText()));
        warning.set(worse.isEmpty() ? "" : "Worse after the run: " + String.join(", ", worse));
    }

    private static String wise(JsonNode w) {
        List<String> points = new ArrayList<>();
        w.path("target_accuracy_by_alpha").forEach(p -> points.add(String.format(Locale.ROOT, "%.1f: %.3f",
                p.get("alpha").asDouble(), p.get("accuracy").asDouble())));
        return String.format(Locale.ROOT, "WiSE-FT alpha %.2f, %,d pseudo-labelled target rows", w.get("alpha")
                .asDouble(), w.get("pseudo_labelled_target_rows").asInt())
                + (points.isEmpty() ? "" : "; target accuracy by alpha " + String.join(", ", points));
    }

    /** Shows two stored runs' target metrics after their methods side by side (B minus A). */
    public void compare(RunStore.Run a, RunStore.Run b) {
        rows.clear();
        curves.clear();
        warning.set("");
        JsonNode ra = a.result() == null ? null : a.result().get("after");
        JsonNode rb = b.result() == null ? null : b.result().get("after");
        if (ra == null || rb == null || ra.isNull() || rb.isNull()) {
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

    /** Rows for every metric and group accuracy the two metric objects share. */
    static List<Row> compare(JsonNode first, JsonNode second) {
        List<Row> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = first.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            JsonNode s = second.get(e.getKey());
            if (f.has("value") && s != null && s.has("value")) {
                out.add(row(e.getKey(), f, s));
            }
        }
        JsonNode fg = first.path("groups");
        JsonNode sg = second.path("groups");
        for (int g = 0; g < fg.size() && g < sg.size(); g++) {
            out.add(row("accuracy[" + fg.get(g).get("group").asText() + "] (n " + fg.get(g).get("n").asInt() + ")",
                    fg.get(g).get("accuracy"), sg.get(g).get("accuracy")));
        }
        return out;
    }

    /** The auditor's rates per group before and after (a binary label with groups), from the run's "fairness". */
    static List<Row> fairness(JsonNode f) {
        return AdaptationAnalysis.rateChanges(f).stream().map(c -> new Row(c.metric() + "[" + c.group() + "]",
                AdaptationAnalysis.RateChange.text(c.before(), c.metric(), 4),
                AdaptationAnalysis.RateChange.text(c.after(), c.metric(), 4), c.change(), false)).toList();
    }

    private static Row row(String metric, JsonNode f, JsonNode s) {
        double delta = s.get("value").asDouble() - f.get("value").asDouble();
        boolean lowerBetter = metric.equals("nll") || metric.equals("brier") || metric.equals("ece");
        return new Row(metric, interval(f), interval(s), delta, lowerBetter ? delta > 0 : delta < 0);
    }

    private static String interval(JsonNode e) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.get("value").asDouble(), e.get("ci_low").asDouble(),
                e.get("ci_high").asDouble());
    }

    private static Curve curve(String name, JsonNode metrics) {
        JsonNode bins = metrics.path("reliability");
        double[] conf = new double[bins.size()];
        double[] acc = new double[bins.size()];
        for (int b = 0; b < bins.size(); b++) {
            conf[b] = bins.get(b).get("confidence").asDouble();
            acc[b] = bins.get(b).get("accuracy").asDouble();
        }
        return new Curve(name, conf, acc);
    }

    private static String numbers(JsonNode a) {
        List<String> v = new ArrayList<>();
        a.forEach(x -> v.add(String.format(Locale.ROOT, "%.3f", x.asDouble())));
        return "(" + String.join(", ", v) + ")";
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

    public ObjectProperty<AdaptationAnalysis.Method> methodProperty() {
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

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public javafx.beans.property.DoubleProperty alphaProperty() {
        return alpha;
    }

    public StringProperty modelFileProperty() {
        return modelFile;
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
}
