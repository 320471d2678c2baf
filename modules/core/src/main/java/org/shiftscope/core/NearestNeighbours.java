package org.shiftscope.core;

import java.util.Arrays;

/**
 * Exact k nearest neighbours of one query row by a scan of every base row (Euclidean): the one scan behind LAME's
 * neighbours, the lab's k-NN classifier and the maps' neighbour lists beyond the KD-tree's dimensions. Rows are
 * row-major, d values each.
 */
public final class NearestNeighbours {

    private NearestNeighbours() {
    }

    /**
     * The k base rows nearest to row {@code q} of {@code query}, nearest first and equal distances by index (the
     * lowest indices win a tie at the k-th distance).
     *
     * @param skip a base row left out (the query itself when query and base are the same rows), or -1
     * @param sq   receives the squared distances in the same order (k values), or null
     */
    public static int[] nearest(double[] base, int nb, double[] query, int q, int d, int k, int skip, double[] sq) {
        int[] index = new int[k];
        double[] best = sq != null ? sq : new double[k];
        Arrays.fill(best, 0, k, Double.POSITIVE_INFINITY);
        int off = q * d;
        for (int j = 0; j < nb; j++) {
            if (j == skip) {
                continue;
            }
            double worst = best[k - 1];
            int b = j * d;
            double s = 0;
            for (int c = 0; c < d && s < worst; c++) {
                double t = query[off + c] - base[b + c];
                s += t * t;
            }
            if (s < worst) {
                int r = k - 1;
                while (r > 0 && best[r - 1] > s) {
                    best[r] = best[r - 1];
                    index[r] = index[r - 1];
                    r--;
                }
                best[r] = s;
                index[r] = j;
            }
        }
        return index;
    }
}
