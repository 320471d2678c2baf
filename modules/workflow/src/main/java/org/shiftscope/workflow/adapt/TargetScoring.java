package org.shiftscope.workflow.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shiftscope.core.Column;
import org.shiftscope.core.RowMajor;
import org.shiftscope.core.Split;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.transport.KMeans;
import org.shiftscope.transport.Points;
import org.shiftscope.workflow.audit.AuditAnalysis;

/**
 * A run's target scores: the metrics before and after the method, per group and per cluster, on the target rows
 * whose label is a reference class. The only place of a run that reads the target's labels.
 *
 * @param rows the labelled target rows scored; y their classes
 */
record TargetScoring(Evaluation.Result before, Evaluation.Result after, double[] shares,
                     List<AdaptationRun.ClusterChange> clusters, int[] rows, int[] y,
                     AdaptationRun.Fairness fairness) {

    int labelled() {
        return rows.length;
    }

    /** Accuracy of n x k target probabilities on the scored rows. */
    double accuracy(int k, double[] p) {
        int[] predicted = RowMajor.argmax(p, k);
        int right = 0;
        for (int j = 0; j < rows.length; j++) {
            right += predicted[rows[j]] == y[j] ? 1 : 0;
        }
        return (double) right / rows.length;
    }

    /**
     * Scores the target probabilities before and after a method; clusters are k-means clusters of {@code features}
     * (one row of d per target row). All null without labels.
     */
    static TargetScoring score(Split split, AdaptRequest o, Map<String, Integer> classOf, double[] targetProbs,
                               double[] adapted, double[] features, int d) {
        int k = classOf.size();
        Column targetLabels = split.target().column(o.label()).orElse(null);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; targetLabels != null && i < targetLabels.size(); i++) {
            if (!targetLabels.isMissing(i) && classOf.containsKey(targetLabels.text(i))) {
                rows.add(i);
            }
        }
        int labelled = rows.size();
        if (labelled == 0) {
            return new TargetScoring(null, null, null, null, new int[0], new int[0], null);
        }
        int[] y = new int[labelled];
        String[] group = o.group() == null ? null : new String[labelled];
        Column groups = o.group() == null ? null : split.target().requireColumn(o.group());
        double[] pb = new double[labelled * k];
        double[] pa = new double[labelled * k];
        double[] shares = new double[k];
        for (int j = 0; j < labelled; j++) {
            int i = rows.get(j);
            y[j] = classOf.get(targetLabels.text(i));
            shares[y[j]] += 1.0 / labelled;
            if (group != null) {
                group[j] = groups.text(i);
            }
            System.arraycopy(targetProbs, i * k, pb, j * k, k);
            System.arraycopy(adapted, i * k, pa, j * k, k);
        }
        Evaluation.Result before = Evaluation.of(pb, k, y, group, o.resamples(), o.seed());
        Evaluation.Result after = Evaluation.of(pa, k, y, group, o.resamples(), o.seed());
        List<AdaptationRun.ClusterChange> clusters = null;
        if (o.clusters() > 1 && labelled >= o.clusters()) {
            // clusters of the target in the classifier's features (k-means, seeded), scored like groups
            Points points = new Points(features.length / d, d, features);
            int[] all = KMeans.fit(points, o.clusters(), o.seed()).assign(points);
            String[] cluster = new String[labelled];
            for (int j = 0; j < labelled; j++) {
                cluster[j] = "cluster " + all[rows.get(j)];
            }
            List<Evaluation.GroupAccuracy> b = Evaluation.of(pb, k, y, cluster, o.resamples(), o.seed()).groups();
            List<Evaluation.GroupAccuracy> a = Evaluation.of(pa, k, y, cluster, o.resamples(), o.seed()).groups();
            clusters = new ArrayList<>();
            for (int c = 0; c < b.size(); c++) {
                clusters.add(new AdaptationRun.ClusterChange(b.get(c).group(), b.get(c).n(), b.get(c).accuracy(),
                        a.get(c).accuracy()));
            }
        }
        AdaptationRun.Fairness fairness = k == 2 && group != null ? fairness(classOf, y, pb, pa, group, o) : null;
        return new TargetScoring(before, after, shares, clusters, rows.stream().mapToInt(Integer::intValue).toArray(),
                y, fairness);
    }

    /**
     * A binary label's subgroup audit of the target before and after (decision: the positive class is the more
     * probable one; its probability is the score), so an auditor sees whether the method closed or widened a gap.
     * The positive class is the one written 1 / yes / true, else the second in sorted order.
     */
    private static AdaptationRun.Fairness fairness(Map<String, Integer> classOf, int[] y, double[] pb, double[] pa,
                                                   String[] group, AdaptRequest o) {
        List<String> classes = List.copyOf(classOf.keySet());
        String positive = classes.stream().filter(AuditAnalysis::readsPositive).findFirst().orElse(classes.get(1));
        int pos = classOf.get(positive);
        int n = y.length;
        boolean[] truth = new boolean[n];
        for (int j = 0; j < n; j++) {
            truth[j] = y[j] == pos;
        }
        AuditAnalysis.Audit[] audits = new AuditAnalysis.Audit[2];
        double[][] probs = {pb, pa};
        for (int t = 0; t < 2; t++) {
            boolean[] decided = new boolean[n];
            double[] score = new double[n];
            for (int j = 0; j < n; j++) {
                score[j] = probs[t][j * 2 + pos];
                decided[j] = score[j] >= probs[t][j * 2 + 1 - pos];
            }
            audits[t] = new AuditAnalysis.Audit(t == 0 ? "target before" : "target after", n, 0, positive,
                    "the more probable class is " + positive, GroupFairness.of(truth, decided, score, group, null,
                    AuditAnalysis.DEFAULT_MIN_GROUP_SIZE, o.resamples(), o.seed()));
        }
        return new AdaptationRun.Fairness(audits[0], audits[1]);
    }
}
