package org.shiftscope.projection;

import java.util.stream.IntStream;
import org.shiftscope.core.NearestNeighbours;

/**
 * Exact k nearest neighbours (Euclidean), computed in parallel over the query rows. Row i of the result lists its
 * neighbours nearest first (equal distances by index): {@code index[i * k + r]} at distance
 * {@code distance[i * k + r]}. Up to {@value #KD_TREE_MAX_DIMENSIONS} dimensions the candidates come from Smile's
 * KD-tree (2.2x faster than the scan at d = 2, 1.9x at 16, 1.2x at 50, with identical lists: docs/decisions/0007);
 * beyond, where a KD-tree degrades (0.5x at d = 100), from a scan. Distances are computed here either way.
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
        return d <= KD_TREE_MAX_DIMENSIONS ? kdTree(base, nb, query, nq, d, k, self)
                : bruteForce(base, nb, query, nq, d, k, self);
    }

    /**
     * Who lists whom: for each of the n points, the list entries (indices into {@code index}, row = entry / k) that
     * name it, {@code entry[start[j] .. start[j + 1])} for point j, in entry order.
     */
    record ListedBy(int[] start, int[] entry) {
    }

    /** The lists turned around: for each point, the entries of the other points' lists that name it. */
    ListedBy listedBy(int n) {
        int[] start = new int[n + 1];
        for (int j : index) {
            start[j + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] entry = new int[index.length];
        int[] fill = java.util.Arrays.copyOf(start, n);
        for (int e = 0; e < index.length; e++) {
            entry[fill[index[e]]++] = e;
        }
        return new ListedBy(start, entry);
    }

    /** The most dimensions for which the KD-tree is used: faster up to 50, slower at 100 (docs/benchmarks.md). */
    static final int KD_TREE_MAX_DIMENSIONS = 50;

    /**
     * Candidates from a KD-tree; with {@code self}, each query row is the base row of the same index and is left
     * out. The result is the scan's exactly: sorted by (distance, index), and where points tie with the k-th
     * distance, the lowest indices among them (a range search at that distance collects every tied point, so
     * duplicate-rich data give the same lists as the scan).
     */
    static Neighbours kdTree(double[] base, int nb, double[] query, int nq, int d, int k, boolean self) {
        double[][] rows = new double[nb][];
        for (int j = 0; j < nb; j++) {
            rows[j] = java.util.Arrays.copyOfRange(base, j * d, (j + 1) * d);
        }
        smile.neighbor.KDTree<double[]> tree = smile.neighbor.KDTree.of(rows);
        int[] index = new int[nq * k];
        double[] dist = new double[nq * k];
        IntStream.range(0, nq).parallel().forEach(i -> {
            double[] q = self ? rows[i] : java.util.Arrays.copyOfRange(query, i * d, (i + 1) * d);
            // the tree's k nearest bound the k-th distance D; every point within D (a hair more, for the tree's own
            // rounding) is then collected and ordered as the scan orders them
            int[] knn = indices(tree.search(q, k));
            double bound = 0;
            for (double v : squared(query, i, base, knn, d)) {
                bound = Math.max(bound, v);
            }
            java.util.List<smile.neighbor.Neighbor<double[], double[]>> within = new java.util.ArrayList<>();
            tree.search(q, Math.sqrt(bound) * (1 + 1e-9) + Double.MIN_NORMAL, within);
            int[] cand = within.stream().mapToInt(smile.neighbor.Neighbor::index).filter(j -> !(self && j == i))
                    .toArray();
            double[] sq = squared(query, i, base, cand, d);
            sortByDistanceThenIndex(cand, sq);
            for (int r = 0; r < k; r++) {
                index[i * k + r] = cand[r];
                dist[i * k + r] = Math.sqrt(sq[r]);
            }
        });
        return new Neighbours(k, index, dist);
    }

    private static int[] indices(smile.neighbor.Neighbor<double[], double[]>[] found) {
        int[] out = new int[found.length];
        for (int r = 0; r < found.length; r++) {
            out[r] = found[r].index();
        }
        return out;
    }

    /** Squared distances of query row i to the given base rows, summed as the scan sums them. */
    private static double[] squared(double[] query, int i, double[] base, int[] rows, int d) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double t = query[i * d + c] - base[rows[r] * d + c];
                s += t * t;
            }
            out[r] = s;
        }
        return out;
    }

    /** Sorts both arrays together by (squared distance, index). */
    private static void sortByDistanceThenIndex(int[] rows, double[] sq) {
        Integer[] at = new Integer[rows.length];
        for (int r = 0; r < at.length; r++) {
            at[r] = r;
        }
        java.util.Arrays.sort(at, (a, b) -> sq[a] != sq[b] ? Double.compare(sq[a], sq[b])
                : Integer.compare(rows[a], rows[b]));
        int[] r2 = rows.clone();
        double[] s2 = sq.clone();
        for (int r = 0; r < at.length; r++) {
            rows[r] = r2[at[r]];
            sq[r] = s2[at[r]];
        }
    }

    /** Every candidate scanned, with an early exit once a partial distance exceeds the current k-th. */
    static Neighbours bruteForce(double[] base, int nb, double[] query, int nq, int d, int k, boolean self) {
        int[] index = new int[nq * k];
        double[] dist = new double[nq * k];
        IntStream.range(0, nq).parallel().forEach(i -> {
            double[] sq = new double[k];
            int[] near = NearestNeighbours.nearest(base, nb, query, i, d, k, self ? i : -1, sq);
            for (int r = 0; r < k; r++) {
                index[i * k + r] = near[r];
                dist[i * k + r] = Math.sqrt(sq[r]);
            }
        });
        return new Neighbours(k, index, dist);
    }
}
