package org.shiftscope.transport;

import java.util.Arrays;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Exact optimal transport between two empirical distributions with uniform weights (n may differ from m) and
 * squared Euclidean cost, solved as an integer min-cost flow: every reference point supplies m/g units, every
 * target point demands n/g (g = gcd(n, m)), solved by the transportation simplex ({@link NetworkSimplex}; the
 * older successive-shortest-path flow stays as {@link #shortestPaths} to cross-check it). For n = m the problem is
 * a linear assignment, solved by {@link AssignmentSolver} (Jonker-Volgenant).
 * The result is an optimal
 * vertex of the transport polytope, so W2^2 is exact up to floating-point summation.
 *
 * <p>References: R. Jonker and A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear
 * assignment problems", Computing 38 (1987); D. F. Crouse, "On implementing 2D rectangular assignment
 * algorithms", IEEE TAES 52 (2016); R. K. Ahuja, T. L. Magnanti, J. B. Orlin, "Network Flows" (1993), ch. 9.
 */
public final class ExactSolver {

    /** Largest cost matrix the solver builds (entries); 8 bytes each. */
    public static final long MAX_ENTRIES = 150_000_000L;

    private ExactSolver() {
    }

    /**
     * Largest n x m (n != m) that an automatic solver choice hands to the exact solver. Unequal sides go to the
     * transportation simplex ({@link NetworkSimplex}; 2-D Gaussians 3,000 x 1,700: 1.7 s, 4,666 x 2,548: 5.9 s on
     * two cores), so larger unequal problems go to Sinkhorn unless exact is asked for.
     */
    public static final long MAX_UNEQUAL_AUTO = 12_500_000L;

    /** Whether an automatic solver choice should solve an n x m problem exactly (see {@link #MAX_UNEQUAL_AUTO}). */
    public static boolean quick(int n, int m) {
        return fits(n, m) && (n == m || (long) n * m <= MAX_UNEQUAL_AUTO);
    }

    /** Whether the dense cost matrix of an n x m problem fits: at most {@link #MAX_ENTRIES} and half the heap. */
    public static boolean fits(int n, int m) {
        long entries = (long) n * m;
        return entries <= MAX_ENTRIES && 8 * entries <= Runtime.getRuntime().maxMemory() / 2;
    }

    public static TransportPlan solve(Points x, Points y, TaskMonitor monitor) {
        int n = x.n();
        int m = y.n();
        if (n == 0 || m == 0) {
            throw DataException.of("optimal transport needs at least one point on each side");
        }
        if ((long) n * m > MAX_ENTRIES) {
            throw DataException.of(String.format(java.util.Locale.ROOT, "exact transport handles at most %,d point"
                    + " pairs and %d x %d points make %,d; use --solver sinkhorn (or fewer rows)", MAX_ENTRIES, n, m,
                    (long) n * m));
        }
        if (!fits(n, m)) {
            throw DataException.of(String.format(java.util.Locale.ROOT, "exact transport of %d x %d points needs a"
                    + " %.1f GB cost matrix, more than this run can hold (%.1f GB heap); give Java more memory"
                    + " (SHIFTSCOPE_JAVA_OPTS=-Xmx16g) or use --solver sinkhorn", n, m, 8e-9 * n * m,
                    Runtime.getRuntime().maxMemory() / 1e9));
        }
        double[] cost = costMatrix(x, y);
        if (n == m) {
            int[] match = AssignmentSolver.solve(cost, n, monitor);
            int[] rows = new int[n];
            double[] mass = new double[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
                mass[i] = 1.0 / n;
            }
            return new TransportPlan(n, n, rows, match, mass);
        }
        long g = gcd(n, m);
        long supply = m / g;
        long demand = n / g;
        return NetworkSimplex.solve(x, y, cost, supply, demand, monitor);
    }

    /** The successive-shortest-path flow for n != m (kept to cross-check the network simplex in tests). */
    static TransportPlan shortestPaths(Points x, Points y, TaskMonitor monitor) {
        double[] cost = costMatrix(x, y);
        long g = gcd(x.n(), y.n());
        return new Run(x.n(), y.n(), cost, y.n() / g, x.n() / g, monitor).solve();
    }

    static double[] costMatrix(Points x, Points y) {
        int n = x.n();
        int m = y.n();
        double[] c = new double[n * m];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < m; j++) {
                c[i * m + j] = x.sqDist(i, y, j);
            }
        });
        return c;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** One solve: the flow network's state. */
    private static final class Run {
        final int n;
        final int m;
        final double[] c;
        final long[] supplyLeft;
        final long[] demandLeft;
        final double[] ps;
        final double[] pt;
        final FlowLists flows;
        final TaskMonitor monitor;
        final long total;
        // Dijkstra work arrays, reused
        final double[] dt;
        final double[] ds;
        final int[] predT;
        final int[] predS;
        final int[] todo;
        final boolean[] reachedS;
        final int[] scannedS;
        final int[] settledT;

        Run(int n, int m, double[] c, long supply, long demand, TaskMonitor monitor) {
            this.n = n;
            this.m = m;
            this.c = c;
            this.monitor = monitor;
            supplyLeft = new long[n];
            demandLeft = new long[m];
            Arrays.fill(supplyLeft, supply);
            Arrays.fill(demandLeft, demand);
            total = supply * n;
            ps = new double[n];
            pt = new double[m];
            flows = new FlowLists(n, m);
            dt = new double[m];
            ds = new double[n];
            predT = new int[m];
            predS = new int[n];
            todo = new int[m];
            reachedS = new boolean[n];
            scannedS = new int[n];
            settledT = new int[m];
            initPotentials();
        }

        /** Column then row reduction: every reduced cost c_ij + ps_i - pt_j is >= 0. */
        private void initPotentials() {
            Arrays.fill(pt, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                int off = i * m;
                for (int j = 0; j < m; j++) {
                    if (c[off + j] < pt[j]) {
                        pt[j] = c[off + j];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                int off = i * m;
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    min = Math.min(min, c[off + j] - pt[j]);
                }
                ps[i] = -min;
            }
        }

        TransportPlan solve() {
            long done = 0;
            int augmentations = 0;
            for (int i0 = 0; i0 < n; i0++) {
                while (supplyLeft[i0] > 0) {
                    done += augmentFrom(i0);
                    if ((++augmentations & 63) == 0) {
                        monitor.checkCancelled();
                        monitor.progress((double) done / total, "Exact transport");
                    }
                }
            }
            flows.cancelCycles();
            return flows.toPlan(total);
        }

        /** One shortest augmenting path from source i0; returns the units moved. */
        private long augmentFrom(int i0) {
            Arrays.fill(dt, Double.POSITIVE_INFINITY);
            int todoSize = m;
            for (int j = 0; j < m; j++) {
                todo[j] = j;
            }
            int nScanned = 0;
            int nSettled = 0;
            ds[i0] = 0;
            reachedS[i0] = true;
            predS[i0] = -1;
            scannedS[nScanned++] = i0;
            scan(i0, 0, todoSize);
            int target;
            double dTarget;
            while (true) {
                // settle the closest unsettled target
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int k = 0; k < todoSize; k++) {
                    double d = dt[todo[k]];
                    if (d < bestD) {
                        bestD = d;
                        best = k;
                    }
                }
                int j = todo[best];
                todo[best] = todo[--todoSize];
                if (demandLeft[j] > 0) {
                    target = j;
                    dTarget = bestD;
                    break;
                }
                settledT[nSettled++] = j;
                // follow reverse arcs: sources sending flow to j are reachable at the same distance (tight arcs)
                FlowLists.IntList senders = flows.rowsOf(j);
                for (int s = 0; s < senders.size; s++) {
                    int i = senders.data[s];
                    if (!reachedS[i]) {
                        reachedS[i] = true;
                        predS[i] = j;
                        double rc = -(c[i * m + j] + ps[i] - pt[j]);
                        ds[i] = bestD + Math.max(0, rc);
                        scannedS[nScanned++] = i;
                        scan(i, ds[i], todoSize);
                    }
                }
            }
            // potentials: settled nodes move by (distance - dTarget) <= 0
            for (int k = 0; k < nScanned; k++) {
                int i = scannedS[k];
                ps[i] += ds[i] - dTarget;
                reachedS[i] = false;
            }
            for (int k = 0; k < nSettled; k++) {
                int j = settledT[k];
                pt[j] += dt[j] - dTarget;
            }
            // bottleneck along the path
            long delta = Math.min(supplyLeft[i0], demandLeft[target]);
            int j = target;
            int i = predT[j];
            while (i != i0) {
                int back = predS[i];
                delta = Math.min(delta, flows.get(i, back));
                j = back;
                i = predT[j];
            }
            // augment
            j = target;
            i = predT[j];
            while (true) {
                flows.add(i, j, delta);
                if (i == i0) {
                    break;
                }
                int back = predS[i];
                flows.add(i, back, -delta);
                j = back;
                i = predT[j];
            }
            supplyLeft[i0] -= delta;
            demandLeft[target] -= delta;
            return delta;
        }

        /** Relaxes every unsettled target from source i at distance d. */
        private void scan(int i, double d, int todoSize) {
            double base = d + ps[i];
            int off = i * m;
            for (int k = 0; k < todoSize; k++) {
                int j = todo[k];
                double nd = base + c[off + j] - pt[j];
                if (nd < dt[j]) {
                    dt[j] = nd;
                    predT[j] = i;
                }
            }
        }
    }
}
