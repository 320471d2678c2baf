package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SketchDriftTest {

    /** A summary whose every value has the worst rank error a sketch with eps may have, in a random direction. */
    private static double[] sketch(double[] sorted, int grid, double eps, SplittableRandom rnd) {
        int n = sorted.length;
        double[] q = new double[grid + 1];
        for (int i = 0; i <= grid; i++) {
            double p = (double) i / grid;
            int lo = (int) Math.max(1, Math.floor((p - eps) * n));
            int hi = (int) Math.min(n, Math.ceil((p + eps) * n));
            int rank = rnd.nextBoolean() ? lo : hi; // 1-based
            q[i] = sorted[rank - 1];
        }
        Arrays.sort(q); // a sketch's answers are non-decreasing in p
        return q;
    }

    @Test
    void ksAndWassersteinLieWithinTheStatedBoundsOfTheExactOnes() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2000 + rnd.nextInt(30_000);
            int m = 2000 + rnd.nextInt(20_000);
            double shift = rnd.nextDouble() * 0.3;
            boolean ties = trial % 2 == 0;
            double[] a = new double[n];
            double[] b = new double[m];
            for (int i = 0; i < n; i++) {
                a[i] = ties ? Math.round(rnd.nextGaussian() * 4) / 4.0 : rnd.nextGaussian();
            }
            for (int i = 0; i < m; i++) {
                b[i] = ties ? Math.round((shift + 1.2 * rnd.nextGaussian()) * 4) / 4.0 : shift + 1.2 * rnd.nextGaussian();
            }
            DriftTests.Raw exact = DriftTests.numeric(a, b);
            double[] sa = a.clone();
            double[] sb = b.clone();
            Arrays.sort(sa);
            Arrays.sort(sb);
            double eps = 0.002;
            int grid = 500;
            double[] qa = sketch(sa, grid, eps, rnd);
            double[] qb = sketch(sb, grid, eps, rnd);
            double[] edges = SketchDrift.decileEdges(qa);
            SketchDrift.Result s = SketchDrift.numeric(qa, qb, n, m, Math.min(sa[0], sb[0]),
                    Math.max(sa[n - 1], sb[m - 1]), eps, bins(sa, edges), bins(sb, edges));
            assertThat(s.ksBound()).isCloseTo(2 * (eps + 0.5 / grid) + 1.0 / n + 1.0 / m, within(1e-15));
            assertThat(s.raw().statistic()).as("trial %d", trial).isCloseTo(exact.statistic(), within(s.ksBound()));
            assertThat(s.raw().w1()).as("trial %d", trial).isCloseTo(exact.w1(), within(s.w1Bound()));
            if (Math.max(n, m) > Distributions.KS_EXACT_MAX) { // both asymptotic: the exact D's p lies in the range
                assertThat(exact.pValue()).isBetween(s.pLow(), s.pHigh());
            }
        }
    }

    @Test
    void exactSummariesOfEqualSamplesShowNoShift() {
        double[] a = new double[1001];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        double[] q = new double[101];
        for (int i = 0; i <= 100; i++) {
            q[i] = 10 * i;
        }
        long[] bins = {100, 100, 100, 100, 100, 100, 100, 100, 100, 101};
        SketchDrift.Result s = SketchDrift.numeric(q, q, 1001, 1001, 0, 1000, 0, bins, bins);
        assertThat(s.raw().statistic()).isZero();
        assertThat(s.raw().w1()).isZero();
        assertThat(s.raw().psi()).isZero();
        assertThat(s.raw().pValue()).isEqualTo(1.0);
    }

    private static long[] bins(double[] sorted, double[] edges) {
        long[] out = new long[edges.length + 1];
        for (double v : sorted) {
            int k = 0;
            while (k < edges.length && edges[k] <= v) {
                k++;
            }
            out[k]++;
        }
        return out;
    }
}
