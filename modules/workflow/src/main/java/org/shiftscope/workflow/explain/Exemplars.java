package org.shiftscope.workflow.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.ImageFiles;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.Points;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The examples that show a k-cluster explanation: for each cluster, the reference rows nearest its centre and the
 * target rows nearest its moved centre (centre + displacement), among the target rows whose nearest moved centre
 * it is. "These reference examples moved to those target examples."
 *
 * @param cluster   the cluster's id
 * @param share     its share of the reference rows
 * @param moved     how far its centre moved (length of its mean displacement, in the explanation's units)
 * @param reference rows of the reference (positions within the split's side), nearest the centre first
 * @param target    rows of the target, nearest the moved centre first
 */
public record Exemplars(int cluster, double share, double moved, int[] reference, int[] target) {

    /** Exemplars a side that the Explain view shows. */
    public static final int VIEW = 6;

    /**
     * The exemplars of every cluster of the explanation's last k-cluster point (its largest k), {@code n} a side;
     * empty for an explanation without clusters.
     */
    public static List<Exemplars> of(TransportAnalysis.Prepared p, Explanation e, int n) {
        Explanation.Point point = null;
        for (Explanation.Point pt : e.curve()) {
            if (!pt.clusters().isEmpty() && pt.labels() != null) {
                point = pt;
            }
        }
        return point == null ? List.of() : of(p, point, n);
    }

    /** The exemplars of every cluster of one k-cluster point of a curve; empty for a point without clusters. */
    public static List<Exemplars> of(TransportAnalysis.Prepared p, Explanation.Point point, int n) {
        if (point.clusters().isEmpty() || point.labels() == null || n < 1) {
            return List.of();
        }
        Points ref = p.reference();
        Points tgt = p.target();
        List<Explanation.Cluster> clusters = point.clusters();
        int k = clusters.size();
        double[][] movedCentre = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] m = clusters.get(c).centroid().clone();
            for (int j = 0; j < m.length; j++) {
                m[j] += clusters.get(c).displacement()[j];
            }
            movedCentre[c] = m;
        }
        int[] targetCluster = new int[tgt.n()];
        for (int i = 0; i < tgt.n(); i++) {
            targetCluster[i] = nearestCentre(tgt.row(i), movedCentre);
        }
        int[] labels = point.labels();
        List<Exemplars> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Explanation.Cluster cl = clusters.get(c);
            int id = cl.id();
            int[] refRows = IntStream.range(0, ref.n()).filter(i -> labels[i] == id).toArray();
            int cc = c;
            int[] tgtRows = IntStream.range(0, tgt.n()).filter(i -> targetCluster[i] == cc).toArray();
            out.add(new Exemplars(id, (double) refRows.length / ref.n(), cl.displacementNorm(),
                    nearest(ref, refRows, cl.centroid(), n), nearest(tgt, tgtRows, movedCentre[c], n)));
        }
        return out;
    }

    /** The file or row name of each exemplar of one side: its image file as the table names it, else "row N". */
    public static List<String> names(Dataset side, int[] rows) {
        List<String> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(side.images() instanceof ImageFiles f ? f.name(r) : "row " + (r + 1));
        }
        return out;
    }

    private static int nearestCentre(double[] x, double[][] centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = sq(x, centres[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** Up to n of the candidate rows nearest the point, nearest first (ties by row). */
    private static int[] nearest(Points pts, int[] candidates, double[] point, int n) {
        double[] d = new double[pts.n()];
        for (int i : candidates) {
            d[i] = sq(pts.row(i), point);
        }
        return IntStream.of(candidates).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> d[i]).thenComparingInt(i -> i))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }
}
