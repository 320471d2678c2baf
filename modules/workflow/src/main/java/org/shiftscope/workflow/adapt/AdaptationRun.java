package org.shiftscope.workflow.adapt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shiftscope.adaptation.LabelFree;
import org.shiftscope.adaptation.method.MethodReport;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.audit.AuditAnalysis;

/**
 * One adaptation run as the CLI prints it, the run history stores it, the report renders it and the Adapt view shows
 * it: typed, with its schema version ({@link #SCHEMA}); {@link AdaptationRunJson} writes and reads it.
 *
 * @param runId          the run's id in the history (null when it was not stored)
 * @param method         the method's id
 * @param classes        the label's classes, in index order
 * @param trainAccuracy  accuracy on the rows the classifier trained on; for a user's model (trained elsewhere,
 *                       {@code trained == 0}) on the held-out reference rows
 * @param trained        reference rows the classifier trained on (0 for a user's model)
 * @param heldOut        labelled reference rows held out (what calibration and label-shift estimates use)
 * @param target         target rows
 * @param targetLabelled target rows whose label is a reference class (what before/after are measured on)
 * @param targetShares   the class shares of the labelled target rows (null without target labels)
 * @param atc            label-free estimate of the target accuracy before the method (never uses target labels)
 * @param cbpe           the same from BCTS-calibrated probabilities, with the expected confusion matrix
 * @param lossCurve      an iterative method's loss per step, or null
 * @param report         the method's own report
 * @param fairness       a binary label and a group column: the target's subgroup audit before and after (else null)
 * @param clusters       accuracy per k-means cluster of the target before and after (null without labels or
 *                       clusters)
 * @param before         target metrics of the classifier as trained (null without target labels)
 * @param after          target metrics after the method (null likewise)
 * @param device         where it ran ("CPU", or "GPU (CUDA 12.4)"; with the reason for a fallback)
 */
public record AdaptationRun(String runId, String method, List<String> classes, String label, long seed, String model,
                            double trainAccuracy, int trained, int heldOut, int target, int targetLabelled,
                            double[] targetShares, LabelFree.Atc atc, LabelFree.Cbpe cbpe, double[] lossCurve,
                            MethodReport report, Fairness fairness, List<ClusterChange> clusters,
                            Evaluation.Result before, Evaluation.Result after, double seconds, String device) {

    /** The schema of a run's JSON; rows written before it existed read as this version. */
    public static final String SCHEMA = "shiftscope/adapt/v1";

    /** The run's own report as the type its method reports (the caller knows the method). */
    public <R extends MethodReport> R report(Class<R> type) {
        return type.isInstance(report) ? type.cast(report) : null;
    }

    /** "before{arrow}after" target accuracy to four places, or "" without target labels. */
    public String accuracyChange(String arrow) {
        return before == null ? "" : String.format(java.util.Locale.ROOT, "%.4f" + arrow + "%.4f",
                before.metrics().get("accuracy").value(), after.metrics().get("accuracy").value());
    }

    /** A user's model (trained elsewhere): its accuracy is measured on held-out reference rows only. */
    public boolean userModel() {
        return trained == 0;
    }

    /** One target cluster's accuracy before and after. */
    public record ClusterChange(String cluster, int n, Evaluation.Estimate before, Evaluation.Estimate after) {

        public double delta() {
            return after.value() - before.value();
        }
    }

    /** A binary label with a group column: the target's subgroup audit before and after the method. */
    public record Fairness(AuditAnalysis.Audit before, AuditAnalysis.Audit after) {

        /** The rates the run reports per group, before and after. */
        public static final List<String> RATES = List.of("selection_rate", "tpr", "fpr");

        /** Every group's {@link #RATES} that both audits have, in the "before" order. */
        public List<RateChange> rateChanges() {
            Map<String, GroupFairness.Group> later = new HashMap<>();
            after.result().groups().forEach(g -> later.put(g.name(), g));
            List<RateChange> out = new ArrayList<>();
            for (GroupFairness.Group b : before.result().groups()) {
                GroupFairness.Group a = later.get(b.name());
                for (String m : RATES) {
                    Evaluation.Estimate was = b.values().get(m);
                    Evaluation.Estimate is = a == null ? null : a.values().get(m);
                    if (was != null && is != null && !Double.isNaN(was.value()) && !Double.isNaN(is.value())) {
                        out.add(new RateChange(b.name(), m, was, is));
                    }
                }
            }
            return out;
        }
    }

    /** One group's rate before and after a run. */
    public record RateChange(String group, String metric, Evaluation.Estimate before, Evaluation.Estimate after) {

        public double change() {
            return after.value() - before.value();
        }

        /** "value [low, high]" of an estimate (the value alone without an interval), to {@code decimals} places. */
        public static String text(Evaluation.Estimate e, int decimals) {
            String f = "%." + decimals + "f";
            return Double.isNaN(e.low()) ? String.format(java.util.Locale.ROOT, f, e.value())
                    : String.format(java.util.Locale.ROOT, f + " [" + f + ", " + f + "]", e.value(), e.low(),
                    e.high());
        }
    }

    /** After minus before, per metric and per group's accuracy (null without target labels). */
    public Map<String, Double> delta() {
        if (before == null) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        before.metrics().forEach((name, b) -> out.put(name, after.metrics().get(name).value() - b.value()));
        for (int g = 0; g < before.groups().size(); g++) {
            out.put("accuracy[" + before.groups().get(g).group() + "]",
                    after.groups().get(g).accuracy().value() - before.groups().get(g).accuracy().value());
        }
        return out;
    }

    /** Metrics higher when better. */
    private static final List<String> HIGHER_BETTER = List.of("accuracy", "balanced_accuracy", "macro_f1");

    /**
     * Where the run made things worse: each metric, group accuracy and cluster accuracy whose value after is worse
     * than before, marked "clearly" when the interval of the "after" value lies wholly beyond the "before" value
     * (null without target labels).
     */
    public List<String> worse() {
        if (before == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        before.metrics().forEach((name, b) -> {
            Evaluation.Estimate a = after.metrics().get(name);
            boolean higher = HIGHER_BETTER.contains(name);
            if (higher ? a.value() < b.value() : a.value() > b.value()) {
                boolean clearly = higher ? a.high() < b.value() : a.low() > b.value();
                out.add(name + (clearly ? " (clearly)" : ""));
            }
        });
        for (int g = 0; g < before.groups().size(); g++) {
            accuracyWorse(out, before.groups().get(g).group(), before.groups().get(g).accuracy(),
                    after.groups().get(g).accuracy());
        }
        for (int c = 0; clusters != null && c < clusters.size(); c++) {
            accuracyWorse(out, clusters.get(c).cluster(), clusters.get(c).before(), clusters.get(c).after());
        }
        return out;
    }

    private static void accuracyWorse(List<String> out, String name, Evaluation.Estimate b, Evaluation.Estimate a) {
        if (a.value() < b.value()) {
            out.add("accuracy[" + name + "]" + (a.high() < b.value() ? " (clearly)" : ""));
        }
    }
}
