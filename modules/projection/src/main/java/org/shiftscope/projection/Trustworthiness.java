package org.shiftscope.projection;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Trustworthiness of a map (J. Venna and S. Kaski, 2001; the definition scikit-learn implements): 1 minus a
 * normalised penalty for every point that is among the k nearest neighbours of a point in the map but not in the
 * original space, by how far beyond rank k it lies there. 1 means every map neighbourhood is a true one; a random
 * map scores about 0.5. O(n^2 log n): callers pass a subsample of a few thousand points at most.
 */
public final class Trustworthiness {

    private Trustworthiness() {
    }

    /**
     * Trustworthiness at k of a seeded sample of {@code size} of the n points ({@link Projector#sample}; all of
     * them when n <= size): the O(n^2 log n) score of a large map, on points drawn from all of it.
     */
    public static double ofSample(double[] x, int n, int d, double[] xy, int k, int size, long seed) {
        int[] s = Projector.sample(n, size, seed);
        return of(Projector.rows(x, d, s), s.length, d, Projector.rows(xy, 2, s), k);
    }

    /**
     * @param x  n points in d dimensions, row-major
     * @param xy the same points in the map, x0, y0, ...
     */
    public static double of(double[] x, int n, int d, double[] xy, int k) {
        if (k < 1 || k >= n / 2) {
            throw new IllegalArgumentException("trustworthiness needs 1 <= k < n / 2, k = " + k + ", n = " + n);
        }
        Neighbours low = Neighbours.of(xy, n, xy, n, 2, k, true);
        long penalty = IntStream.range(0, n).parallel().mapToLong(i -> {
            Integer[] order = new Integer[n - 1];
            double[] dist = new double[n];
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double v = x[i * d + t] - x[j * d + t];
                    s += v * v;
                }
                dist[j] = s;
                order[c++] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
            int[] rank = new int[n];
            for (int r = 0; r < n - 1; r++) {
                rank[order[r]] = r + 1;
            }
            long sum = 0;
            for (int r = 0; r < k; r++) {
                int over = rank[low.index()[i * k + r]] - k;
                if (over > 0) {
                    sum += over;
                }
            }
            return sum;
        }).sum();
        return 1 - penalty * (2.0 / ((double) n * k * (2.0 * n - 3.0 * k - 1.0)));
    }
}
