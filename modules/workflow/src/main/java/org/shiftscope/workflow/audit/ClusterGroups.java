package org.shiftscope.workflow.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * One cluster of a k-cluster transport explanation (the Explain view's), with the groups it carries on each side.
 *
 * @param moved          length of the cluster's mean displacement (in the explanation's units)
 * @param topFeatures    the features it moved most along
 * @param reference      reference rows of each group in the cluster (k-means on the reference)
 * @param target         target rows of each group nearest to the cluster's moved centre
 */
public record ClusterGroups(int cluster, double moved, List<String> topFeatures, Map<String, Integer> reference,
                            Map<String, Integer> target) {

    /**
     * The k-cluster explanation of the split's shift (k clusters, the split's numeric columns, z-scored, seeded
     * k-means) joined to the groups: each reference row counts in its cluster, each target row in the cluster
     * whose moved centre (centroid + displacement) lies nearest. Rows missing a group value count as "(missing)".
     *
     * @param columnsChosen whether the user named the split's columns (then each must be numeric)
     */
    public static List<ClusterGroups> join(org.shiftscope.core.Split split, boolean columnsChosen, List<String> groups,
                                           int k, long seed, TaskMonitor monitor) {
        if (k < 1) {
            throw DataException.of("the transport explanation needs at least one cluster, not " + k);
        }
        List<Column> ref = new ArrayList<>();
        List<Column> tgt = new ArrayList<>();
        for (String g : groups) {
            ref.add(AuditAnalysis.require(split.reference(), g, "group", split.reference().source().displayName()));
            tgt.add(AuditAnalysis.require(split.target(), g, "group", split.target().source().displayName()));
        }
        TransportAnalysis.Prepared p = TransportAnalysis.prepare(split, TransportAnalysis.Standardize.ZSCORE,
                columnsChosen);
        org.shiftscope.transport.Explanation e = TransportAnalysis.explain(p, TransportAnalysis.Options.defaults(),
                org.shiftscope.transport.ExplanationMethod.KCLUSTER, k, seed, monitor);
        org.shiftscope.transport.Explanation.Point point = e.curve().get(e.curve().size() - 1);
        List<org.shiftscope.transport.Explanation.Cluster> clusters = point.clusters();
        List<Map<String, Integer>> r = new ArrayList<>();
        List<Map<String, Integer>> t = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            r.add(new java.util.TreeMap<>());
            t.add(new java.util.TreeMap<>());
        }
        for (int i = 0; i < p.reference().n(); i++) {
            r.get(point.labels()[i]).merge(AuditAnalysis.groupOf(ref, i), 1, Integer::sum);
        }
        int d = p.target().d();
        for (int i = 0; i < p.target().n(); i++) {
            int best = 0;
            double nearest = Double.POSITIVE_INFINITY;
            for (org.shiftscope.transport.Explanation.Cluster c : clusters) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double diff = p.target().get(i, j) - c.centroid()[j] - c.displacement()[j];
                    dist += diff * diff;
                }
                if (dist < nearest) {
                    nearest = dist;
                    best = c.id();
                }
            }
            t.get(best).merge(AuditAnalysis.groupOf(tgt, i), 1, Integer::sum);
        }
        List<ClusterGroups> out = new ArrayList<>();
        for (org.shiftscope.transport.Explanation.Cluster c : clusters) {
            out.add(new ClusterGroups(c.id(), c.displacementNorm(), c.topFeatures(), r.get(c.id()), t.get(c.id())));
        }
        return out;
    }


    /**
     * One group in one transport cluster.
     *
     * @param shareOfReference the cluster's share of the group's reference rows (NaN when the group has none)
     * @param shareOfTarget    likewise of its target rows
     */
    public record GroupShare(String group, int reference, int target, double shareOfReference, double shareOfTarget) {
    }

    /** Each cluster's groups (in name order) with the share of each group's rows the cluster holds, per side. */
    public static List<List<GroupShare>> shares(List<ClusterGroups> clusters) {
        Map<String, Integer> refTotal = new java.util.HashMap<>();
        Map<String, Integer> tgtTotal = new java.util.HashMap<>();
        for (ClusterGroups c : clusters) {
            c.reference().forEach((g, n) -> refTotal.merge(g, n, Integer::sum));
            c.target().forEach((g, n) -> tgtTotal.merge(g, n, Integer::sum));
        }
        List<List<GroupShare>> out = new ArrayList<>();
        for (ClusterGroups c : clusters) {
            Set<String> names = new TreeSet<>(c.reference().keySet());
            names.addAll(c.target().keySet());
            List<GroupShare> rows = new ArrayList<>();
            for (String g : names) {
                int nr = c.reference().getOrDefault(g, 0);
                int nt = c.target().getOrDefault(g, 0);
                rows.add(new GroupShare(g, nr, nt, (double) nr / refTotal.getOrDefault(g, 0),
                        (double) nt / tgtTotal.getOrDefault(g, 0)));
            }
            out.add(rows);
        }
        return out;
    }
}
