package org.shiftscope.analysis;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;

/**
 * Density-based clustering: a point with at least {@code minSamples} points (itself included) within distance
 * {@code eps} is a core point; core points within eps of each other share a cluster, and other points within eps of
 * a core point join its cluster (the first one reached, scanning points in order as scikit-learn does); the rest are
 * noise, label {@value #NOISE}. New points are assigned to the cluster of their nearest core point when it lies
 * within eps, else to noise. Euclidean distances, exact (all pairs), so fitted sets are kept to tens of thousands of
 * points.
 *
 * <p>Reference: M. Ester, H.-P. Kriegel, J. Sander and X. Xu, "A density-based algorithm for discovering clusters in
 * large spatial databases with noise", KDD 1996.
 *
 * @param core      the core points of the fitted set, row-major
 * @param coreLabel the cluster of each core point
 * @param labels    cluster of each fitted point, or {@value #NOISE}
 * @param clusters  number of clusters (ids 0..clusters-1)
 */
public record Dbscan(double eps, int minSamples, int d, double[] core, int[] coreLabel, int[] labels, int clusters) {

    public static final int NOISE = -1;

    public static Dbscan fit(double[] x, int n, int d, double eps, int minSamples) {
        if (!(eps > 0) || minSamples < 1) {
            throw DataException.of("DBSCAN needs eps > 0 and min samples >= 1 (got eps " + eps + ", min samples "
                    + minSamples + ")");
        }
        double eps2 = eps * eps;
        int[][] neighbours = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] found = new int[16];
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (sq(x, i, x, j, d) <= eps2) {
                    if (m == found.length) {
                        found = Arrays.copyOf(found, 2 * m);
                    }
                    found[m++] = j;
                }
            }
            neighbours[i] = Arrays.copyOf(found, m);
        });
        boolean[] isCore = new boolean[n];
        int cores = 0;
        for (int i = 0; i < n; i++) {
            isCore[i] = neighbours[i].length >= minSamples;
            cores += isCore[i] ? 1 : 0;
        }
        int[] labels = new int[n];
        Arrays.fill(labels, NOISE);
        int next = 0;
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int start = 0; start < n; start++) {
            if (labels[start] != NOISE || !isCore[start]) {
                continue;
            }
            int i = start;
            while (true) {
                if (labels[i] == NOISE) {
                    labels[i] = next;
                    if (isCore[i]) {
                        for (int j : neighbours[i]) {
                            if (labels[j] == NOISE) {
                                stack.push(j);
                            }
                        }
                    }
                }
                if (stack.isEmpty()) {
                    break;
                }
                i = stack.pop();
            }
            next++;
        }
        double[] core = new double[cores * d];
        int[] coreLabel = new int[cores];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (isCore[i]) {
                System.arraycopy(x, i * d, core, c * d, d);
                coreLabel[c++] = labels[i];
            }
        }
        return new Dbscan(eps, minSamples, d, core, coreLabel, labels, next);
    }

    /**
     * A default eps for {@code minSamples}: the {@code quantile} of the distances from each point to its
     * (minSamples - 1)-th nearest other point, so that about that share of the points are core points.
     */
    public static double defaultEps(double[] x, int n, int d, int minSamples, double quantile) {
        int kth = Math.min(minSamples - 1, n - 1);
        if (kth < 1) {
            throw DataException.of("DBSCAN needs at least 2 points and min samples >= 2 to choose eps");
        }
        double[] dist = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] all = new double[n - 1];
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    all[m++] = sq(x, i, x, j, d);
                }
            }
            Arrays.sort(all);
            dist[i] = Math.sqrt(all[kth - 1]);
        });
        Arrays.sort(dist);
        double v = dist[(int) Math.min(n - 1, Math.floor(quantile * n))];
        if (!(v > 0)) {
            throw DataException.of("every point has " + kth + " exact duplicates: choose eps by hand");
        }
        return v;
    }

    /** Cluster of each of n new points: that of the nearest core point within eps, else {@value #NOISE}. */
    public int[] assign(double[] x, int n) {
        int[] out = new int[n];
        double eps2 = eps * eps;
        int m = coreLabel.length;
        IntStream.range(0, n).parallel().forEach(i -> {
            double best = Double.POSITIVE_INFINITY;
            int label = NOISE;
            for (int j = 0; j < m; j++) {
                double s = sq(x, i, core, j, d);
                if (s < best) {
                    best = s;
                    label = coreLabel[j];
                }
            }
            out[i] = best <= eps2 ? label : NOISE;
        });
        return out;
    }

    private static double sq(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = a[i * d + k] - b[j * d + k];
            s += t * t;
        }
        return s;
    }
}
