package org.shiftscope.adaptation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * LAME, Laplacian-adjusted maximum-likelihood estimation: an output-only test-time correction. The classifier is
 * left untouched; its target probabilities p are replaced by assignments z that stay close to p (Kullback-Leibler)
 * while agreeing with their nearest neighbours in the feature space: z_i proportional to p_i exp(sum over the
 * {@value #NEIGHBOURS} nearest neighbours j of z_j), iterated (a concave-convex procedure) until no assignment moves
 * by more than 1e-8, at most 100 times. Neighbours are exact (Euclidean, all pairs).
 *
 * <p>Reference: M. Boudiaf, R. Mueller, I. Ben Ayed and L. Bertinetto, "Parameter-free online test-time adaptation",
 * CVPR 2022.
 */
public final class Lame {

    /** Neighbours per point in the affinity graph (the paper's kNN affinity). */
    public static final int NEIGHBOURS = 5;

    private Lame() {
    }

    /**
     * @param probs    m x k target probabilities
     * @param features m x d target features (e.g. the classifier's penultimate layer), row-major
     * @return the corrected m x k assignments
     */
    public static double[] adjust(double[] probs, int k, double[] features, int d) {
        int m = probs.length / k;
        int kn = Math.min(NEIGHBOURS, m - 1);
        int[][] nn = new int[m][];
        IntStream.range(0, m).parallel().forEach(i -> nn[i] = nearest(features, d, m, i, kn));
        double[] z = probs.clone();
        for (int iter = 0; iter < 100; iter++) {
            double[] next = new double[z.length];
            double[] current = z;
            IntStream.range(0, m).parallel().forEach(i -> {
                double[] s = new double[k];
                for (int j : nn[i]) {
                    for (int c = 0; c < k; c++) {
                        s[c] += current[j * k + c];
                    }
                }
                for (int c = 0; c < k; c++) {
                    next[i * k + c] = s[c] + Math.log(Math.max(probs[i * k + c], 1e-300));
                }
                org.shiftscope.core.RowMajor.softmaxRow(next, i, k);
            });
            double change = 0;
            for (int i = 0; i < z.length; i++) {
                change = Math.max(change, Math.abs(next[i] - z[i]));
            }
            z = next;
            if (change < 1e-8) {
                break;
            }
        }
        return z;
    }

    private static int[] nearest(double[] x, int d, int m, int i, int kn) {
        double[] best = new double[kn];
        int[] idx = new int[kn];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int j = 0; j < m; j++) {
            if (j == i) {
                continue;
            }
            double s = 0;
            for (int a = 0; a < d; a++) {
                double t = x[i * d + a] - x[j * d + a];
                s += t * t;
            }
            if (s < best[kn - 1]) {
                int p = kn - 1;
                while (p > 0 && best[p - 1] > s) {
                    best[p] = best[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                best[p] = s;
                idx[p] = j;
            }
        }
        return idx;
    }
}
