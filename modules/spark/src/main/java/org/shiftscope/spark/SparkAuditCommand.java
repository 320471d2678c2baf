package org.shiftscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.summary.ScaleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shiftscope spark audit}: per-group rates of a prediction column against a label column on each side, from
 * exact counts of every row ({@link SparkAudit}), in the desktop {@code audit}'s JSON shape for its groups and their
 * change from reference to target. Intervals are 95 % Wilson score intervals of each proportion (the desktop
 * bootstraps rows; from counts of every row the closed form is exact enough and costs nothing); between-group
 * disparities are left to the desktop audit of the summary's sample.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Per-group accuracy, selection rate, TPR, FPR, FNR, precision and base rate on each side, from"
                + " exact counts on Spark, with Wilson 95 % intervals.")
final class SparkAuditCommand implements Callable<Integer> {

    static final List<String> METRICS = List.of("base_rate", "selection_rate", "accuracy", "tpr", "fpr", "fnr",
            "precision");

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

    @Option(names = "--min-group-size", defaultValue = "30", paramLabel = "N",
            description = "Groups with fewer rows are flagged small (default ${DEFAULT-VALUE}).")
    int minGroupSize;

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
        if (split.columns.isEmpty()) {
            split.columns = List.of(label, prediction, group);
        }
        long start = System.nanoTime();
        SparkSession spark = split.session();
        try {
            SparkSplit.Sides sides = split.open(spark);
            ScaleSummary.Audit a = SparkAudit.run(sides.referenceRows(), sides.targetRows(), label, prediction, group,
                    positive);
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("schema", "shiftscope/audit/v1");
                root.set("reference", side(a, "reference", sides.referenceName(), sides.referenceAll()));
                root.set("target", side(a, "target", sides.targetName(), sides.targetAll()));
                ArrayNode change = root.putArray("change");
                Map<String, Map<String, ScaleSummary.Rate>> ref = byGroup(a, "reference");
                Map<String, Map<String, ScaleSummary.Rate>> tgt = byGroup(a, "target");
                for (String g : ref.keySet()) {
                    if (g.equals(SparkAudit.ALL) || !tgt.containsKey(g)) {
                        continue;
                    }
                    ObjectNode o = change.addObject();
                    o.put("group", g);
                    o.put("n_reference", ref.get(g).get("accuracy").denominator());
                    o.put("n_target", tgt.get(g).get("accuracy").denominator());
                    for (String m : METRICS) {
                        number(o, m, tgt.get(g).get(m).value() - ref.get(g).get(m).value());
                    }
                }
                SparkCommands.engine(root, spark, seconds);
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            } else {
                text(a, out, seconds);
            }
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private ObjectNode side(ScaleSummary.Audit a, String side, String data, long rows) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        Map<String, Map<String, ScaleSummary.Rate>> groups = byGroup(a, side);
        long used = groups.get(SparkAudit.ALL).get("accuracy").denominator();
        o.put("data", data);
        o.put("rows", rows);
        o.put("rows_left_out_missing", rows - used);
        o.put("positive_label", positive);
        o.put("decision", prediction + " = " + positive);
        o.put("min_group_size", minGroupSize);
        o.put("intervals", "wilson");
        ArrayNode list = o.putArray("groups");
        for (Map.Entry<String, Map<String, ScaleSummary.Rate>> e : groups.entrySet()) {
            if (e.getKey().equals(SparkAudit.ALL)) {
                continue;
            }
            ObjectNode g = list.addObject();
            long n = e.getValue().get("accuracy").denominator();
            g.put("group", e.getKey());
            g.put("n", n);
            g.put("small", n < minGroupSize);
            ObjectNode ci = g.putObject("ci");
            for (String m : METRICS) {
                ScaleSummary.Rate r = e.getValue().get(m);
                number(g, m, r.value());
                ArrayNode interval = ci.putArray(m);
                if (Double.isNaN(r.value())) {
                    interval.addNull();
                    interval.addNull();
                } else {
                    interval.add(r.low());
                    interval.add(r.high());
                }
            }
        }
        return o;
    }

    private static Map<String, Map<String, ScaleSummary.Rate>> byGroup(ScaleSummary.Audit a, String side) {
        Map<String, Map<String, ScaleSummary.Rate>> out = new LinkedHashMap<>();
        for (ScaleSummary.Rate r : a.rates()) {
            if (r.side().equals(side)) {
                out.computeIfAbsent(r.group(), k -> new LinkedHashMap<>()).put(r.metric(), r);
            }
        }
        return out;
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    private static void text(ScaleSummary.Audit a, PrintWriter out, double seconds) {
        out.printf(Locale.ROOT, "audit of %s against %s per %s (%.1f s); 95 %% Wilson intervals%n", a.prediction(),
                a.label(), a.group(), seconds);
        out.printf(Locale.ROOT, "%-10s %-16s %12s  %-24s %-24s %-24s %-24s%n", "side", "group", "rows", "accuracy",
                "selection rate", "tpr", "fpr");
        for (String side : List.of("reference", "target")) {
            for (Map.Entry<String, Map<String, ScaleSummary.Rate>> e : byGroup(a, side).entrySet()) {
                Map<String, ScaleSummary.Rate> m = e.getValue();
                out.printf(Locale.ROOT, "%-10s %-16s %,12d  %-24s %-24s %-24s %-24s%n", side, e.getKey(),
                        m.get("accuracy").denominator(), rate(m.get("accuracy")), rate(m.get("selection_rate")),
                        rate(m.get("tpr")), rate(m.get("fpr")));
            }
        }
    }

    private static String rate(ScaleSummary.Rate r) {
        return Double.isNaN(r.value()) ? "n/a" : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", r.value(), r.low(),
                r.high());
    }
}
