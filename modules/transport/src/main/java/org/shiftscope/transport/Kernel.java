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
        // a symmetric problem (same cloud, f = g) without a cap: its reduced costs are symmetric, so one pass over
        // the pairs j >= i, mirrored, finds them all in half the time
        boolean mirror = cx == cy && f == g && cap >= m;
        CandidateRows rows = CandidateRows.scan(cx, cy, f, g, limit, cap, null, mirror);
        int[][] cols = rows.cols.clone();
        double[][] costs = rows.costs.clone();
        if (mirror) {
            addByColumn(cols, costs, rows);
        }
        if (cap < m) {
            // a symmetric problem (same cloud, f = g) has the same cheapest pairs by columns as by rows
            CandidateRows byColumn = cx == cy ? rows
                    : CandidateRows.scan(cy, cx, g, f, limit, cap, null, false);
            addByColumn(cols, costs, byColumn);
        }
        boolean[] covered = new boolean[m];
        for (int[] r : cols) {
            for (int j : r) {
                covered[j] = true;
            }
        }
        // a column that no row kept gets its cheapest row (in reduced cost): rare, so searched only when needed
        int[][] cheapest = new int[m][];
        double[][] cheapestCost = new double[m][];
        IntStream.range(0, m).parallel().forEach(j -> {
            if (covered[j]) {
                cheapest[j] = new int[0];
                cheapestCost[j] = new double[0];
            } else {
                int i = cheapestRow(cx, cy, f, g, j);
                cheapest[j] = new int[] {i};
                cheapestCost[j] = new double[] {cx.points().sqDist(i, cy.points(), j)};
            }
        });
        addByColumn(cols, costs, new CandidateRows(cheapest, cheapestCost));
        return of(n, m, cols, costs);
    }

    /**
     * Candidate pairs of a fine level from the solved coarse level above it: the fine pairs (i, j) whose groups are
     * paired in the coarse kernel, of which every row keeps its cheapest {@code cap} in reduced cost and so does
     * every column (weight-aware caps, as in {@link #scan}). Replaces two passes over all fine pairs by a pass over
     * the coarse kernel's neighbourhoods: the multiscale scheme of Schmitzer ("Stabilized sparse scaling algorithms
     * for entropy regularized transport problems", 2019). Every fine column is reached, since every coarse column
     * has a pair; the last stage's pass over all pairs (in the solver's finish) still decides the final support.
     *
     * @param ownerX coarse group of each fine x point
     * @param ownerY coarse group of each fine y point
     */
    static Kernel expand(Cloud cx, Cloud cy, double[] f, double[] g, Kernel coarse, double[] coarseF,
                         double[] coarseG, int[] ownerX, int[] ownerY, int cap) {
        CandidateRows rows = CandidateRows.expand(cx, cy, f, g, coarse.rowStart, coarse.col, coarse.cost, coarseF,
                coarseG, ownerX, ownerY, cap);
        int[][] cols = rows.cols.clone();
        double[][] costs = rows.costs.clone();
        CandidateRows byColumn = cx == cy ? rows : CandidateRows.expand(cy, cx, g, f, coarse.colStart, coarse.row,
                coarse.colCost, coarseG, coarseF, ownerY, ownerX, cap);
        addByColumn(cols, costs, byColumn);
        return of(cx.n(), cy.n(), cols, costs);
    }

    /**
     * This kernel with the pairs within {@code limit} (in reduced cost) of the given rows and columns added, each
     * row and column checked against all of the other side.
     */
    Kernel extend(Cloud cx, Cloud cy, double[] f, double[] g, double limit, int[] rows, int[] columns) {
        int[][] cols = new int[n][];
        double[][] costs = new double[n][];
        CandidateRows byRow = CandidateRows.scan(cx, cy, f, g, limit, Integer.MAX_VALUE, rows, false);
        for (int i = 0; i < n; i++) {
            int len = rowStart[i + 1] - rowStart[i];
            cols[i] = Arrays.copyOfRange(col, rowStart[i], rowStart[i + 1]);
            costs[i] = Arrays.copyOfRange(cost, rowStart[i], rowStart[i + 1]);
            if (byRow.cols[i].length > 0) {
                cols[i] = Arrays.copyOf(cols[i], len + byRow.cols[i].length);
                costs[i] = Arrays.copyOf(costs[i], len + byRow.cols[i].length);
                System.arraycopy(byRow.cols[i], 0, cols[i], len, byRow.cols[i].length);
                System.arraycopy(byRow.costs[i], 0, costs[i], len, byRow.cols[i].length);
                dedupe(cols, costs, i);
            }
        }
        addByColumn(cols, costs,
                CandidateRows.scan(cy, cx, g, f, limit, Integer.MAX_VALUE, columns, false));
        return of(n, m, cols, costs);
    }

    private static Kernel of(int n, int m, int[][] cols, double[][] costs) {
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + cols[i].length;
        }
        int[] c = new int[start[n]];
        double[] v = new double[start[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(cols[i], 0, c, start[i], cols[i].length);
            System.arraycopy(costs[i], 0, v, start[i], cols[i].length);
        }
        return new Kernel(n, m, start, c, v);
    }

    /** Adds the pairs found column by column to the rows' lists (in place), dropping repeats. */
    private static void addByColumn(int[][] cols, double[][] costs, CandidateRows byColumn) {
        int n = cols.length;
        int[] count = new int[n];
        for (int[] r : byColumn.cols) {
            for (int i : r) {
                count[i]++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (count[i] > 0) {
                int len = cols[i].length;
                cols[i] = Arrays.copyOf(cols[i], len + count[i]);
                costs[i] = Arrays.copyOf(costs[i], len + count[i]);
                count[i] = len;
            } else {
                count[i] = -1;
            }
        }
        for (int j = 0; j < byColumn.cols.length; j++) {
            for (int p = 0; p < byColumn.cols[j].length; p++) {
                int i = byColumn.cols[j][p];
                cols[i][count[i]] = j;
                costs[i][count[i]++] = byColumn.costs[j][p];
            }
        }
        for (int i = 0; i < n; i++) {
            if (count[i] >= 0) {
                dedupe(cols, costs, i);
            }
        }
    }

    /** argmin_i C_ij - f_i - g_j. */
    private static int cheapestRow(Cloud cx, Cloud cy, double[] f, double[] g, int j) {
        int best = 0;
        double low = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cx.n(); i++) {
            double r = cx.points().sqDist(i, cy.points(), j) - f[i];
            if (r < low) {
                low = r;
                best = i;
            }
        }
        return best;
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
        // h / eps + log w, once per point of the other side instead of once per pair
        double[] hw = new double[h.length];
        for (int j = 0; j < hw.length; j++) {
            hw[j] = h[j] * inv + logw[j];
        }
        IntStream.range(0, count).parallel().forEach(i -> {
            int lo = start[i];
            int hi = start[i + 1];
            if (lo == hi) {
                out[i] = old[i];
                return;
            }
            // One pass, stabilised by the old potential: near convergence the terms sum to about 1. Only when the
            // sum leaves a safe range (early in a stage) is the row summed again, stabilised by its largest term.
            double shift = old[i] * inv;
            double sum = 0;
            for (int p = lo; p < hi; p++) {
                sum += FastExp.exp(Math.fma(-c[p], inv, hw[other[p]] + shift));
            }
            if (sum > 1e-250 && sum < 1e250) {
                out[i] = old[i] - eps * Math.log(sum);
                return;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int p = lo; p < hi; p++) {
                max = Math.max(max, Math.fma(-c[p], inv, hw[other[p]]));
            }
            sum = 0;
            for (int p = lo; p < hi; p++) {
                sum += FastExp.exp(Math.fma(-c[p], inv, hw[other[p]] - max));
            }
            out[i] = -eps * (max + Math.log(sum));
        });
        return out;
    }
}
