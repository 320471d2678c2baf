package org.shiftscope.analysis;

import java.util.Arrays;

/**
 * A numeric column's drift from mergeable quantile sketches of the two sides, for data no one machine holds (the
 * Spark engine computes the sketches, this class the statistics). Each side is summarised by its values at the
 * probabilities i / G, i = 0..G, each with rank error at most eps n (a Greenwald-Khanna sketch, as Spark's
 * approxQuantile: floor((p - eps) n) <= rank <= ceil((p + eps) n)), its exact count, and the exact minimum and
 * maximum of both sides. From these every point x has F(x) within delta = eps + 1 / (2G) + 1 / n of the estimate
 * (c - 1/2) / G, where c counts the summary values <= x (0 and 1 at the ends), so:
 * <ul>
 *   <li>KS: the largest gap between the two estimated step functions, within delta_r + delta_t of the exact D;</li>
 *   <li>Wasserstein-1: the integral of the gap between them over [min, max], within (delta_r + delta_t)(max - min);</li>
 *   <li>the KS p-value from the asymptotic Kolmogorov distribution at the estimate, with the range it spans over
 *       D +- the bound;</li>
 *   <li>PSI and Jensen-Shannon from exact counts in the bins cut at the reference's sketched deciles (the bins
 *       differ from the exact deciles' by at most eps n rows each).</li>
 * </ul>
 */
public final class SketchDrift {

    /**
     * @param raw     the test as {@link DriftTests.Raw} (test "ks")
     * @param ksBound the most the KS statistic can differ from the exact one
     * @param w1Bound the most Wasserstein-1 can differ from the exact one
     * @param pLow    the KS p-value at D + ksBound
     * @param pHigh   the KS p-value at D - ksBound
     */
    public record Result(DriftTests.Raw raw, double ksBound, double w1Bound, double pLow, double pHigh) {
    }

    private SketchDrift() {
    }

    /** The probabilities a sketch is read at: i / grid, i = 0..grid. */
    public static double[] probabilities(int grid) {
        double[] p = new double[grid + 1];
        for (int i = 0; i <= grid; i++) {
            p[i] = (double) i / grid;
        }
        return p;
    }

    /**
     * The reference's deciles from its summary (values at probabilities k / 10, repeated ones merged): the PSI bins'
     * edges, each bin holding the values v with (number of edges <= v) equal to its index.
     */
    public static double[] decileEdges(double[] referenceQuantiles) {
        int grid = referenceQuantiles.length - 1;
        return Arrays.stream(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
                .mapToDouble(k -> referenceQuantiles[(int) Math.round((double) k * grid / 10)]).distinct().sorted()
                .toArray();
    }

    /**
     * @param qr, qt   the two summaries (grid + 1 values each, non-decreasing)
     * @param nr, nt   the sides' exact counts of present values
     * @param min, max the exact smallest and largest value of both sides together
     * @param eps      the sketches' relative rank error
     * @param binR, binT exact counts per bin of {@link #decileEdges} (edges + 1 bins)
     */
    public static Result numeric(double[] qr, double[] qt, long nr, long nt, double min, double max, double eps,
                                 long[] binR, long[] binT) {
        int grid = qr.length - 1;
        double deltaR = eps + 0.5 / grid + 1.0 / nr;
        double deltaT = eps + 0.5 / grid + 1.0 / nt;
        double[] points = new double[qr.length + qt.length + 2];
        System.arraycopy(qr, 0, points, 0, qr.length);
        System.arraycopy(qt, 0, points, qr.length, qt.length);
        points[points.length - 2] = min;
        points[points.length - 1] = max;
        Arrays.sort(points);
        double d = 0;
        double w1 = 0;
        for (int k = 0; k < points.length; k++) {
            double x = points[k];
            double gap = Math.abs(estimate(qr, x) - estimate(qt, x));
            d = Math.max(d, gap);
            if (k + 1 < points.length && x >= min && points[k + 1] <= max) {
                w1 += gap * (points[k + 1] - x);
            }
        }
        double bound = deltaR + deltaT;
        double en = (double) nr * nt / ((double) nr + nt);
        double p = Distributions.kolmogorovSurvival(Math.sqrt(en) * d);
        double pLow = Distributions.kolmogorovSurvival(Math.sqrt(en) * Math.min(1, d + bound));
        double pHigh = Distributions.kolmogorovSurvival(Math.sqrt(en) * Math.max(0, d - bound));
        double[] sr = shares(binR);
        double[] st = shares(binT);
        DriftTests.Raw raw = new DriftTests.Raw("ks", d, p, w1, DriftTests.psi(sr, st), DriftTests.js(sr, st),
                Double.NaN, Double.NaN, Double.NaN, false);
        return new Result(raw, bound, bound * (max - min), pLow, pHigh);
    }

    /** (c - 1/2) / G clamped to [0, 1], c the number of summary values <= x. */
    static double estimate(double[] q, double x) {
        int grid = q.length - 1;
        return Math.max(0, Math.min(1, (DriftTests.atMost(q, x) - 0.5) / grid));
    }

    private static double[] shares(long[] counts) {
        double total = Arrays.stream(counts).sum();
        return Arrays.stream(counts).mapToDouble(c -> c / total).toArray();
    }
}
