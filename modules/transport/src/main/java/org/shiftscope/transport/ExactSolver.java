package org.shiftscope.transport;

import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Exact optimal transport between two empirical distributions with uniform weights (n may differ from m) and
 * squared Euclidean cost, as an integer transportation problem: every reference point supplies m/g units, every
 * target point demands n/g (g = gcd(n, m)), solved by the transportation simplex ({@link NetworkSimplex}). For
 * n = m the problem is a linear assignment, solved by {@link AssignmentSolver} (Jonker-Volgenant). The result is an
 * optimal vertex of the transport polytope, so W2^2 is exact up to floating-point summation.
 *
 * <p>References: R. Jonker and A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear
 * assignment problems", Computing 38 (1987); D. F. Crouse, "On implementing 2D rectangular assignment
 * algorithms", IEEE TAES 52 (2016); R. K. Ahuja, T. L. Magnanti, J. B. Orlin, "Network Flows" (1993), ch. 11.
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

    /**
     * Whether an automatic solver choice should solve this problem exactly: as {@link #quick(int, int)}, but unequal
     * sides count their distinct points (repeats are merged before solving), up to {@link #MAX_DISTINCT_AUTO} pairs.
     */
    public static boolean quick(Points x, Points y) {
        boolean plain = quick(x.n(), y.n());
        if (plain || x.n() == y.n()) {
            return plain;
        }
        long nx = Distinct.count(x);
        long ny = Distinct.count(y);
        return nx * ny <= MAX_DISTINCT_AUTO && fits((int) nx, (int) ny);
    }

    /**
     * Largest product of distinct points on unequal sides that an automatic choice solves exactly: tabular data with
     * many repeats (UCI Adult's men vs women on five columns, 8,373 x 4,630 distinct: 38.8 million pairs) is solved
     * exactly within a minute (docs/benchmarks.md).
     */
    public static final long MAX_DISTINCT_AUTO = 40_000_000L;

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
        if (n != m) {
            return unequal(x, y, monitor);
        }
        return assign(x, y, null, monitor).plan();
    }

    /**
     * Exact transport between weighted points: point i of x supplies {@code supply[i]} units and point j of y demands
     * {@code demand[j]} (equal totals, each at least 0); the plan's masses are the flows over the total, so a row
     * sums to its supply's share (not 1/n). Points with no weight take no part. For a few clusters' centroids
     * weighted by their row counts, where counts are exact and the problem is small.
     */
    public static TransportPlan weighted(Points x, long[] supply, Points y, long[] demand, TaskMonitor monitor) {
        if (supply.length != x.n() || demand.length != y.n()) {
            throw new IllegalArgumentException("one weight per point");
        }
        long total = 0;
        long totalDemand = 0;
        for (long s : supply) {
            total = Math.addExact(total, s);
        }
        for (long d : demand) {
            totalDemand = Math.addExact(totalDemand, d);
        }
        if (total != totalDemand || total <= 0) {
            throw new IllegalArgumentException("supplies and demands must be positive with equal totals, not "
                    + total + " and " + totalDemand);
        }
        int[] rowsKept = java.util.stream.IntStream.range(0, x.n()).filter(i -> supply[i] > 0).toArray();
        int[] colsKept = java.util.stream.IntStream.range(0, y.n()).filter(j -> demand[j] > 0).toArray();
        check(rowsKept.length, colsKept.length, "");
        Points xs = subset(x, rowsKept);
        Points ys = subset(y, colsKept);
        long[] s = java.util.Arrays.stream(rowsKept).mapToLong(i -> supply[i]).toArray();
        long[] d = java.util.Arrays.stream(colsKept).mapToLong(j -> demand[j]).toArray();
        NetworkSimplex.Flows f = NetworkSimplex.solve(xs, ys, costMatrix(xs, ys), s, d, monitor);
        int cells = (int) java.util.Arrays.stream(f.flow()).filter(v -> v > 0).count();
        int[] rows = new int[cells];
        int[] cols = new int[cells];
        double[] mass = new double[cells];
        int e = 0;
        for (int k = 0; k < f.flow().length; k++) {
            if (f.flow()[k] > 0) {
                rows[e] = rowsKept[f.rows()[k]];
                cols[e] = colsKept[f.cols()[k]];
                mass[e++] = (double) f.flow()[k] / total;
            }
        }
        return new TransportPlan(x.n(), y.n(), rows, cols, mass);
    }

    private static Points subset(Points p, int[] keep) {
        double[] v = new double[keep.length * p.d()];
        for (int i = 0; i < keep.length; i++) {
            System.arraycopy(p.values(), keep[i] * p.d(), v, i * p.d(), p.d());
        }
        return new Points(keep.length, p.d(), v);
    }

    /** An assignment's plan and the column prices that certify it. */
    record Assigned(TransportPlan plan, double[] prices) {
    }

    /** Sides of equal size: the linear assignment, started from {@code prices} when given (null: cold). */
    static Assigned assign(Points x, Points y, double[] prices, TaskMonitor monitor) {
        int n = x.n();
        if (n == 0 || y.n() != n) {
            throw new IllegalArgumentException("an assignment needs two non-empty sides of one size");
        }
        check(n, n, "");
        double[] cost = costMatrix(x, y);
        AssignmentSolver.Solution s = AssignmentSolver.solve(cost, n, prices, monitor);
        int[] rows = new int[n];
        double[] mass = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
            mass[i] = 1.0 / n;
        }
        return new Assigned(new TransportPlan(n, n, rows, s.rowToCol(), mass), s.prices());
    }

    /** Refuses a cost matrix of n x m (distinct) points that is too large or does not fit the heap. */
    private static void check(int n, int m, String distinct) {
        if ((long) n * m > MAX_ENTRIES) {
            throw DataException.setting("solver", String.format(java.util.Locale.ROOT, "exact transport handles at"
                    + " most %,d point pairs and %d x %d %spoints make %,d; use the Sinkhorn solver (or fewer rows)",
                    MAX_ENTRIES, n, m, distinct, (long) n * m));
        }
        if (!fits(n, m)) {
            throw DataException.setting("solver", String.format(java.util.Locale.ROOT, "exact transport of %d x %d"
                    + " %spoints needs a %.1f GB cost matrix, more than this run can hold (%.1f GB heap); give Java more"
                    + " memory (SHIFTSCOPE_JAVA_OPTS=-Xmx16g) or use the Sinkhorn solver", n, m, distinct,
                    8e-9 * n * m, Runtime.getRuntime().maxMemory() / 1e9));
        }
    }

    /**
     * Sides of unequal size: repeated points are merged first (a point repeated r times supplies r times as much;
     * the measures, hence W2^2 and the optimal plans, are the same), which shrinks tabular data a lot (UCI Adult's
     * men vs women on five integer columns: 21,790 x 10,771 rows, 8,373 x 4,630 distinct), then the transportation
     * simplex, then each merged cell's flow is dealt out to the merged points' members in order.
     */
    private static TransportPlan unequal(Points x, Points y, TaskMonitor monitor) {
        int n = x.n();
        int m = y.n();
        Distinct dx = Distinct.of(x);
        Distinct dy = Distinct.of(y);
        check(dx.points().n(), dy.points().n(), dx.points().n() < n || dy.points().n() < m ? "distinct " : "");
        long g = gcd(n, m);
        long perX = m / g;
        long perY = n / g;
        long[] supply = new long[dx.points().n()];
        long[] demand = new long[dy.points().n()];
        for (int i = 0; i < n; i++) {
            supply[dx.index()[i]] += perX;
        }
        for (int j = 0; j < m; j++) {
            demand[dy.index()[j]] += perY;
        }
        double[] cost = costMatrix(dx.points(), dy.points());
        NetworkSimplex.Flows f = NetworkSimplex.solve(dx.points(), dy.points(), cost, supply, demand, monitor);
        cost = null;
        return Distinct.expand(f, dx, dy, perX, perY, (double) perX * n);
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
}
