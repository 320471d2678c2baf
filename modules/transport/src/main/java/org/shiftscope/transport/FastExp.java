package org.shiftscope.transport;

/**
 * exp(x) for the Sinkhorn inner loops, about twice as fast as {@link Math#exp} there because it inlines (Math.exp is
 * a stub call the JIT cannot fold into the loop). Range reduction x = k ln 2 + r with |r| <= ln 2 / 2 (ln 2 split in
 * two parts so that r is exact), then the degree-10 Taylor polynomial of e^r, whose truncation error is below
 * 0.347^11 / 11! = 2.1e-13 relative; the result is scaled by 2^k through the exponent bits. Below -708 it returns 0
 * (the subnormal range is not worth a branch here) and above 709 infinity.
 */
final class FastExp {
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;

    private FastExp() {
    }

    static double exp(double x) {
        if (!(x > -708)) {
            return x != x ? x : 0;
        }
        if (x > 709) {
            return Double.POSITIVE_INFINITY;
        }
        double k = Math.rint(x * LOG2E);
        double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, x));
        double p = 1.0 / 3628800;
        p = Math.fma(p, r, 1.0 / 362880);
        p = Math.fma(p, r, 1.0 / 40320);
        p = Math.fma(p, r, 1.0 / 5040);
        p = Math.fma(p, r, 1.0 / 720);
        p = Math.fma(p, r, 1.0 / 120);
        p = Math.fma(p, r, 1.0 / 24);
        p = Math.fma(p, r, 1.0 / 6);
        p = Math.fma(p, r, 0.5);
        p = Math.fma(p, r, 1);
        p = Math.fma(p, r, 1);
        return p * Double.longBitsToDouble((long) (k + 1023) << 52);
    }
}
