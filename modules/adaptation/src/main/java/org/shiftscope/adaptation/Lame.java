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
        IntStream.range(0, m).parallel().forEach(i -> nn[i] = org.shiftscope.core.NearestNeighbours.nearest(features, m,
                features, i, d, kn, i, null));
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
}
