package org.shiftscope.transport;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Rows and columns whose pairs {@link SinkhornSolver}'s last stage must check against all pairs again: a pair
 * outside the support had reduced cost above the limit under the reference potentials (f0, g0), so it can have come
 * within the truncation bound only if (f_i - f0_i) + (g_j - g0_j) exceeds the margin. That needs f_i to have risen by
 * more than some tau or g_j by more than margin - tau; tau is chosen to make the rows and columns to check fewest.
 *
 * @param work pairs the check visits
 */
record SupportCheck(int[] rows, int[] columns, long work) {

    static SupportCheck of(double[] f0, double[] f, double[] g0, double[] g, double margin) {
        int n = f.length;
        int m = g.length;
        double[] df = new double[n];
        double[] dg = new double[m];
        for (int i = 0; i < n; i++) {
            df[i] = f[i] - f0[i];
        }
        for (int j = 0; j < m; j++) {
            dg[j] = g[j] - g0[j];
        }
        double[] sf = df.clone();
        double[] sg = dg.clone();
        Arrays.sort(sf);
        Arrays.sort(sg);
        // the a rows that rose most, tau = the next rise; the columns with a rise above margin - tau
        long bestWork = Long.MAX_VALUE;
        double bestTau = 0;
        for (int a = 0; a <= n; a++) {
            double tau = a == n ? Double.NEGATIVE_INFINITY : sf[n - 1 - a];
            int b = a == n ? 0 : m - upperBound(sg, margin - tau);
            long work = (long) a * m + (long) b * n;
            if (work < bestWork) {
                bestWork = work;
                bestTau = tau;
            }
            if ((long) a * m >= bestWork) {
                break;
            }
        }
        double tau = bestTau;
        int[] rows = IntStream.range(0, n).filter(i -> df[i] > tau).toArray();
        int[] columns = tau == Double.NEGATIVE_INFINITY ? new int[0]
                : IntStream.range(0, m).filter(j -> dg[j] > margin - tau).toArray();
        return new SupportCheck(rows, columns, bestWork);
    }

    /** Number of entries of sorted v that are at most t. */
    private static int upperBound(double[] v, double t) {
        int lo = 0;
        int hi = v.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
