package org.shiftscope.analysis;

import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;

/**
 * The subpopulation table of a shift: for each cluster of the pooled reference and target points, its share of each
 * side and how that share changed. A cluster is <b>emerging</b> when its target share is at least
 * {@value #FACTOR} times its reference share (a target-only cluster included) and at least {@value #MIN_SHARE} of the
 * target, <b>vanishing</b> in the mirror case, <b>grew</b> or <b>shrank</b> when the ratio of shares is beyond
 * 1.25 or 0.8, and <b>stable</b> otherwise. Points a density clustering left as noise (id {@value #NOISE}) get a row
 * of their own after the clusters. When a classifier's predictions and the true labels are known, each row also
 * holds the accuracy on each side, with its 95 % Wilson interval.
 *
 * @param clusters one row per cluster id 0..k-1, in id order, then the noise row if any point is noise
 */
public record Subpopulations(List<Cluster> clusters) {

    /** Ratio of shares beyond which a cluster is emerging (or, inverted, vanishing). */
    public static final double FACTOR = 5;
    /** Share of its side below which a cluster is too small to be called emerging or vanishing. */
    public static final double MIN_SHARE = 0.01;
    /** Cluster id of points that belong to no cluster. */
    public static final int NOISE = -1;

    public enum Trend {
        EMERGING, VANISHING, GREW, SHRANK, STABLE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param ratio            target share over reference share; infinite for a target-only cluster, 0 for a
     *                         reference-only one
     * @param referenceAccuracy the classifier's accuracy on the cluster's labelled reference points
     */
    public record Cluster(int id, int nReference, int nTarget, double referenceShare, double targetShare, double ratio,
                          Trend trend, Accuracy referenceAccuracy, Accuracy targetAccuracy) {

        public boolean noise() {
            return id == NOISE;
        }
    }

    /**
     * Correct predictions among labelled points; {@link #value()} is NaN when none is labelled.
     */
    public record Accuracy(int correct, int labelled) {

        public static final Accuracy NONE = new Accuracy(0, 0);

        public double value() {
            return labelled == 0 ? Double.NaN : (double) correct / labelled;
        }

        /** Lower end of the 95 % Wilson score interval. */
        public double low() {
            return wilson(-1);
        }

        /** Upper end of the 95 % Wilson score interval. */
        public double high() {
            return wilson(1);
        }

        private double wilson(int sign) {
            return Subpopulations.wilson(correct, labelled, sign);
        }
    }

    /**
     * An end of the 95 % Wilson score interval of the proportion k / n: the lower for sign -1, the upper for +1
     * (NaN when n is 0).
     */
    public static double wilson(long k, long n, int sign) {
        if (n == 0) {
            return Double.NaN;
        }
        double z = 1.959963984540054;
        double p = (double) k / n;
        double centre = p + z * z / (2.0 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return (centre + sign * half) / (1 + z * z / n);
    }

    /**
     * Per side, whether the classifier got each point right: 1 right, 0 wrong, -1 unlabelled.
     */
    public record Correct(byte[] reference, byte[] target) {

        public static final byte RIGHT = 1;
        public static final byte WRONG = 0;
        public static final byte UNLABELLED = -1;
    }

    /**
     * @param referenceCluster cluster id (0..k-1, or {@value #NOISE}) of each reference point
     * @param targetCluster    cluster id of each target point
     */
    public static Subpopulations of(int[] referenceCluster, int[] targetCluster, int k) {
        return of(referenceCluster, targetCluster, k, null);
    }

    /**
     * @param correct null when there are no predictions; else per point whether the classifier was right
     */
    public static Subpopulations of(int[] referenceCluster, int[] targetCluster, int k, Correct correct) {
        if (referenceCluster.length == 0 || targetCluster.length == 0) {
            throw DataException.of("a subpopulation table needs reference and target points (got "
                    + referenceCluster.length + " and " + targetCluster.length + ")");
        }
        if (correct != null && (correct.reference().length != referenceCluster.length
                || correct.target().length != targetCluster.length)) {
            throw new IllegalArgumentException("predictions for " + correct.reference().length + " + "
                    + correct.target().length + " points, clusters for " + referenceCluster.length + " + "
                    + targetCluster.length);
        }
        int[] ref = count(referenceCluster, k);
        int[] tgt = count(targetCluster, k);
        int[][] refAcc = correct == null ? null : tally(referenceCluster, correct.reference(), k);
        int[][] tgtAcc = correct == null ? null : tally(targetCluster, correct.target(), k);
        List<Cluster> rows = new ArrayList<>(k + 1);
        for (int c = 0; c <= k; c++) {
            if (c == k && ref[k] + tgt[k] == 0) {
                break;
            }
            double rs = (double) ref[c] / referenceCluster.length;
            double ts = (double) tgt[c] / targetCluster.length;
            double ratio = ratio(rs, ts);
            rows.add(new Cluster(c == k ? NOISE : c, ref[c], tgt[c], rs, ts, ratio, trend(rs, ts, ratio),
                    accuracy(refAcc, c), accuracy(tgtAcc, c)));
        }
        return new Subpopulations(List.copyOf(rows));
    }

    /** The accuracy over all points of one side, from the same predictions. */
    public static Accuracy overall(byte[] correct) {
        int right = 0;
        int labelled = 0;
        for (byte b : correct) {
            right += b == Correct.RIGHT ? 1 : 0;
            labelled += b == Correct.UNLABELLED ? 0 : 1;
        }
        return new Accuracy(right, labelled);
    }

    private static Accuracy accuracy(int[][] tally, int c) {
        return tally == null ? Accuracy.NONE : new Accuracy(tally[0][c], tally[1][c]);
    }

    /** Per cluster (noise last): [0] right answers, [1] labelled points. */
    private static int[][] tally(int[] cluster, byte[] correct, int k) {
        int[][] out = new int[2][k + 1];
        for (int i = 0; i < cluster.length; i++) {
            int c = cluster[i] == NOISE ? k : cluster[i];
            if (correct[i] != Correct.UNLABELLED) {
                out[1][c]++;
                out[0][c] += correct[i] == Correct.RIGHT ? 1 : 0;
            }
        }
        return out;
    }

    /** A cluster's trend from its share of each side (the ratio is target share over reference share). */
    public static Trend trend(double referenceShare, double targetShare) {
        return trend(referenceShare, targetShare, ratio(referenceShare, targetShare));
    }

    /** Target share over reference share: infinite for a target-only cluster, NaN for an empty one. */
    public static double ratio(double referenceShare, double targetShare) {
        return referenceShare == 0 ? (targetShare == 0 ? Double.NaN : Double.POSITIVE_INFINITY)
                : targetShare / referenceShare;
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

    /** Points per cluster id 0..k-1, noise counted at index k. */
    private static int[] count(int[] cluster, int k) {
        int[] out = new int[k + 1];
        for (int i = 0; i < cluster.length; i++) {
            int c = cluster[i];
            if (c != NOISE && (c < 0 || c >= k)) {
                throw new IllegalArgumentException("cluster id " + c + " of point " + i + " is not in 0.." + (k - 1)
                        + " or " + NOISE + " (noise)");
            }
            out[c == NOISE ? k : c]++;
        }
        return out;
    }
}
