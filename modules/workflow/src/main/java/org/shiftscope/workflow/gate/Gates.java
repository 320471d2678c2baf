package org.shiftscope.workflow.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.core.DataException;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.transport.Explanation;
import org.shiftscope.workflow.DriftAnalysis;
import org.shiftscope.workflow.audit.AuditAnalysis;

/** Gates applied to an analysis' result: each gives a verdict with a one-line reason. */
public final class Gates {

    private Gates() {
    }

    /** drift (any column, corrected), mmd, classifier: each fails when its test finds a shift at the alpha. */
    public static List<Gate.Verdict> detect(List<Gate> gates, DriftAnalysis.Report r, double alpha) {
        List<Gate.Verdict> out = new ArrayList<>();
        for (Gate g : gates) {
            switch (g.quantity()) {
                case "drift" -> {
                    List<String> drifted = r.columns().stream().filter(ColumnDrift::drift).map(ColumnDrift::column)
                            .toList();
                    out.add(new Gate.Verdict(g, !drifted.isEmpty(), drifted.isEmpty() ? "no column drifts"
                            : String.format(Locale.ROOT, "drift in %d of %d columns (%s)", drifted.size(),
                                    r.columns().size(), String.join(", ", drifted.subList(0,
                                            Math.min(5, drifted.size()))) + (drifted.size() > 5 ? ", ..." : ""))));
                }
                case "mmd" -> out.add(r.mmd() == null
                        ? new Gate.Verdict(g, false, "the MMD test was not run (--permutations 0)")
                        : new Gate.Verdict(g, r.mmd().pValue() < alpha, String.format(Locale.ROOT,
                                "MMD p = %.3g (alpha %.3g)", r.mmd().pValue(), alpha)));
                case "classifier" -> out.add(new Gate.Verdict(g, r.classifier().pValue() < alpha,
                        String.format(Locale.ROOT, "classifier AUC %.3f, p = %.3g (alpha %.3g)", r.classifier().auc(),
                                r.classifier().pValue(), alpha)));
                default -> throw DataException.setting("fail-on", "detect's gates are drift, mmd and classifier,"
                        + " not '" + g.text() + "'");
            }
        }
        return out;
    }

    /** w2sq: the explanation's W2^2 against the threshold. */
    public static List<Gate.Verdict> explain(List<Gate> gates, Explanation e) {
        List<Gate.Verdict> out = new ArrayList<>();
        for (Gate g : gates) {
            if (!g.quantity().equals("w2sq") || g.op().isEmpty()) {
                throw DataException.setting("fail-on", "explain's gate compares w2sq with a number (w2sq>4), not '"
                        + g.text() + "'");
            }
            out.add(new Gate.Verdict(g, g.trips(e.w2sq()), String.format(Locale.ROOT, "W2^2 = %.6g (%s %s)", e.w2sq(),
                    g.op(), g.text().substring(g.quantity().length() + g.op().length()))));
        }
        return out;
    }

    /**
     * A disparity of the audit (between groups, or each group against the reference group: every one of that name
     * is compared) on the side that matters: the target of a split, or the one audited file.
     */
    public static List<Gate.Verdict> audit(List<Gate> gates, AuditAnalysis.Audit side) {
        List<Gate.Verdict> out = new ArrayList<>();
        for (Gate g : gates) {
            if (g.op().isEmpty()) {
                throw DataException.setting("fail-on", "an audit's gate compares a disparity with a number"
                        + " (fpr_ratio>1.25, selection_rate_ratio<0.8), not '" + g.text() + "'");
            }
            List<GroupFairness.Disparity> named = side.result().disparities().stream()
                    .filter(d -> d.name().equals(g.quantity())).toList();
            if (named.isEmpty()) {
                throw DataException.setting("fail-on", "the audit has no disparity '" + g.quantity() + "' (it has "
                        + String.join(", ", side.result().disparities().stream().map(GroupFairness.Disparity::name)
                                .distinct().toList()) + ")");
            }
            List<String> tripped = new ArrayList<>();
            double worst = Double.NaN;
            boolean above = g.op().startsWith(">");
            for (GroupFairness.Disparity d : named) {
                double v = d.value().value();
                if (!Double.isNaN(v) && (Double.isNaN(worst) || (above ? v > worst : v < worst))) {
                    worst = v;
                }
                if (g.trips(v)) {
                    tripped.add(String.format(Locale.ROOT, "%s %.3f", d.group() == null ? "between groups"
                            : d.group() + " vs " + d.versus(), v));
                }
            }
            out.add(new Gate.Verdict(g, !tripped.isEmpty(), tripped.isEmpty()
                    ? String.format(Locale.ROOT, "%s in %s: the %s is %.3f", g.quantity(), side.name(),
                            above ? "largest" : "smallest", worst)
                    : g.quantity() + " in " + side.name() + ": " + String.join("; ", tripped)));
        }
        return out;
    }
}
