package org.shiftscope.transport;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.shiftscope.transport.SinkhornSolver.Cloud;

/**
 * Candidate pairs of {@link Kernel}, row by row: per row of x, the kept columns and their costs. They come from one
 * pass over all pairs ({@link #scan}, single precision with a rounding margin, kept pairs re-costed in double) or from
 * the neighbourhoods of a solved coarse level ({@link #expand}).
 */
final class CandidateRows {
    /** Columns per block of the all-pairs pass. */
    private static final int BLOCK = 512;

    final int[][] cols;
    final double[][] costs;

    CandidateRows(int[][] cols, double[][] costs) {
        this.cols = cols;
        this.costs = costs;
    }

    /**
     * The pairs of the rows in {@code subset} (all rows when null); the other rows are left empty. With
     * {@code upper}, row i keeps only columns j >= i.
     */
    static CandidateRows scan(Cloud cx, Cloud cy, double[] f, double[] g, double limit, int cap, int[] subset,
                     boolean upper) {
        Points x = cx.points();
        Points y = cy.points();
        int n = x.n();
        int m = cy.n();
        int d = x.d();
        // the pass runs in single precision (twice the SIMD width); a margin covers its rounding, and the kept
        // pairs are then re-checked with costs computed in double precision
        float[] xv = new float[n * d];
        for (int p = 0; p < xv.length; p++) {
            xv[p] = (float) x.values()[p];
        }
        float[][] yt = cy.transposed();
        float[] hy = new float[m];
        double scale = 0;
        for (int j = 0; j < m; j++) {
            hy[j] = (float) (cy.norms()[j] - g[j]);
            scale = Math.max(scale, cy.norms()[j] + Math.abs(g[j]));
        }
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, cx.norms()[i] + Math.abs(f[i]));
        }
        double margin = 1e-5 * 4 * scale;
        int[][] rowCols = new int[n][];
        double[][] rowCosts = new double[n][];
        Arrays.fill(rowCols, new int[0]);
        Arrays.fill(rowCosts, new double[0]);
        int rowsToScan = subset == null ? n : subset.length;
        // a capped row fills a buffer of 4 cap candidates, then keeps its cap cheapest and tightens its cut
        int[] caps = new int[n];
        int maxCap = 0;
        for (int i = 0; i < n; i++) {
            caps[i] = capOf(cx, i, m, cap);
            maxCap = Math.max(maxCap, caps[i]);
        }
        int buffer = (int) Math.min(m, 4L * maxCap);
        int chunk = Math.max(16, Math.min(256, rowsToScan / 64));
        IntStream.range(0, (rowsToScan + chunk - 1) / chunk).parallel().forEach(b -> {
            double[] red = new double[buffer];
            int[] idx = new int[buffer];
            double[] scratch = new double[buffer];
            float[] acc = new float[BLOCK];
            for (int q = b * chunk; q < Math.min(rowsToScan, (b + 1) * chunk); q++) {
                int i = subset == null ? q : subset[q];
                int rowCap = caps[i];
                int rowBuffer = (int) Math.min(buffer, 4L * rowCap);
                float base = (float) (cx.norms()[i] - f[i]);
                int count = 0;
                double cut = limit + margin;
                int first = upper ? i : 0;
                for (int j0 = first / BLOCK * BLOCK; j0 < m; j0 += BLOCK) {
                    int len = Math.min(BLOCK, m - j0);
                    // reduced costs of the block, |x|^2 - f + |y|^2 - g - 2 x.y, one coordinate at a time
                    // (a loop the JIT vectorises)
                    for (int jj = 0; jj < len; jj++) {
                        acc[jj] = base + hy[j0 + jj];
                    }
                    // four coordinates per sweep: a quarter of the loads and stores of acc (28 % faster
                    // at d = 10 than one coordinate per sweep)
                    int t = 0;
                    for (; t + 4 <= d; t += 4) {
                        float x0 = -2 * xv[i * d + t];
                        float x1 = -2 * xv[i * d + t + 1];
                        float x2 = -2 * xv[i * d + t + 2];
                        float x3 = -2 * xv[i * d + t + 3];
                        float[] r0 = yt[t];
                        float[] r1 = yt[t + 1];
                        float[] r2 = yt[t + 2];
                        float[] r3 = yt[t + 3];
                        for (int jj = 0; jj < len; jj++) {
                            acc[jj] += x0 * r0[j0 + jj] + x1 * r1[j0 + jj] + x2 * r2[j0 + jj] + x3 * r3[j0 + jj];
                        }
                    }
                    for (; t < d; t++) {
                        float xt = -2 * xv[i * d + t];
                        float[] row = yt[t];
                        for (int jj = 0; jj < len; jj++) {
                            acc[jj] += xt * row[j0 + jj];
                        }
                    }
                    for (int jj = 0; jj < len; jj++) {
                        double r = acc[jj];
                        int j = j0 + jj;
                        if (r <= cut && j >= first) {
                            if (count == rowBuffer) {
                                // ties with the kept ones are not needed: without this, duplicated points
                                // would compact the buffer on every pair
                                cut = Math.min(cut, Math.nextDown(keepCheapest(red, idx, scratch, count,
                                        rowCap)));
                                count = rowCap;
                                if (r > cut) {
                                    continue;
                                }
                            }
                            red[count] = r;
                            idx[count++] = j;
                        }
                    }
                }
                if (count > rowCap) {
                    keepCheapest(red, idx, scratch, count, rowCap);
                    count = rowCap;
                }
                int kept = 0;
                double[] costs = new double[count];
                for (int p = 0; p < count; p++) {
                    double c = x.sqDist(i, y, idx[p]);
                    if (cap < m || c - f[i] - g[idx[p]] <= limit) {
                        idx[kept] = idx[p];
                        costs[kept++] = c;
                    }
                }
                rowCols[i] = Arrays.copyOf(idx, kept);
                rowCosts[i] = Arrays.copyOf(costs, kept);
            }
        });
        return new CandidateRows(rowCols, rowCosts);
    }

    /**
     * Per row i of x, the cheapest {@code cap} (weight-aware) pairs among the points of y in the groups paired
     * with i's group in a coarse kernel (CSR lists {@code start}, {@code partner}, {@code partnerCost}, solved
     * with potentials {@code coarseF}, {@code coarseG}). Partner groups are taken cheapest first, in coarse
     * reduced cost, until they hold {@link #SPARE} times the row's cap points.
     */
    static CandidateRows expand(Cloud cx, Cloud cy, double[] f, double[] g, int[] start, int[] partner,
                       double[] partnerCost, double[] coarseF, double[] coarseG, int[] ownerX, int[] ownerY,
                       int cap) {
        int n = cx.n();
        int m = cy.n();
        int groups = Arrays.stream(ownerY).max().orElse(-1) + 1;
        int[] memberStart = new int[groups + 1];
        for (int o : ownerY) {
            memberStart[o + 1]++;
        }
        for (int b = 0; b < groups; b++) {
            memberStart[b + 1] += memberStart[b];
        }
        int[] member = new int[m];
        int[] next = Arrays.copyOf(memberStart, groups);
        for (int j = 0; j < m; j++) {
            member[next[ownerY[j]]++] = j;
        }
        // each coarse row's partners, cheapest first
        int[] order = new int[partner.length];
        IntStream.range(0, start.length - 1).parallel().forEach(a -> {
            int lo = start[a];
            long[] packed = new long[start[a + 1] - lo];
            for (int p = 0; p < packed.length; p++) {
                double r = partnerCost[lo + p] - coarseF[a] - coarseG[partner[lo + p]];
                // order-preserving bits of a double (reduced costs may be negative)
                long bits = Double.doubleToLongBits(r);
                bits ^= (bits >> 63) & Long.MAX_VALUE;
                packed[p] = bits;
            }
            Integer[] idx = new Integer[packed.length];
            for (int p = 0; p < idx.length; p++) {
                idx[p] = p;
            }
            Arrays.sort(idx, (u, v) -> Long.compare(packed[u], packed[v]));
            for (int p = 0; p < idx.length; p++) {
                order[lo + p] = partner[lo + idx[p]];
            }
        });
        int[][] rowCols = new int[n][];
        double[][] rowCosts = new double[n][];
        int chunk = Math.max(16, Math.min(256, n / 64));
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(b -> {
            double[] red = new double[64];
            int[] idx = new int[64];
            double[] scratch = new double[64];
            for (int i = b * chunk; i < Math.min(n, (b + 1) * chunk); i++) {
                int a = ownerX[i];
                int rowCap = capOf(cx, i, m, cap);
                long want = (long) (cx == cy ? SPARE_SYMMETRIC : SPARE) * rowCap;
                int total = 0;
                int end = start[a];
                while (end < start[a + 1] && total < want) {
                    total += memberStart[order[end] + 1] - memberStart[order[end]];
                    end++;
                }
                if (total > red.length) {
                    red = new double[total];
                    idx = new int[total];
                    scratch = new double[total];
                }
                int count = 0;
                for (int p = start[a]; p < end; p++) {
                    int group = order[p];
                    for (int q = memberStart[group]; q < memberStart[group + 1]; q++) {
                        int j = member[q];
                        red[count] = cx.points().sqDist(i, cy.points(), j) - g[j];
                        idx[count++] = j;
                    }
                }
                if (count > rowCap) {
                    keepCheapest(red, idx, scratch, count, rowCap);
                    count = rowCap;
                }
                rowCols[i] = Arrays.copyOf(idx, count);
                // re-costed, not red + g: that sum would carry g's rounding into the cost
                double[] costs = new double[count];
                for (int p = 0; p < count; p++) {
                    costs[p] = cx.points().sqDist(i, cy.points(), idx[p]);
                }
                rowCosts[i] = costs;
            }
        });
        return new CandidateRows(rowCols, rowCosts);
    }

    /**
     * Candidate points per kept pair that {@link #expand} draws from the coarse partners: fewer for a symmetric
     * problem OT_eps(a, a), whose plan stays near the diagonal (measured at n = 10,000, d = 10: 4 and 12 are the
     * fastest; with all partners the two-sided problem took 15 % longer, with 4 it needed 40 % more iterations).
     */
    static final int SPARE = 12;
    static final int SPARE_SYMMETRIC = 4;

    /** Keeps the {@code cap} smallest of red[0..count) with their indices; returns the largest kept. */
    private static double keepCheapest(double[] red, int[] idx, double[] scratch, int count, int cap) {
        System.arraycopy(red, 0, scratch, 0, count);
        double cut = select(scratch, count, cap);
        int kept = 0;
        for (int p = 0; p < count; p++) {
            if (red[p] < cut) {
                red[kept] = red[p];
                idx[kept++] = idx[p];
            }
        }
        for (int p = kept; p < count && kept < cap; p++) {
            if (red[p] == cut) {
                red[kept] = red[p];
                idx[kept++] = idx[p];
            }
        }
        return cut;
    }

    /** Pairs that point i of cx may keep: cap times its weight over the mean weight of the other side's m points. */
    private static int capOf(Cloud cx, int i, int m, int cap) {
        return cap >= m ? m : (int) Math.min(m, cap * Math.max(1, Math.ceil(cx.weights()[i] * m)));
    }

    /** The k-th smallest value (1-based) of v, by quickselect; v is reordered. */
    static double select(double[] v, int length, int k) {
        int lo = 0;
        int hi = length - 1;
        int target = k - 1;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i++] = v[j];
                    v[j--] = t;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return v[target];
    }
}
