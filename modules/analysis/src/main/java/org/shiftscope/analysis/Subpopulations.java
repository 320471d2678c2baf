package org.shiftscope.analysis;

import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;

/**
 * The subpopulation table of a shift: for each cluster of the pooled reference and target points, its share of each
 * side and how that share changed. A cluster is <b>emerging</b> when its target share is at least
 * {@value #FACTOR} times its reference share (a target-only cluster included) and at least {@value #MIN_SHARE} of the
 * target, <b>vanishing</b> in the mirror case, <b>grew</b> or <b>shrank</b> when the ratio of shares is beyond
 * 1.25 or 0.8, and <b>stable</b> otherwise.
 *
 * @param clusters one row per cluster id 0..k-1, in id order
 */
public record Subpopulations(List<Cluster> clusters) {

    /** Ratio of shares beyond which a cluster is emerging (or, inverted, vanishing). */
    public static final double FACTOR = 5;
    /** Share of its side below which a cluster is too small to be called emerging or vanishing. */
    public static final double MIN_SHARE = 0.01;

    public enum Trend {
        EMERGING, VANISHING, GREW, SHRANK, STABLE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param ratio target share over reference share; infinite for a target-only cluster, 0 for a reference-only one
     */
    public record Cluster(int id, int nReference, int nTarget, double referenceShare, double targetShare, double ratio,
                          Trend trend) {
    }

    /**
     * @param referenceCluster cluster id (0..k-1) of each reference point
     * @param targetCluster    cluster id of each target point
     */
    public static Subpopulations of(int[] referenceCluster, int[] targetCluster, int k) {
        if (referenceCluster.length == 0 || targetCluster.length == 0) {
            throw DataException.of("a subpopulation table needs reference and target points (got "
                    + referenceCluster.length + " and " + targetCluster.length + ")");
        }
        int[] ref = count(referenceCluster, k);
        int[] tgt = count(targetCluster, k);
        List<Cluster> rows = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            double rs = (double) ref[c] / referenceCluster.length;
            double ts = (double) tgt[c] / targetCluster.length;
            double ratio = rs == 0 ? (ts == 0 ? Double.NaN : Double.POSITIVE_INFINITY) : ts / rs;
            rows.add(new Cluster(c, ref[c], tgt[c], rs, ts, ratio, trend(rs, ts, ratio)));
        }
        return new Subpopulations(List.copyOf(rows));
    }

    private static Trend trend(double referenceShare, double targetShare, double ratio) {
        if (targetShare >= MIN_SHARE && ratio >= FACTOR) {
            return Trend.EMERGING;
        }
        if (referenceShare >= MIN_SHARE && ratio <= 1 / FACTOR) {
            return Trend.VANISHING;
        }
        if (ratio >= 1.25) {
            return Trend.GREW;
        }
        if (ratio <= 0.8) {
            return Trend.SHRANK;
        }
        return Trend.STABLE;
    }

    private static int[] count(int[] cluster, int k) {
        int[] out = new int[k];
        for (int i = 0; i < cluster.length; i++) {
            int c = cluster[i];
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("cluster id " + c + " of point " + i + " is not in 0.." + (k - 1));
            }
            out[c]++;
        }
        return out;
    }
}
