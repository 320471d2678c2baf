package org.shiftscope.projection;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.shiftscope.core.TaskMonitor;

/**
 * Approximate k nearest neighbours (Euclidean) of n points among themselves, for maps fitted on every point: a
 * forest of random-projection trees gives each point candidates (the points sharing its leaves), then NN-descent
 * (W. Dong, M. Charikar and K. Li, "Efficient k-nearest neighbor graph construction for generic similarity
 * measures", WWW 2011) refines the lists: a neighbour of a neighbour is likely a neighbour, so each round compares
 * the points that share a neighbour, new candidates against new and old ones, until a round improves fewer than
 * {@value #STOP} of the k n entries. The tree and round counts follow umap-learn's settings. Seeded: the same input
 * gives the same lists whatever the thread count (updates are computed in parallel and applied in point order).
 * The result has {@link Neighbours}' layout, each list nearest first, the point itself left out.
 */
final class NnDescent {

    /** Share of the k n list entries a round must improve for another round to run. */
    static final double STOP = 0.001;

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    /** Per point a max-heap of its k best: index, squared distance, whether the entry is new since last sampled. */
    private final int[] index;
    private final double[] dist;
    private final boolean[] fresh;

    private NnDescent(double[] x, int n, int d, int k) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        index = new int[n * k];
        dist = new double[n * k];
        fresh = new boolean[n * k];
        Arrays.fill(index, -1);
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
    }

    /** The k approximate nearest other points of each of the n rows of x (row-major, d columns). */
    static Neighbours of(double[] x, int n, int d, int k, long seed, TaskMonitor monitor) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException(k + " neighbours asked of " + (n - 1) + " other points");
        }
        NnDescent g = new NnDescent(x, n, d, k);
        int trees = Math.min(64, 5 + (int) Math.round(Math.sqrt(n) / 20));
        int leaf = Math.max(10, k + 1);
        monitor.progress(0, "neighbour candidates from " + trees + " random-projection trees");
        g.forest(trees, leaf, seed);
        int rounds = Math.max(5, (int) Math.round(Math.log(n) / Math.log(2)));
        int maxCandidates = Math.min(60, k);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int r = 0; r < rounds; r++) {
            monitor.checkCancelled();
            int changed = g.round(maxCandidates, rnd.split());
            monitor.progress((r + 1.0) / rounds, "neighbour descent round " + (r + 1) + ": " + changed
                    + " list entries improved");
            if (changed <= STOP * k * n) {
                break;
            }
        }
        return g.sorted();
    }

    private double squared(int a, int b) {
        double s = 0;
        int oa = a * d;
        int ob = b * d;
        for (int c = 0; c < d; c++) {
            double t = x[oa + c] - x[ob + c];
            s += t * t;
        }
        return s;
    }

    /** Offers b to a's heap; true when it entered. */
    private boolean push(int a, int b, double sq) {
        int o = a * k;
        if (sq >= dist[o] || a == b) {
            return false;
        }
        for (int r = 0; r < k; r++) {
            if (index[o + r] == b) {
                return false;
            }
        }
        // replace the root (the farthest) and sift down
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            if (left >= k) {
                break;
            }
            int right = left + 1;
            int big = right < k && dist[o + right] > dist[o + left] ? right : left;
            if (dist[o + big] <= sq) {
                break;
            }
            index[o + at] = index[o + big];
            dist[o + at] = dist[o + big];
            fresh[o + at] = fresh[o + big];
            at = big;
        }
        index[o + at] = b;
        dist[o + at] = sq;
        fresh[o + at] = true;
        return true;
    }

    /** Random-projection trees: every pair of points sharing a leaf is compared. */
    private void forest(int trees, int leaf, long seed) {
        int[][][] leaves = new int[trees][][];
        IntStream.range(0, trees).parallel().forEach(t -> {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            java.util.List<int[]> out = new java.util.ArrayList<>();
            split(all, 0, n, leaf, new SplittableRandom(seed + 31L * t), out);
            leaves[t] = out.toArray(new int[0][]);
        });
        for (int[][] tree : leaves) {
            int[][] blocks = tree;
            long[][] found = new long[blocks.length][];
            double[][] found2 = new double[blocks.length][];
            IntStream.range(0, blocks.length).parallel().forEach(b -> {
                int[] p = blocks[b];
                int pairs = p.length * (p.length - 1) / 2;
                long[] ab = new long[pairs];
                double[] sq = new double[pairs];
                int e = 0;
                for (int i = 0; i < p.length; i++) {
                    for (int j = i + 1; j < p.length; j++) {
                        ab[e] = (long) p[i] << 32 | p[j];
                        sq[e++] = squared(p[i], p[j]);
                    }
                }
                found[b] = ab;
                found2[b] = sq;
            });
            for (int b = 0; b < blocks.length; b++) {
                for (int e = 0; e < found[b].length; e++) {
                    int i = (int) (found[b][e] >>> 32);
                    int j = (int) found[b][e];
                    push(i, j, found2[b][e]);
                    push(j, i, found2[b][e]);
                }
            }
        }
    }

    /** Splits p[from, to) by the hyperplane halfway between two random points of it, down to leaves of size leaf. */
    private void split(int[] p, int from, int to, int leaf, SplittableRandom rnd, java.util.List<int[]> out) {
        int size = to - from;
        if (size <= leaf) {
            out.add(Arrays.copyOfRange(p, from, to));
            return;
        }
        int a = p[from + rnd.nextInt(size)];
        int b = p[from + rnd.nextInt(size - 1)];
        if (b == a) {
            b = p[to - 1];
        }
        double[] normal = new double[d];
        double offset = 0;
        for (int c = 0; c < d; c++) {
            normal[c] = x[a * d + c] - x[b * d + c];
            offset += normal[c] * (x[a * d + c] + x[b * d + c]) / 2;
        }
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            double s = -offset;
            int o = p[lo] * d;
            for (int c = 0; c < d; c++) {
                s += normal[c] * x[o + c];
            }
            // points on the plane (duplicates, a degenerate normal) go to either side at random
            boolean left = s > 0 || s == 0 && rnd.nextBoolean();
            if (left) {
                lo++;
            } else {
                int t = p[lo];
                p[lo] = p[hi];
                p[hi--] = t;
            }
        }
        int mid = lo;
        if (mid == from || mid == to) {
            mid = from + size / 2; // all on one side: halve at random order, as the trees of annoy and pynndescent do
        }
        split(p, from, mid, leaf, rnd, out);
        split(p, mid, to, leaf, rnd, out);
    }

    /**
     * One NN-descent round: each point's new and old neighbours (and the points that list it), capped at
     * maxCandidates each by random priority, are compared pairwise (new with new, new with old).
     *
     * @return how many list entries improved
     */
    private int round(int maxCandidates, SplittableRandom rnd) {
        int[] newIdx = new int[n * maxCandidates];
        double[] newPri = new double[n * maxCandidates];
        int[] newCount = new int[n];
        int[] oldIdx = new int[n * maxCandidates];
        double[] oldPri = new double[n * maxCandidates];
        int[] oldCount = new int[n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = index[i * k + r];
                if (j < 0) {
                    continue;
                }
                double pri = rnd.nextDouble();
                if (fresh[i * k + r]) {
                    offer(newIdx, newPri, newCount, maxCandidates, i, j, pri);
                    offer(newIdx, newPri, newCount, maxCandidates, j, i, pri);
                } else {
                    offer(oldIdx, oldPri, oldCount, maxCandidates, i, j, pri);
                    offer(oldIdx, oldPri, oldCount, maxCandidates, j, i, pri);
                }
            }
        }
        // entries sampled as new are old from now on
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = index[i * k + r];
                if (j >= 0 && fresh[i * k + r] && contains(newIdx, newCount, maxCandidates, i, j)) {
                    fresh[i * k + r] = false;
                }
            }
        }
        int blocks = Math.max(1, Math.min(n, 4 * Runtime.getRuntime().availableProcessors() * 16));
        long[][] pairs = new long[blocks][];
        double[][] sqs = new double[blocks][];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = (int) ((long) n * b / blocks);
            int to = (int) ((long) n * (b + 1) / blocks);
            long[] ab = new long[1024];
            double[] sq = new double[1024];
            int e = 0;
            for (int i = from; i < to; i++) {
                int nn = newCount[i];
                int no = oldCount[i];
                int on = i * maxCandidates;
                for (int s = 0; s < nn; s++) {
                    int p = newIdx[on + s];
                    for (int t = s + 1; t < nn + no; t++) {
                        int q = t < nn ? newIdx[on + t] : oldIdx[on + t - nn];
                        if (p == q) {
                            continue;
                        }
                        double v = squared(p, q);
                        if (v < dist[p * k] || v < dist[q * k]) {
                            if (e == ab.length) {
                                ab = Arrays.copyOf(ab, 2 * e);
                                sq = Arrays.copyOf(sq, 2 * e);
                            }
                            ab[e] = (long) p << 32 | q;
                            sq[e++] = v;
                        }
                    }
                }
            }
            pairs[b] = Arrays.copyOf(ab, e);
            sqs[b] = Arrays.copyOf(sq, e);
        });
        int changed = 0;
        for (int b = 0; b < blocks; b++) {
            for (int e = 0; e < pairs[b].length; e++) {
                int p = (int) (pairs[b][e] >>> 32);
                int q = (int) pairs[b][e];
                changed += (push(p, q, sqs[b][e]) ? 1 : 0) + (push(q, p, sqs[b][e]) ? 1 : 0);
            }
        }
        return changed;
    }

    /** Adds j to i's candidate list, keeping the maxCandidates of lowest priority (a max-heap on priority). */
    private static void offer(int[] idx, double[] pri, int[] count, int cap, int i, int j, double p) {
        int o = i * cap;
        int c = count[i];
        for (int s = 0; s < c; s++) {
            if (idx[o + s] == j) {
                return;
            }
        }
        if (c < cap) {
            int at = c;
            while (at > 0) {
                int up = (at - 1) / 2;
                if (pri[o + up] >= p) {
                    break;
                }
                idx[o + at] = idx[o + up];
                pri[o + at] = pri[o + up];
                at = up;
            }
            idx[o + at] = j;
            pri[o + at] = p;
            count[i] = c + 1;
            return;
        }
        if (p >= pri[o]) {
            return;
        }
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            if (left >= cap) {
                break;
            }
            int right = left + 1;
            int big = right < cap && pri[o + right] > pri[o + left] ? right : left;
            if (pri[o + big] <= p) {
                break;
            }
            idx[o + at] = idx[o + big];
            pri[o + at] = pri[o + big];
            at = big;
        }
        idx[o + at] = j;
        pri[o + at] = p;
    }

    private static boolean contains(int[] idx, int[] count, int cap, int i, int j) {
        for (int s = 0; s < count[i]; s++) {
            if (idx[i * cap + s] == j) {
                return true;
            }
        }
        return false;
    }

    /** The lists sorted nearest first (equal distances by index), as Euclidean distances. */
    private Neighbours sorted() {
        int[] outIdx = new int[n * k];
        double[] outDist = new double[n * k];
        IntStream.range(0, n).parallel().forEach(i -> {
            Integer[] at = new Integer[k];
            for (int r = 0; r < k; r++) {
                at[r] = r;
            }
            int o = i * k;
            Arrays.sort(at, (a, b) -> dist[o + a] != dist[o + b] ? Double.compare(dist[o + a], dist[o + b])
                    : Integer.compare(index[o + a], index[o + b]));
            for (int r = 0; r < k; r++) {
                outIdx[o + r] = index[o + at[r]];
                outDist[o + r] = Math.sqrt(dist[o + at[r]]);
            }
        });
        return new Neighbours(k, outIdx, outDist);
    }
}
