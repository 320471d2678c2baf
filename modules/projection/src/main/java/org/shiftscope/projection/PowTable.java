package org.shiftscope.projection;

/**
 * x^b for one fixed b, from two tables: UMAP's gradient evaluates its curve 1 / (1 + a d^2b) at every one of its
 * hundreds of millions of steps, and {@link Math#pow} took 60 % of the optimisation's time (100,000 points: 33 s,
 * 14 s with the power replaced by a product). x = 2^e m with m in [1, 2): x^b = (2^b)^e m^b, the first factor
 * read from a table by e, the second interpolated linearly between the {@value #STEPS} + 1 values of m^b on an even
 * grid of [1, 2] (relative error below b |b - 1| / (8 STEPS^2), 1.1e-7 at UMAP's default b = 1.58; tested against
 * Math.pow). Zero, subnormal, infinite and NaN x go to Math.pow.
 */
final class PowTable {

    static final int STEPS = 1024;
    private static final int SHIFT = 52 - 10; // mantissa bits below the table index

    private final double b;
    private final double[] byExponent = new double[2048];
    private final double[] byMantissa = new double[STEPS + 1];

    PowTable(double b) {
        this.b = b;
        for (int e = 1; e < 2047; e++) {
            byExponent[e] = Math.pow(2, b * (e - 1023));
        }
        for (int i = 0; i <= STEPS; i++) {
            byMantissa[i] = Math.pow(1 + (double) i / STEPS, b);
        }
    }

    double pow(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52);
        if (e == 0 || e >= 2047) {
            return Math.pow(x, b); // zero, subnormal, negative, infinite or NaN
        }
        int i = (int) (bits >>> SHIFT) & (STEPS - 1);
        double frac = (bits & ((1L << SHIFT) - 1)) * (1.0 / (1L << SHIFT));
        double lo = byMantissa[i];
        return byExponent[e] * Math.fma(byMantissa[i + 1] - lo, frac, lo);
    }
}
