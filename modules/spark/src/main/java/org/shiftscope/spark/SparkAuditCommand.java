package org.shiftscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.shiftscope.core.DataException;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.audit.AuditJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shiftscope spark audit}: the desktop {@code audit} of a prediction column against a label column per group,
 * on each side, from the groups' confusion counts of every row (one pass a side, {@link SparkAudit#counts}): the same
 * metrics, disparities and JSON (metrics' {@code GroupFairness.ofCounts}, workflow's {@code AuditJson}); the
 * bootstrap draws each group's counts from the multinomial its rows' resampling gives.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Per-group accuracy, selection rate, TPR, FPR, FNR, precision and base rate on each side with"
                + " bootstrap intervals, and the between-group disparities, from exact counts on Spark.")
final class SparkAuditCommand implements Callable<Integer> {

    @Mixin
    SparkSplit split = new SparkSplit();

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The true outcome column.")
    String label;

    @Option(names = "--prediction", required = true, paramLabel = "COL", description = "The model's decision column.")
    String prediction;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "The group column.")
    String group;

    @Option(names = "--positive-label", defaultValue = "1", paramLabel = "V",
            description = "The label (and decision) value that is positive (default ${DEFAULT-VALUE}).")
    String positive;

    @Option(names = "--reference-group", paramLabel = "G",
            description = "The group the others are compared with (default: the largest).")
    String referenceGroup;

    @Option(names = "--min-group-size", defaultValue = "30", paramLabel = "N",
            description = "Groups with fewer rows are flagged and left out of the disparities (default"
                    + " ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--resamples", defaultValue = "1000", paramLabel = "B",
            description = "Bootstrap resamples of the intervals (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        split.check();
        SparkCommands.checkFormat(format);
        if (minGroupSize < 1) {
            throw DataException.setting("--min-group-size", "must be at least 1, not " + minGroupSize);
        }
        if (resamples < 1) {
            throw DataException.setting("--resamples", "must be at least 1, not " + resamples);
        }
        if (split.columns.isEmpty()) {
            split.columns = List.of(label, prediction, group);
        }
        long start = System.nanoTime();
        SparkSession spark = split.session();
        try {
            SparkSplit.Sides sides = split.open(spark);
            AuditAnalysis.Audit ref = audit(SparkAudit.counts(sides.referenceRows(), "reference", label, prediction,
                    group, positive), sides.referenceName(), sides.referenceAll());
            AuditAnalysis.Audit tgt = audit(SparkAudit.counts(sides.targetRows(), "target", label, prediction,
                    group, positive), sides.targetName(), sides.targetAll());
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("schema", "shiftscope/audit/v1");
                root.setAll(AuditJson.toJson(ref, tgt));
                SparkCommands.engine(root, spark, seconds);
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            } else {
                text(ref, tgt, out, seconds);
            }
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private AuditAnalysis.Audit audit(SparkAudit.Counts c, String data, long rows) {
        if (c.groups().isEmpty()) {
            throw DataException.setting("--label", data + ": no row has a label, a decision and a group");
        }
        if (rows > Integer.MAX_VALUE) {
            throw DataException.of(data + " has " + rows + " rows; this version audits sides of up to "
                    + Integer.MAX_VALUE + " rows");
        }
        GroupFairness.Result r = GroupFairness.ofCounts(c.groups().toArray(String[]::new), c.cells(), referenceGroup,
                minGroupSize, resamples, seed);
        return new AuditAnalysis.Audit(data, (int) rows, (int) (rows - c.used()), positive,
                prediction + " = " + positive, r);
    }

    private static void text(AuditAnalysis.Audit ref, AuditAnalysis.Audit tgt, PrintWriter out, double seconds) {
        out.printf(Locale.ROOT, "audit of %s (%.1f s); 95 %% bootstrap intervals%n", ref.decision(), seconds);
        for (AuditAnalysis.Audit a : List.of(ref, tgt)) {
            out.printf(Locale.ROOT, "%s: %,d rows (%,d missing a label, decision or group)%n", a.name(), a.rows(),
                    a.dropped());
            out.printf(Locale.ROOT, "  %-16s %12s  %-24s %-24s %-24s %-24s%n", "group", "rows", "accuracy",
                    "selection rate", "tpr", "fpr");
            for (GroupFairness.Group g : a.result().groups()) {
                out.printf(Locale.ROOT, "  %-16s %,12d  %-24s %-24s %-24s %-24s%s%n", g.name(), g.n(),
                        est(g.values().get("accuracy")), est(g.values().get("selection_rate")),
                        est(g.values().get("tpr")), est(g.values().get("fpr")), g.small() ? "  (small)" : "");
            }
            GroupFairness.Disparity dp = a.result().between("demographic_parity_difference");
            if (dp != null) {
                out.printf(Locale.ROOT, "  demographic parity difference %s%n", est(dp.value()));
            }
        }
    }

    private static String est(Evaluation.Estimate e) {
        return Double.isNaN(e.value()) ? "n/a" : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.value(), e.low(),
                e.high());
    }
}
