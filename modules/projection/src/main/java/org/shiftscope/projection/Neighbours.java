package org.shiftscope.projection;

import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by brute force (Euclidean), computed in parallel over the query rows. Row i of the
 * result lists its neighbours nearest first: {@code index[i * k + r]} at distance {@code distance[i * k + r]}.
 */
record Neighbours(int k, int[] index, double[] distance) {

    /**
     * @param self when the queries are the base points themselves: each point is left out of its own list
     */
    static Neighbours of(double[] base, int nb, double[] query, int nq, int d, int k, boolean self) {
        int available = self ? nb - 1 : nb;
        if (k < 1 || k > available) {
            throw new IllegalArgumentException(k + " neighbours asked of " + available + " candidate points");
        }
        int[] index = new int[nq * k];
        double[] dist = new double[nq * k];
        IntStream.range(0, nq).parallel().forEach(i -> {
            int[] bi = new int[k];
            double[] bd = new double[k];
            java.util.Arrays.fill(bd, Double.POSITIVE_INFINITY);
            int q = i * d;
            for (int j = 0; j < nb; j++) {
                if (self && j == i) {
                    continue;
                }
                double worst = bd[k - 1];
                int b = j * d;
                double s = 0;
                for (int c = 0; c < d && s < worst; c++) {
                    double t = query[q + c] - base[b + c];
                    s += t * t;
                }
                if (s < worst) {
                    int r = k - 1;
                    while (r > 0 && bd[r - 1] > s) {
                        bd[r] = bd[r - 1];
                        bi[r] = bi[r - 1];
                        r--;
                    }
                    bd[r] = s;
                    bi[r] = j;
                }
            }
            for (int r = 0; r < k; r++) {
                index[i * k + r] = bi[r];
                dist[i * k + r] = Math.sqrt(bd[r]);
            }
        });
        return new Neighbours(k, index, dist);
    }
}
