package org.shiftscope.ui.subgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.shiftscope.core.DataException;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.audit.ClusterGroups;
import org.shiftscope.workflow.model.EmbeddingAnalysis;

/**
 * State of the Subgroups view: the audit's settings (label, decision from a column or a model, group columns and
 * their intersection, reference group, minimum group size, transport clusters) and its result for reference and
 * target side by side. Audits run in the background when the user asks; the settings travel with the project.
 */
public final class SubgroupsViewModel {

    /** The metrics the table and the chart show, in order. */
    public static final List<String> METRICS = List.of("base_rate", "selection_rate", "accuracy", "tpr", "fpr",
            "fnr", "precision");

    /**
     * One line of the group table: a group on one side, or its change.
     *
     * @param side   "reference", "target" or "change"
     * @param values per metric: "value [low, high]" (sides) or a signed difference (change)
     */
    public record Row(String group, String side, String n, boolean small, Map<String, String> values) {
    }

    /** One disparity on both sides. */
    public record DisparityRow(String name, String reference, String target) {
    }

    /** One group in one transport cluster. */
    public record ClusterRow(String cluster, String moved, String along, String group, int reference, int target) {
    }

    /** How images become an audited model's input (the app binds it to the Map view's choice). */
    private final javafx.beans.property.ObjectProperty<org.shiftscope.core.ImagePreprocessing> preprocess =
            new javafx.beans.property.SimpleObjectProperty<>(org.shiftscope.core.ImagePreprocessing.NONE);
    private final TaskRunner tasks;
    private javafx.collections.ObservableList<org.shiftscope.workflow.slice.Slice> slices =
            javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<DataResult> data = new SimpleObjectProperty<>();
    private final StringProperty label = new SimpleStringProperty();
    private final StringProperty positiveLabel = new SimpleStringProperty("");
    private final StringProperty prediction = new SimpleStringProperty();
    private final StringProperty threshold = new SimpleStringProperty("");
    private final StringProperty negativeValues = new SimpleStringProperty("");
    private final StringProperty modelFile = new SimpleStringProperty("");
    private final StringProperty modelInputs = new SimpleStringProperty("");
    private final StringProperty group = new SimpleStringProperty();
    private final StringProperty secondGroup = new SimpleStringProperty("");
    private final StringProperty referenceGroup = new SimpleStringProperty("");
    private final StringProperty where = new SimpleStringProperty("");
    private final IntegerProperty minGroupSize = new SimpleIntegerProperty(AuditAnalysis.DEFAULT_MIN_GROUP_SIZE);
    private final IntegerProperty clusters = new SimpleIntegerProperty(0);
    private final ObjectProperty<String> chartMetric = new SimpleObjectProperty<>("selection_rate");
    private final ObjectProperty<AuditAnalysis.SplitAudit> result = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<DisparityRow> disparities = FXCollections.observableArrayList();
    private final ObservableList<ClusterRow> clusterRows = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("Choose the label, the decision and the group"
            + " columns, then audit.");
    private final StringProperty problem = new SimpleStringProperty("");

    /** A project brought audit settings: audit once its split has loaded. */
    private boolean auditWhenLoaded;

    public SubgroupsViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        data.addListener((o, was, now) -> {
            if (now != null && auditWhenLoaded) {
                auditWhenLoaded = false;
                audit();
            }
        });
    }

    /**
     * The audit settings the form holds; throws a {@link DataException} saying what is missing or wrong.
     */
    public AuditAnalysis.Settings settings() {
        if (blank(label.get()) || blank(group.get())) {
            throw DataException.of("choose the label column and at least one group column");
        }
        boolean byModel = !blank(modelFile.get());
        if (!byModel && blank(prediction.get())) {
            throw DataException.of("choose the decision column, or give a model file");
        }
        Double t = null;
        if (!blank(threshold.get())) {
            try {
                t = Double.parseDouble(threshold.get().strip());
            } catch (NumberFormatException e) {
                throw DataException.of("the threshold '" + threshold.get() + "' is not a number");
            }
        }
        List<String> groups = new ArrayList<>(List.of(group.get()));
        if (!blank(secondGroup.get()) && !secondGroup.get().equals(group.get())) {
            groups.add(secondGroup.get());
        }
        AuditAnalysis.Model model = null;
        if (byModel) {
            Path file = Path.of(modelFile.get().strip());
            if (!Files.isRegularFile(file)) {
                throw DataException.of("model file not found: " + file);
            }
            model = new AuditAnalysis.Model(file, new EmbeddingAnalysis.ModelInput(list(modelInputs.get()), 0, 256,
                    preprocess.get()), 1);
        }
        AuditAnalysis.Options o = new AuditAnalysis.Options(label.get(), blankToNull(positiveLabel.get()),
                byModel ? null : prediction.get(), t, List.of(), list(negativeValues.get()), groups,
                blankToNull(referenceGroup.get()), minGroupSize.get(), 1000, 0, model);
        return new AuditAnalysis.Settings(o, blankToNull(where.get()), clusters.get());
    }

    /** The settings as the form holds them, or null when they are incomplete (a project saves what there is). */
    public AuditAnalysis.Settings settingsOrNull() {
        try {
            return settings();
        } catch (DataException e) {
            return null;
        }
    }

    /** Fills the form from a project's settings (null: leaves it as it is) and audits when its split loads. */
    public void load(AuditAnalysis.Settings s) {
        if (s == null) {
            return;
        }
        auditWhenLoaded = true;
        AuditAnalysis.Options o = s.options();
        label.set(o.label());
        positiveLabel.set(o.positiveLabel() == null ? "" : o.positiveLabel());
        prediction.set(o.model() == null ? o.prediction() : null);
        threshold.set(o.threshold() == null ? "" : String.valueOf(o.threshold()));
        negativeValues.set(String.join(",", o.negativePredictions()));
        modelFile.set(o.model() == null ? "" : o.model().file().toString());
        modelInputs.set(o.model() == null ? "" : String.join(",", o.model().input().columns()));
        group.set(o.groups().get(0));
        secondGroup.set(o.groups().size() > 1 ? o.groups().get(1) : "");
        referenceGroup.set(o.referenceGroup() == null ? "" : o.referenceGroup());
        minGroupSize.set(o.minGroupSize());
        where.set(s.where() == null ? "" : s.where());
        clusters.set(s.clusters());
    }

    /** Audits the Data view's split with the form's settings, in the background. */
    public void audit() {
        DataResult d = data.get();
        if (d == null) {
            problem.set("Define a split in the Data view first.");
            return;
        }
        AuditAnalysis.Settings s;
        try {
            s = settings();
        } catch (DataException e) {
            problem.set(e.getMessage());
            return;
        }
        problem.set("");
        summary.set("Auditing " + String.join(" x ", s.options().groups()) + "…");
        List<org.shiftscope.workflow.slice.Slice> saved = List.copyOf(slices);
        tasks.submit("audit", "Subgroup audit", monitor -> AuditAnalysis.audit(d.definition(), s, saved, monitor),
                this::show, e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                });
    }

    /** Shows an audit computed elsewhere (a snapshot), instead of the one a loaded project would start. */
    public void publish(AuditAnalysis.SplitAudit a) {
        auditWhenLoaded = false;
        show(a);
    }

    private void show(AuditAnalysis.SplitAudit a) {
        result.set(a);
        List<Row> out = new ArrayList<>();
        Map<String, GroupFairness.Group> target = new java.util.LinkedHashMap<>();
        a.target().result().groups().forEach(g -> target.put(g.name(), g));
        Map<String, AuditAnalysis.Change> changes = new java.util.HashMap<>();
        AuditAnalysis.changes(a.reference(), a.target()).forEach(c -> changes.put(c.group(), c));
        for (GroupFairness.Group r : a.reference().result().groups()) {
            out.add(row(r, "reference"));
            GroupFairness.Group t = target.remove(r.name());
            if (t != null) {
                out.add(row(t, "target"));
                AuditAnalysis.Change c = changes.get(r.name());
                Map<String, String> change = new java.util.LinkedHashMap<>();
                for (String m : METRICS) {
                    double v = c.delta().getOrDefault(m, Double.NaN);
                    change.put(m, Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.3f", v));
                }
                out.add(new Row(r.name(), "change", String.format(Locale.ROOT, "%+,d", c.nAfter() - c.nBefore()),
                        false, change));
            }
        }
        target.values().forEach(t -> out.add(row(t, "target")));
        rows.setAll(out);
        List<DisparityRow> d = new ArrayList<>();
        for (GroupFairness.Disparity x : a.reference().result().disparities()) {
            GroupFairness.Disparity t = a.target().result().counterpart(x);
            d.add(new DisparityRow(x.group() == null ? x.name() : x.name() + ": " + x.group() + " vs " + x.versus(),
                    estimate(x.value()), t == null ? "" : estimate(t.value())));
        }
        disparities.setAll(d);
        List<ClusterRow> c = new ArrayList<>();
        if (a.clusters() != null) {
            List<List<ClusterGroups.GroupShare>> shares = ClusterGroups.shares(a.clusters());
            for (int i = 0; i < a.clusters().size(); i++) {
                ClusterGroups k = a.clusters().get(i);
                for (ClusterGroups.GroupShare g : shares.get(i)) {
                    c.add(new ClusterRow(String.valueOf(k.cluster()), String.format(Locale.ROOT, "%.3f", k.moved()),
                            String.join(", ", k.topFeatures()), g.group(), g.reference(), g.target()));
                }
            }
        }
        clusterRows.setAll(c);
        GroupFairness.Disparity dp = a.target().result().between("demographic_parity_difference");
        GroupFairness.Disparity dpRef = a.reference().result().between("demographic_parity_difference");
        summary.set(String.format(Locale.ROOT, "%d groups; reference %,d rows, target %,d rows; decision %s;"
                        + " demographic parity difference %s (reference) → %s (target)",
                a.reference().result().groups().size(), a.reference().rows() - a.reference().dropped(),
                a.target().rows() - a.target().dropped(), a.reference().decision(),
                dpRef == null ? "–" : estimate(dpRef.value()), dp == null ? "–" : estimate(dp.value())));
    }

    private static Row row(GroupFairness.Group g, String side) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        for (String m : METRICS) {
            Evaluation.Estimate e = g.values().get(m);
            v.put(m, e == null ? "–" : estimate(e));
        }
        return new Row(g.name(), side, String.format(Locale.ROOT, "%,d", g.n()), g.small(), v);
    }

    /** A group's value of a metric on one side (NaN when it has none). */
    public static double value(GroupFairness.Group g, String metric) {
        Evaluation.Estimate e = g.values().get(metric);
        return e == null ? Double.NaN : e.value();
    }

    static String estimate(Evaluation.Estimate e) {
        return e.text("–");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    private static List<String> list(String s) {
        return s == null ? List.of() : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .toList();
    }

    public ObjectProperty<DataResult> dataProperty() {
        return data;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public StringProperty positiveLabelProperty() {
        return positiveLabel;
    }

    public StringProperty predictionProperty() {
        return prediction;
    }

    public StringProperty thresholdProperty() {
        return threshold;
    }

    public StringProperty negativeValuesProperty() {
        return negativeValues;
    }

    public StringProperty modelFileProperty() {
        return modelFile;
    }

    public StringProperty modelInputsProperty() {
        return modelInputs;
    }

    public StringProperty groupProperty() {
        return group;
    }

    public StringProperty secondGroupProperty() {
        return secondGroup;
    }

    public StringProperty referenceGroupProperty() {
        return referenceGroup;
    }

    public StringProperty whereProperty() {
        return where;
    }

    public IntegerProperty minGroupSizeProperty() {
        return minGroupSize;
    }

    public IntegerProperty clustersProperty() {
        return clusters;
    }

    public ObjectProperty<String> chartMetricProperty() {
        return chartMetric;
    }

    public ObjectProperty<AuditAnalysis.SplitAudit> resultProperty() {
        return result;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<DisparityRow> disparities() {
        return disparities;
    }

    public ObservableList<ClusterRow> clusterRows() {
        return clusterRows;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public javafx.beans.property.ObjectProperty<org.shiftscope.core.ImagePreprocessing> preprocessProperty() {
        return preprocess;
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
