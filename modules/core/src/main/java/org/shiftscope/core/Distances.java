package org.shiftscope.core;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Euclidean distances between rows of a row-major n x d array. */
public final class Distances {

    private Distances() {
    }

    /** The squared distance between rows a and b. */
    public static double squared(double[] x, int d, int a, int b) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = x[a * d + k] - x[b * d + k];
            s += t * t;
        }
        return s;
    }

    /**
     * The median pairwise distance (the kernel bandwidth heuristic of MMD and KLIEP): over every pair of all n rows
     * when n <= {@code sample}, else over a seeded sample of {@code sample} distinct rows (drawn from {@code rnd});
     * the upper median; 1 when it is 0 or there is no pair.
     */
    public static double medianPairwise(double[] x, int n, int d, int sample, SplittableRandom rnd) {
        int s = Math.min(n, sample);
        int[] pick = s == n ? IntStream.range(0, n).toArray() : rnd.ints(0, n).distinct().limit(s).toArray();
        double[] dist = new double[s * (s - 1) / 2];
        int k = 0;
        for (int a = 0; a < s; a++) {
            for (int b = a + 1; b < s; b++) {
                dist[k++] = Math.sqrt(squared(x, d, pick[a], pick[b]));
            }
        }
        Arrays.sort(dist);
        double med = dist.length == 0 ? 1 : dist[dist.length / 2];
        return med > 0 ? med : 1;
    }
}
