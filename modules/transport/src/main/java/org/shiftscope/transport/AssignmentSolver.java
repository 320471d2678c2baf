package org.shiftscope.transport;

import java.util.Arrays;
import org.shiftscope.core.TaskMonitor;

/**
 * Exact linear assignment (the n = m case of uniform optimal transport). Column prices come from Jonker-Volgenant
 * column reduction, then an epsilon-scaling forward auction brings them close to optimal duals quickly; at the
 * final epsilon every row whose column is not an exact minimum of its reduced costs is freed, and Jonker-Volgenant
 * shortest augmenting paths (exact, no epsilon) assign those rows. Only column prices are kept; an assigned row's
 * column is always a minimum of its reduced costs, which is what the shortest-path phase needs.
 *
 * <p>The auction replaces Jonker-Volgenant's augmenting row reduction, which is the same bidding step without
 * epsilon and crawls on real-valued costs whose best and second-best columns nearly tie.
 *
 * <p>References: R. Jonker and A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear
 * assignment problems", Computing 38 (1987) 325-340; D. P. Bertsekas, "The auction algorithm: a distributed
 * relaxation method for the assignment problem", Annals of Operations Research 14 (1988) 105-123.
 */
final class AssignmentSolver {

    private AssignmentSolver() {
    }

    /** Returns {@code rowToCol}: the column assigned to each row, minimising the total cost. */
    static int[] solve(double[] c, int n, TaskMonitor monitor) {
        return solve(c, n, null, monitor).rowToCol();
    }

    /** An optimal assignment and the column prices that certify it. */
    record Solution(int[] rowToCol, double[] prices) {
    }

    /**
     * The assignment, started from {@code prices} when given (column prices of a similar problem, e.g. the same
     * points slightly moved): the auction then starts at a small epsilon instead of column reduction's prices.
     */
    static Solution solve(double[] c, int n, double[] prices, TaskMonitor monitor) {
        double[] v = prices == null ? new double[n] : prices.clone();
        int[] x = new int[n]; // column of row
        int[] y = new int[n]; // row of column
        Arrays.fill(x, -1);
        Arrays.fill(y, -1);
        int[] free = new int[n];
        int numFree = prices == null ? columnReduction(c, n, v, x, y, free) : n;
        if (n > 1 && numFree > 0) {
            numFree = auction(c, n, v, x, y, free, prices == null ? COLD_EPSILON : WARM_EPSILON, monitor);
        }
        augment(c, n, v, x, y, free, numFree, monitor);
        return new Solution(x, v);
    }

    /** The auction's first epsilon, as a fraction of the largest cost: from column reduction's prices. */
    private static final double COLD_EPSILON = 1.0 / 8;
    /**
     * The same from a similar problem's prices: they are near optimal, so the coarse phases are skipped (10,000 x
     * 10,000 moved by k-cluster maps: 2.5-2.8 s instead of 4.7 s once compiled; docs/benchmarks.md).
     */
    private static final double WARM_EPSILON = 1e-3;

    /** Column reduction and reduction transfer; returns the number of free rows (listed in {@code free}). */
    private static int columnReduction(double[] c, int n, double[] v, int[] x, int[] y, int[] free) {
        int[] matches = new int[n];
        for (int j = n - 1; j >= 0; j--) {
            double min = c[j];
            int imin = 0;
            for (int i = 1; i < n; i++) {
                double h = c[i * n + j];
                if (h < min) {
                    min = h;
                    imin = i;
                }
            }
            v[j] = min;
            if (++matches[imin] == 1) {
                x[imin] = j;
                y[j] = imin;
            } else if (v[j] < v[x[imin]]) {
                int j1 = x[imin];
                x[imin] = j;
                y[j] = imin;
                y[j1] = -1;
            } else {
                y[j] = -1;
            }
        }
        int numFree = 0;
        for (int i = 0; i < n; i++) {
            if (matches[i] == 0) {
                free[numFree++] = i;
            } else if (matches[i] == 1) {
                int j1 = x[i];
                double min = Double.POSITIVE_INFINITY;
                int off = i * n;
                for (int j = 0; j < n; j++) {
                    if (j != j1) {
                        min = Math.min(min, c[off + j] - v[j]);
                    }
                }
                if (min != Double.POSITIVE_INFINITY) {
                    v[j1] -= min;
                }
            }
        }
        return numFree;
    }

    /**
     * Epsilon-scaling Gauss-Seidel auction on the column prices; returns the rows left free for the exact phase:
     * those whose assigned column is not an exact minimum of their reduced costs at the final epsilon.
     */
    private static int auction(double[] c, int n, double[] v, int[] x, int[] y, int[] free, double start,
                               TaskMonitor monitor) {
        double scale = 0;
        for (double h : c) {
            scale = Math.max(scale, Math.abs(h));
        }
        if (scale == 0) {
            return 0; // all costs zero: column reduction already assigned what it could; rest is any matching
        }
        double epsFinal = scale * 1e-10;
        double eps = Math.max(scale * start, epsFinal);
        int[] queue = new int[n];
        while (true) {
            monitor.checkCancelled();
            Arrays.fill(x, -1);
            Arrays.fill(y, -1);
            for (int i = 0; i < n; i++) {
                queue[i] = i;
            }
            int head = 0;
            int count = n;
            while (count > 0) {
                int i = queue[head];
                head = head + 1 == n ? 0 : head + 1;
                count--;
                int off = i * n;
                double umin = Double.POSITIVE_INFINITY;
                double usubmin = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 0; j < n; j++) {
                    double h = c[off + j] - v[j];
                    if (h < usubmin) {
                        if (h < umin) {
                            usubmin = umin;
                            umin = h;
                            j1 = j;
                        } else {
                            usubmin = h;
                        }
                    }
                }
                v[j1] -= usubmin - umin + eps;
                int i0 = y[j1];
                x[i] = j1;
                y[j1] = i;
                if (i0 >= 0) {
                    x[i0] = -1;
                    int tail = head + count;
                    queue[tail >= n ? tail - n : tail] = i0;
                    count++;
                }
            }
            if (eps <= epsFinal) {
                break;
            }
            eps = Math.max(eps / 6, epsFinal);
        }
        int numFree = 0;
        for (int i = 0; i < n; i++) {
            int off = i * n;
            double own = c[off + x[i]] - v[x[i]];
            boolean minimal = true;
            for (int j = 0; j < n && minimal; j++) {
                minimal = c[off + j] - v[j] >= own;
            }
            if (!minimal) {
                y[x[i]] = -1;
                x[i] = -1;
                free[numFree++] = i;
            }
        }
        return numFree;
    }

    /** Shortest augmenting paths (Dijkstra on reduced costs) for each remaining free row. */
    private static void augment(double[] c, int n, double[] v, int[] x, int[] y, int[] free, int numFree,
                                TaskMonitor monitor) {
        double[] d = new double[n];
        int[] pred = new int[n];
        int[] colList = new int[n];
        for (int f = 0; f < numFree; f++) {
            if ((f & 15) == 0) {
                monitor.checkCancelled();
                monitor.progress((double) f / numFree, "Exact transport (assignment)");
            }
            int freeRow = free[f];
            int off = freeRow * n;
            for (int j = 0; j < n; j++) {
                d[j] = c[off + j] - v[j];
                pred[j] = freeRow;
                colList[j] = j;
            }
            int low = 0;
            int up = 0;
            int last = 0;
            int endOfPath = -1;
            double min = 0;
            boolean found = false;
            do {
                if (up == low) {
                    last = low - 1;
                    min = d[colList[up++]];
                    for (int k = up; k < n; k++) {
                        int j = colList[k];
                        double h = d[j];
                        if (h <= min) {
                            if (h < min) {
                                up = low;
                                min = h;
                            }
                            colList[k] = colList[up];
                            colList[up++] = j;
                        }
                    }
                    for (int k = low; k < up; k++) {
                        if (y[colList[k]] < 0) {
                            endOfPath = colList[k];
                            found = true;
                            break;
                        }
                    }
                }
                if (!found) {
                    int j1 = colList[low++];
                    int i = y[j1];
                    int ioff = i * n;
                    double h = c[ioff + j1] - v[j1] - min;
                    for (int k = up; k < n; k++) {
                        int j = colList[k];
                        double v2 = c[ioff + j] - v[j] - h;
                        if (v2 < d[j]) {
                            pred[j] = i;
                            if (v2 == min) {
                                if (y[j] < 0) {
                                    endOfPath = j;
                                    found = true;
                                    break;
                                }
                                colList[k] = colList[up];
                                colList[up++] = j;
                            }
                            d[j] = v2;
                        }
                    }
                }
            } while (!found);
            for (int k = 0; k <= last; k++) {
                int j1 = colList[k];
                v[j1] += d[j1] - min;
            }
            int i;
            do {
                i = pred[endOfPath];
                y[endOfPath] = i;
                int j1 = endOfPath;
                endOfPath = x[i];
                x[i] = j1;
            } while (i != freeRow);
        }
    }
}
