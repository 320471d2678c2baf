package org.shiftscope.core;

/** Quantiles of sorted values. */
public final class Quantiles {

    private Quantiles() {
    }

    /** The q quantile of sorted values, interpolating linearly between order statistics (NumPy's default). */
    public static double linear(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
