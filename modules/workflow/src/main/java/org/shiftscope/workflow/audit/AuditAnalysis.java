package org.shiftscope.workflow.audit;

import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import org.shiftscope.workflow.model.EmbeddingCache;
import org.shiftscope.workflow.model.ModelProbabilities;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;

/**
 * A subgroup audit of a binary decision recorded in the data: the label and the decision are columns (the decision
 * a category, e.g. COMPAS's score_text not Low, or a score with a threshold), the groups one column's values or the
 * intersections of several (race x sex). Rows missing the label, the decision or a group column are left out and
 * counted. The numbers come from {@link GroupFairness}.
 */
public final class AuditAnalysis {

    /** Values read as the positive class when no positive value is named. */
    private static final Set<String> POSITIVE = Set.of("1", "yes", "true", "y", "t", "positive");
    private static final Set<String> NEGATIVE = Set.of("0", "no", "false", "n", "f", "negative");
    /** Groups smaller than this are flagged and left out of between-group disparities unless told otherwise. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 30;

    private AuditAnalysis() {
    }

    /**
     * @param positiveLabel       the label value that is the positive class (null: 1 / yes / true)
     * @param threshold           decision = score >= threshold (a numeric prediction column); null for categories
     * @param positivePredictions decision values that count as positive (empty: see negativePredictions)
     * @param negativePredictions decision values that count as negative, every other value positive (empty: 1 /
     *                            yes / true are positive)
     * @param groups              the group columns; several give their intersections
     * @param referenceGroup      the group the others are compared with (null: the largest)
     * @param minGroupSize        groups with fewer rows are flagged "small" and left out of between-group
     *                            disparities
     * @param model               a model whose score decides instead of a prediction column (null: none); the
     *                            decision is then score >= threshold (0.5 when none is given)
     */
    public record Options(String label, String positiveLabel, String prediction, Double threshold,
                          List<String> positivePredictions, List<String> negativePredictions, List<String> groups,
                          String referenceGroup, int minGroupSize, int resamples, long seed, Model model) {

        public Options {
            if (model != null) {
                if (prediction != null && !prediction.equals(MODEL_SCORE)) {
                    throw DataException.of("give either a prediction column or a model, not both");
                }
                prediction = MODEL_SCORE;
                threshold = threshold == null ? 0.5 : threshold;
            }
            positivePredictions = List.copyOf(positivePredictions);
            negativePredictions = List.copyOf(negativePredictions);
            groups = List.copyOf(groups);
            if (groups.isEmpty()) {
                throw DataException.setting("group", "an audit needs at least one group column");
            }
            if (minGroupSize < 1 || resamples < 0) {
                throw DataException.of("the minimum group size must be at least 1 and resamples at least 0");
            }
            org.shiftscope.core.Limits.check("resamples", resamples, 0, org.shiftscope.core.Limits.RESAMPLES);
        }
    }

    /**
     * A model that scores the rows: its probability of the positive class is the score the decision thresholds.
     *
     * @param input          the columns fed to it (tabular data) and which output holds its class scores
     * @param positiveOutput which of two per-class values is the positive class (one value per row is itself the
     *                       positive class's probability, or its logit)
     */
    public record Model(Path file, EmbeddingAnalysis.ModelInput input, int positiveOutput) {

        public Model {
            java.util.Objects.requireNonNull(file, "file");
            if (positiveOutput < 0 || positiveOutput > 1) {
                throw DataException.of("the positive class's output of a binary model is 0 or 1, not "
                        + positiveOutput);
            }
        }
    }

    /** The column that holds a model's scores in an audit by model. */
    public static final String MODEL_SCORE = "model_score";

    /**
     * @param dropped  rows left out for a missing label, decision or group value
     * @param decision how the decision was read, e.g. "score_text not in [Low]"
     */
    public record Audit(String name, int rows, int dropped, String positiveLabel, String decision,
                        GroupFairness.Result result) {
    }

    /** Audits one dataset (one side of a split, or a whole file). */
    public static Audit audit(Dataset data, Options o) {
        return audit(data, o, TaskMonitor.NONE);
    }

    /** Audits one dataset, first scoring its rows with the options' model when they name one. */
    public static Audit audit(Dataset data, Options o, TaskMonitor monitor) {
        if (o.model() != null) {
            data = withModelScores(data, o.model(), monitor);
        }
        String file = data.source().displayName();
        Column label = require(data, o.label(), "label", file);
        Column prediction = require(data, o.prediction(), "prediction", file);
        List<Column> groupColumns = new ArrayList<>();
        for (String g : o.groups()) {
            groupColumns.add(require(data, g, "group", file));
        }
        String positive = positiveLabel(label, o.positiveLabel(), file);
        int n = data.rowCount();
        boolean[] y = new boolean[n];
        boolean[] decided = new boolean[n];
        double[] score = o.threshold() != null ? new double[n] : null;
        String[] group = new String[n];
        int kept = 0;
        if (o.threshold() != null && !(prediction instanceof NumericColumn)) {
            throw DataException.inFile(file, "prediction column '" + o.prediction() + "' is not numeric, so it takes"
                    + " no threshold (name the positive or negative values instead)").about("threshold");
        }
        boolean probabilities = score != null;
        for (int i = 0; i < n; i++) {
            int row = i;
            if (label.isMissing(i) || prediction.isMissing(i)
                    || groupColumns.stream().anyMatch(c -> c.isMissing(row))) {
                continue;
            }
            y[kept] = label.text(i).equals(positive);
            if (score != null) {
                double s = ((NumericColumn) prediction).get(i);
                score[kept] = s;
                probabilities &= s >= 0 && s <= 1;
                decided[kept] = s >= o.threshold();
            } else {
                decided[kept] = decision(prediction.text(i), o, file);
            }
            group[kept] = groupOf(groupColumns, i);
            kept++;
        }
        if (kept == 0) {
            throw DataException.inFile(file, "no row has a label, a prediction and every group value");
        }
        GroupFairness.Result r = GroupFairness.of(java.util.Arrays.copyOf(y, kept),
                java.util.Arrays.copyOf(decided, kept), probabilities ? java.util.Arrays.copyOf(score, kept) : null,
                java.util.Arrays.copyOf(group, kept), o.referenceGroup(), o.minGroupSize(), o.resamples(), o.seed());
        String how = o.model() != null ? "P(" + positive + ") from " + o.model().file().getFileName() + " (sha256 "
                + EmbeddingCache.fileHash(o.model().file()) + ") >= " + o.threshold()
                : o.threshold() != null ? o.prediction() + " >= " + o.threshold()
                : !o.positivePredictions().isEmpty() ? o.prediction() + " in " + o.positivePredictions()
                : !o.negativePredictions().isEmpty() ? o.prediction() + " not in " + o.negativePredictions()
                : o.prediction() + " in " + POSITIVE;
        return new Audit(data.name(), n, n - kept, positive, how, r);
    }

    /**
     * The data with the model's probability of the positive class as the column {@link #MODEL_SCORE}: two values
     * per row are class probabilities (or logits, then soft-maxed), one value is a probability (or a logit, then
     * passed through the logistic function). Rows missing one of the model's inputs get no score (and drop out of
     * the audit, counted).
     */
    static Dataset withModelScores(Dataset data, Model model, TaskMonitor monitor) {
        String name = model.file().getFileName().toString();
        if (data.column(MODEL_SCORE).isPresent()) {
            throw DataException.inFile(data.source().displayName(), "already has a column '" + MODEL_SCORE
                    + "'; rename it to audit a model");
        }
        List<String> inputs = model.input().columns();
        int n = data.rowCount();
        int[] rows = complete(data, data.columns().stream().filter(c -> c instanceof NumericColumn
                && (inputs.isEmpty() || inputs.contains(c.name()))).map(Column::name).toList());
        double[] score = new double[n];
        java.util.Arrays.fill(score, Double.NaN);
        if (rows.length > 0) {
            org.shiftscope.embedding.Embeddings out;
            try (org.shiftscope.embedding.ModelEmbedder m = org.shiftscope.embedding.ModelEmbedder.load(
                    model.file())) {
                EmbeddingAnalysis.ModelInput in = model.input();
                out = EmbeddingAnalysis.embed(rows.length == n ? data : data.selectRows(rows), m,
                        new EmbeddingAnalysis.ModelInput(inputs, in.output(), in.batch(), in.preprocess()), monitor);
            }
            if (out.d() == 2) {
                // one value per class: probabilities as they are, logits soft-maxed (as adapt reads a model)
                double[] p = ModelProbabilities.of(out, 2, model.file());
                for (int i = 0; i < rows.length; i++) {
                    score[rows[i]] = p[i * 2 + model.positiveOutput()];
                }
            } else if (out.d() == 1) {
                float[] v = out.values();
                boolean probabilities = true;
                for (int i = 0; i < rows.length && probabilities; i++) {
                    probabilities = v[i] >= 0 && v[i] <= 1;
                }
                for (int i = 0; i < rows.length; i++) {
                    score[rows[i]] = probabilities ? v[i] : 1 / (1 + Math.exp(-v[i]));
                }
            } else {
                throw DataException.inFile(name, "gives " + out.d() + " values per row; a binary audit needs one"
                        + " (the positive class's probability or logit) or two (one per class; choose the model's"
                        + " output)").about("model-output");
            }
        }
        List<Column> cols = new ArrayList<>(data.columns());
        cols.add(new NumericColumn(MODEL_SCORE, score));
        return new Dataset(data.name(), data.source(), cols, data.images());
    }

    /**
     * What an audit of a split needs beyond its options: a row filter for both sides and the number of transport
     * clusters to join to the groups (0: none).
     *
     * @param where    rows of both sides kept (null: all)
     * @param clusters k of the k-cluster explanation whose clusters are joined to the groups; 0 for none
     */
    public record Settings(Options options, String where, int clusters) {

        public Settings {
            java.util.Objects.requireNonNull(options, "options");
            where = where == null || where.isBlank() ? null : where.strip();
            if (clusters < 0) {
                throw DataException.of("the number of transport clusters cannot be negative");
            }
            org.shiftscope.core.Limits.check("clusters", clusters, 0, org.shiftscope.core.Limits.CLUSTERS);
        }
    }

    /** Audits the rows of one file (all of them, or those the settings' filter keeps): the CLI's audit of a file. */
    public static Audit audit(java.nio.file.Path file, Settings settings, TaskMonitor monitor) {
        if (settings.clusters() > 0) {
            throw DataException.setting("explain-clusters", "joining the shift's transport clusters to the groups"
                    + " needs a split (a reference and a target), not one file");
        }
        Dataset d = new DatasetCatalog().load(file, monitor.range(0, 0.1));
        return audit(filtered(d, settings.where()), settings.options(), monitor.range(0.1, 1));
    }

    /**
     * Reference and target audited alike, and the groups each transport cluster carries (null without clusters).
     *
     * @param clusterFeatures    the columns the transport explanation used (empty without clusters)
     * @param clusterRowsLeftOut rows of both sides missing one of those columns, so in no cluster
     * @param dataHash           the split's data as the run history names it (to find adaptation runs on it)
     */
    public record SplitAudit(Audit reference, Audit target, List<ClusterGroups> clusters, List<String> clusterFeatures,
                             int clusterRowsLeftOut, String dataHash) {
    }

    /**
     * Audits a split: every row of each side (the split's column choice and missing-value policy concern the shift
     * analyses, not the audit), filtered by {@code where}. The transport clusters use the split's columns, or when it
     * names none every numeric column but the label, the prediction, the groups and the filters' columns.
     */
    public static SplitAudit audit(SplitDefinition definition, Settings settings, TaskMonitor monitor) {
        return audit(definition, settings, List.of(), monitor);
    }

    /**
     * {@link #audit(SplitDefinition, Settings, TaskMonitor)} with the user's saved slices as group columns
     * ({@link org.shiftscope.workflow.slice.Slices#onSides}).
     */
    public static SplitAudit audit(SplitDefinition definition, Settings settings,
                                   List<org.shiftscope.workflow.slice.Slice> slices, TaskMonitor monitor) {
        SplitBuilder.Sides loaded = new SplitBuilder(new DatasetCatalog()).sides(definition, monitor.range(0, 0.1));
        String hash = loaded.dataHash(); // of the files' data: slices are the user's choice, not data
        SplitBuilder.Sides sides = org.shiftscope.workflow.slice.Slices.onSides(loaded, slices);
        Dataset ref = filtered(sides.reference(), settings.where());
        Dataset tgt = filtered(sides.target(), settings.where());
        Options o = settings.options();
        boolean clusters = settings.clusters() > 0;
        Audit a = audit(ref, o, monitor.range(0.1, clusters ? 0.3 : 0.55));
        Audit b = audit(tgt, o, monitor.range(clusters ? 0.3 : 0.55, clusters ? 0.5 : 1));
        if (!clusters) {
            return new SplitAudit(a, b, null, List.of(), 0, hash);
        }
        List<String> features = new ArrayList<>(definition.columns());
        if (features.isEmpty()) {
            Set<String> skip = new java.util.HashSet<>(o.groups());
            skip.add(o.label());
            skip.add(o.prediction());
            skip.addAll(sides.filterColumns());
            for (Column c : ref.columns()) {
                if (c instanceof NumericColumn && !skip.contains(c.name())
                        && tgt.column(c.name()).filter(t -> t instanceof NumericColumn).isPresent()) {
                    features.add(c.name());
                }
            }
        }
        int[] refRows = complete(ref, features);
        int[] tgtRows = complete(tgt, features);
        org.shiftscope.core.Split split = new org.shiftscope.core.Split(ref.selectRows(refRows),
                tgt.selectRows(tgtRows), features, ref.rowCount(), tgt.rowCount(),
                org.shiftscope.core.MissingPolicy.DROP, "audit");
        List<ClusterGroups> joined = ClusterGroups.join(split, !definition.columns().isEmpty(), o.groups(),
                settings.clusters(), o.seed(), monitor.range(0.5, 1));
        return new SplitAudit(a, b, joined, List.copyOf(features), ref.rowCount() - refRows.length + tgt.rowCount()
                - tgtRows.length, hash);
    }

    private static Dataset filtered(Dataset d, String where) {
        return where == null ? d : d.selectRows(org.shiftscope.core.RowFilter.parse(where).apply(d));
    }

    /** Rows with a value in each of the columns that exist (a column that does not exist is reported later). */
    private static int[] complete(Dataset d, List<String> columns) {
        List<Column> cols = columns.stream().map(d::column).flatMap(java.util.Optional::stream).toList();
        return java.util.stream.IntStream.range(0, d.rowCount())
                .filter(i -> cols.stream().noneMatch(c -> c.isMissing(i))).toArray();
    }

    static String groupOf(List<Column> columns, int row) {
        StringBuilder g = new StringBuilder();
        for (Column c : columns) {
            g.append(g.length() == 0 ? "" : " x ").append(c.isMissing(row) ? "(missing)" : c.text(row));
        }
        return g.toString();
    }

    static Column require(Dataset data, String name, String role, String file) {
        if (name == null || name.isBlank()) {
            throw DataException.of("the audit needs a " + role + " column");
        }
        return data.column(name).orElseThrow(() -> DataException.inFile(file, role + " column '" + name
                + "' does not exist (columns: " + String.join(", ", data.columnNames()) + ")"));
    }

    /** The positive label value: the one named, else the single value among 1 / yes / true the column holds. */
    private static String positiveLabel(Column label, String named, String file) {
        Set<String> values = new TreeSet<>();
        for (int i = 0; i < label.size() && values.size() <= 50; i++) {
            if (!label.isMissing(i)) {
                values.add(label.text(i));
            }
        }
        if (named != null) {
            if (!values.contains(named)) {
                throw DataException.inFile(file, "label column '" + label.name() + "' never holds '" + named
                        + "' (values: " + shortList(values) + ")");
            }
            return named;
        }
        List<String> positive = values.stream().filter(AuditAnalysis::readsPositive).toList();
        boolean binary = values.stream().allMatch(v -> readsPositive(v)
                || NEGATIVE.contains(v.toLowerCase(java.util.Locale.ROOT)));
        if (positive.size() != 1 || !binary) {
            throw DataException.inFile(file, "label column '" + label.name() + "' holds " + shortList(values)
                    + "; name its positive value").about("positive-label");
        }
        return positive.get(0);
    }

    /** Whether a label value reads as the positive class by itself (1, yes, true, ...). */
    public static boolean readsPositive(String value) {
        return POSITIVE.contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean decision(String value, Options o, String file) {
        if (!o.positivePredictions().isEmpty()) {
            return o.positivePredictions().contains(value);
        }
        if (!o.negativePredictions().isEmpty()) {
            return !o.negativePredictions().contains(value);
        }
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (POSITIVE.contains(v)) {
            return true;
        }
        if (NEGATIVE.contains(v)) {
            return false;
        }
        throw DataException.inFile(file, "prediction column '" + o.prediction() + "' holds '" + value + "'; say which"
                + " values are positive or negative, or give a threshold for a score").about("decision-values");
    }

    private static String shortList(Set<String> values) {
        List<String> v = new ArrayList<>(values);
        return v.size() <= 10 ? v.toString() : v.subList(0, 10) + " and more";
    }

    /**
     * One group's change between two audits.
     *
     * @param delta each metric both audits have for the group: second minus first (NaN where either has none)
     */
    public record Change(String group, int nBefore, int nAfter, Map<String, Double> delta) {
    }

    /** The change of every group of {@code b} that {@code a} also has, in {@code b}'s order. */
    public static List<Change> changes(Audit a, Audit b) {
        Map<String, GroupFairness.Group> before = new java.util.HashMap<>();
        a.result().groups().forEach(g -> before.put(g.name(), g));
        List<Change> out = new ArrayList<>();
        for (GroupFairness.Group g : b.result().groups()) {
            GroupFairness.Group old = before.get(g.name());
            if (old == null) {
                continue;
            }
            Map<String, Double> delta = new java.util.LinkedHashMap<>();
            g.values().forEach((m, e) -> {
                Evaluation.Estimate was = old.values().get(m);
                if (was != null) {
                    delta.put(m, e.value() - was.value());
                }
            });
            out.add(new Change(g.name(), old.n(), g.n(), delta));
        }
        return out;
    }
}
