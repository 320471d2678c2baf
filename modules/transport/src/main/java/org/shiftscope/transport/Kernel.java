package org.shiftscope.transport;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.shiftscope.transport.SinkhornSolver.Cloud;

/** The truncated kernel of {@link SinkhornSolver}: the kept pairs with their costs, by rows (CSR) and by columns. */
final class Kernel {
    final int n;
    final int m;
    final int[] rowStart;
    final int[] col;
    final double[] cost;
    final int[] colStart;
    final int[] row;
    final double[] colCost;

    private Kernel(int n, int m, int[] rowStart, int[] col, double[] cost) {
        this.n = n;
        this.m = m;
        this.rowStart = rowStart;
        this.col = col;
        this.cost = cost;
        colStart = new int[m + 1];
        for (int c : col) {
            colStart[c + 1]++;
        }
        for (int j = 0; j < m; j++) {
            colStart[j + 1] += colStart[j];
        }
        row = new int[col.length];
        colCost = new double[col.length];
        int[] next = Arrays.copyOf(colStart, m);
        for (int i = 0; i < n; i++) {
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                int q = next[col[p]]++;
                row[q] = i;
                colCost[q] = cost[p];
            }
        }
    }

    long size() {
        return col.length;
    }

    /**
     * Keeps (i, j) when C_ij - f_i - g_j <= limit. With a {@code cap}, a row keeps at most that many of them
     * (the cheapest in reduced cost) and so does a column (a second pass from the columns' side; the union is
     * kept), so that the capped support still carries both marginals. A heavy point (a merged duplicate, a coarse
     * group) needs more partners to spread its mass over: its cap is multiplied by its weight over the other side's
     * mean weight, so that the capped problem stays feasible. Every column keeps at least its cheapest pair.
     */
    static Kernel scan(Cloud cx, Cloud cy, double[] f, double[] g, double limit, int cap) {
        int n = cx.n();
        int m = cy.n();
        Rows rows = Rows.scan(cx, cy, f, g, limit, cap);
        int[][] cols = rows.cols;
        double[][] costs = rows.costs;
        if (cap < m) {
            // a symmetric problem (same cloud, f = g) has the same cheapest pairs by columns as by rows
            Rows byColumn = cx == cy ? rows : Rows.scan(cy, cx, g, f, limit, cap);
            int[] count = new int[n];
            for (int[] r : byColumn.cols) {
                for (int i : r) {
                    count[i]++;
                }
            }
            int[][] mc = new int[n][];
            double[][] mcost = new double[n][];
            for (int i = 0; i < n; i++) {
                mc[i] = Arrays.copyOf(cols[i], cols[i].length + count[i]);
                mcost[i] = Arrays.copyOf(costs[i], costs[i].length + count[i]);
                count[i] = cols[i].length;
            }
            for (int j = 0; j < m; j++) {
                for (int p = 0; p < byColumn.cols[j].length; p++) {
                    int i = byColumn.cols[j][p];
                    mc[i][count[i]] = j;
                    mcost[i][count[i]++] = byColumn.costs[j][p];
                }
            }
            for (int i = 0; i < n; i++) {
                dedupe(mc, mcost, i);
            }
            cols = mc;
            costs = mcost;
        }
        int[] covered = new int[m];
        for (int[] r : cols) {
            for (int j : r) {
                covered[j]++;
            }
        }
        int[] extra = new int[n];
        for (int j = 0; j < m; j++) {
            if (covered[j] == 0) {
                extra[rows.bestRow[j]]++;
            }
        }
        int[] rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = rowStart[i] + cols[i].length + extra[i];
        }
        int[] col = new int[rowStart[n]];
        double[] cost = new double[rowStart[n]];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(cols[i], 0, col, rowStart[i], cols[i].length);
            System.arraycopy(costs[i], 0, cost, rowStart[i], cols[i].length);
            fill[i] = rowStart[i] + cols[i].length;
        }
        for (int j = 0; j < m; j++) {
            if (covered[j] == 0) {
                int i = rows.bestRow[j];
                col[fill[i]] = j;
                cost[fill[i]++] = cx.points().sqDist(i, cy.points(), j);
            }
        }
        return new Kernel(n, m, rowStart, col, cost);
    }

    /** Sorts row i's pairs by column and drops repeats. */
    private static void dedupe(int[][] cols, double[][] costs, int i) {
        int len = cols[i].length;
        long[] packed = new long[len];
        for (int p = 0; p < len; p++) {
            packed[p] = ((long) cols[i][p] << 32) | p;
        }
        Arrays.sort(packed);
        int[] c = new int[len];
        double[] v = new double[len];
        int kept = 0;
        for (int p = 0; p < len; p++) {
            int j = (int) (packed[p] >>> 32);
            if (kept == 0 || c[kept - 1] != j) {
                c[kept] = j;
                v[kept++] = costs[i][(int) packed[p]];
            }
        }
        cols[i] = Arrays.copyOf(c, kept);
        costs[i] = Arrays.copyOf(v, kept);
    }

    /** out_i = -eps log sum_{j in row i} exp(logw_j + (h_j - C_ij) / eps); an empty row keeps {@code old}. */
    double[] rowSoftmin(double[] h, double[] logw, double eps, double[] old) {
        return softmin(n, rowStart, col, cost, h, logw, eps, old);
    }

    double[] colSoftmin(double[] h, double[] logw, double eps, double[] old) {
        return softmin(m, colStart, row, colCost, h, logw, eps, old);
    }

    private static double[] softmin(int count, int[] start, int[] other, double[] c, double[] h, double[] logw,
                                    double eps, double[] old) {
        double[] out = new double[count];
        double inv = 1 / eps;
        IntStream.range(0, count).parallel().forEach(i -> {
            int lo = start[i];
            int hi = start[i + 1];
            if (lo == hi) {
                out[i] = old[i];
                return;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int p = lo; p < hi; p++) {
                int j = other[p];
                max = Math.max(max, (h[j] - c[p]) * inv + logw[j]);
            }
            double sum = 0;
            for (int p = lo; p < hi; p++) {
                int j = other[p];
                sum += Math.exp((h[j] - c[p]) * inv + logw[j] - max);
            }
            out[i] = -eps * (max + Math.log(sum));
        });
        return out;
    }

    /** Columns per block of the all-pairs pass. */
    private static final int BLOCK = 512;

    /** One pass over all pairs: per row of x, the kept columns and their costs; per column, its cheapest row. */
    private static final class Rows {
        final int[][] cols;
        final double[][] costs;
        final int[] bestRow;

        private Rows(int[][] cols, double[][] costs, int[] bestRow) {
            this.cols = cols;
            this.costs = costs;
            this.bestRow = bestRow;
        }

        static Rows scan(Cloud cx, Cloud cy, double[] f, double[] g, double limit, int cap) {
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
            double[] colBest = new double[m];
            int[] colBestRow = new int[m];
            Arrays.fill(colBest, Double.POSITIVE_INFINITY);
            // a capped row fills a buffer of 4 cap candidates, then keeps its cap cheapest and tightens its cut
            int[] caps = new int[n];
            int maxCap = 0;
            for (int i = 0; i < n; i++) {
                caps[i] = cap >= m ? m : (int) Math.min(m, cap * Math.max(1, Math.ceil(cx.weights()[i] * m)));
                maxCap = Math.max(maxCap, caps[i]);
            }
            int buffer = (int) Math.min(m, 4L * maxCap);
            int chunk = Math.max(16, Math.min(256, n / 64));
            IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(b -> {
                double[] red = new double[buffer];
                int[] idx = new int[buffer];
                double[] scratch = new double[buffer];
                float[] acc = new float[BLOCK];
                double[] localBest = new double[m];
                int[] localRow = new int[m];
                Arrays.fill(localBest, Double.POSITIVE_INFINITY);
                for (int i = b * chunk; i < Math.min(n, (b + 1) * chunk); i++) {
                    int rowCap = caps[i];
                    int rowBuffer = (int) Math.min(buffer, 4L * rowCap);
                    float base = (float) (cx.norms()[i] - f[i]);
                    int count = 0;
                    double cut = limit + margin;
                    for (int j0 = 0; j0 < m; j0 += BLOCK) {
                        int len = Math.min(BLOCK, m - j0);
                        // reduced costs of the block, |x|^2 - f + |y|^2 - g - 2 x.y, one coordinate at a time
                        // (a loop the JIT vectorises)
                        for (int jj = 0; jj < len; jj++) {
                            acc[jj] = base + hy[j0 + jj];
                        }
                        for (int t = 0; t < d; t++) {
                            float xt = -2 * xv[i * d + t];
                            float[] row = yt[t];
                            for (int jj = 0; jj < len; jj++) {
                                acc[jj] += xt * row[j0 + jj];
                            }
                        }
                        for (int jj = 0; jj < len; jj++) {
                            double r = acc[jj];
                            int j = j0 + jj;
                            if (r < localBest[j]) {
                                localBest[j] = r;
                                localRow[j] = i;
                            }
                            if (r <= cut) {
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
                synchronized (colBest) {
                    for (int j = 0; j < m; j++) {
                        if (localBest[j] < colBest[j]) {
                            colBest[j] = localBest[j];
                            colBestRow[j] = localRow[j];
                        }
                    }
                }
            });
            return new Rows(rowCols, rowCosts, colBestRow);
        }

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
