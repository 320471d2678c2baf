package org.shiftscope.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Entropic optimal transport OT_eps(a, b) = min_P &lt;C, P&gt; + eps KL(P | a x b) between empirical measures with
 * squared Euclidean cost, by log-domain Sinkhorn iterations on the dual potentials f, g:
 * f_i = -eps log sum_j b_j exp((g_j - C_ij) / eps), and symmetrically for g. At convergence
 * OT_eps = &lt;a, f&gt; + &lt;b, g&gt;.
 *
 * <p>Memory stays at O(n + m + support), never an n x m matrix, by these devices:
 * <ul>
 *   <li><b>epsilon-scaling</b>: epsilon halves stage by stage, each stage warm-started from the previous potentials;</li>
 *   <li><b>kernel truncation</b>: a stage keeps only pairs whose reduced cost C_ij - f_i - g_j is at most
 *       {@value #THETA} eps. With exact potentials the dropped pairs carry at most exp(-{@value #THETA}) of any row's
 *       or column's mass. Pairs are found by a parallel pass over all pairs (single precision with a rounding
 *       margin, kept pairs re-costed in double), costs computed on the fly;</li>
 *   <li><b>multiscale warm start</b>: a large problem is first solved on a coarse quantisation of both clouds (points
 *       grouped around random centres, weights = group sizes), recursively, down to the quantisation scale; its
 *       potentials are extended to the points by the c-transform. On each level one pass picks candidate pairs
 *       (the {@value #ROW_CAP} cheapest in reduced cost per row and per column) and the warm-up stages run on
 *       them;</li>
 *   <li><b>a checked last stage</b>: it converges on the candidates, then on all pairs within THETA eps plus a
 *       margin, and is repeated until the potentials moved by less than the margin, which proves that no dropped pair
 *       came within THETA eps: the result is exact up to the truncation bound and the tolerance.</li>
 * </ul>
 * Two-sided iterations are over-relaxed (factor {@value #OMEGA}); a symmetric problem OT_eps(a, a) iterates one
 * potential with averaged updates.
 *
 * <p>References: M. Cuturi, "Sinkhorn distances", NeurIPS 2013; B. Schmitzer, "Stabilized sparse scaling algorithms
 * for entropy regularized transport problems", SIAM J. Sci. Comput. 41 (2019); J. Feydy et al., "Interpolating
 * between optimal transport and MMD using Sinkhorn divergences", AISTATS 2019 (the multiscale scheme of GeomLoss).
 */
public final class SinkhornSolver {

    /**
     * @param epsilon   target regularisation, in squared data units
     * @param tolerance stop when no potential moves by more than this (squared data units)
     * @param maxIterations iterations per stage
     * @param annealing factor by which epsilon shrinks per stage, in (0, 1)
     */
    public record Options(double epsilon, double tolerance, int maxIterations, double annealing) {
        public Options {
            if (!(epsilon > 0)) {
                throw DataException.of("--epsilon must be positive, not " + epsilon);
            }
            if (!(tolerance > 0) || maxIterations < 1 || !(annealing > 0 && annealing < 1)) {
                throw new IllegalArgumentException("bad Sinkhorn options");
            }
        }

        public static Options of(double epsilon) {
            return new Options(epsilon, 1e-2 * epsilon, 2000, 0.5);
        }
    }

    /**
     * Potentials and value of one entropic problem.
     *
     * @param support pairs kept in the last stage's truncated kernel
     */
    public record Result(double value, double[] f, double[] g, int iterations, double epsilon, double lastChange,
                         boolean converged, long support) {
    }

    /** Truncation threshold, in units of epsilon, on the reduced cost. */
    static final double THETA = 12;
    /** Margin, in units of epsilon, on the last stage's support (see finish). */
    private static final double MARGIN = 2;
    /** Pairs per row (and per column) that an early, warm-up stage may keep. */
    static final int ROW_CAP = 48;
    /** Problems with at most this many pairs are solved directly, without a coarse level. */
    private static final long DIRECT_PAIRS = 1L << 18;
    /** Columns per block of the all-pairs pass. */
    private static final int BLOCK = 512;
    /** Points per group in the coarse quantisation. */
    private static final int GROUP = 8;

    private SinkhornSolver() {
    }

    public static Result solve(Points x, Points y, Options o, TaskMonitor monitor) {
        return solvePlan(x, y, o, monitor).result();
    }

    /** OT_eps(a, a). */
    public static Result solveSymmetric(Points x, Options o, TaskMonitor monitor) {
        return solve(x, x, o, monitor);
    }

    /** A solved problem with its truncated kernel, from which the plan's entries can be read. */
    record Solved(Result result, Kernel kernel) {
    }

    static Solved solvePlan(Points x, Points y, Options o, TaskMonitor monitor) {
        Cloud cx = Cloud.uniform(x);
        Cloud cy = Cloud.uniform(y);
        Counter counter = new Counter();
        return multiscale(cx, x == y ? cx : cy, o, o.epsilon(), monitor, counter, true);
    }

    /** Barycentric projection of x under the entropic plan: Z_i = sum_j P_ij y_j / sum_j P_ij. */
    static Points barycentricProjection(Points x, Points y, Solved s) {
        int d = x.d();
        double[] z = new double[x.n() * d];
        Kernel k = s.kernel();
        double[] f = s.result().f();
        double[] g = s.result().g();
        double eps = s.result().epsilon();
        IntStream.range(0, x.n()).parallel().forEach(i -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int p = k.rowStart[i]; p < k.rowStart[i + 1]; p++) {
                max = Math.max(max, g[k.col[p]] - k.cost[p]);
            }
            double total = 0;
            for (int p = k.rowStart[i]; p < k.rowStart[i + 1]; p++) {
                int j = k.col[p];
                double w = Math.exp((g[j] - k.cost[p] - max) / eps);
                total += w;
                for (int c = 0; c < d; c++) {
                    z[i * d + c] += w * y.values()[j * d + c];
                }
            }
            for (int c = 0; c < d; c++) {
                z[i * d + c] /= total;
            }
        });
        return new Points(x.n(), d, z);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Weighted points with their squared norms. */
    record Cloud(Points points, double[] weights, double[] logWeights, double[] norms) {
        static Cloud uniform(Points p) {
            double[] w = new double[p.n()];
            Arrays.fill(w, 1.0 / p.n());
            return of(p, w);
        }

        static Cloud of(Points p, double[] w) {
            double[] lw = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                lw[i] = Math.log(w[i]);
            }
            return new Cloud(p, w, lw, squaredNorms(p));
        }

        int n() {
            return points.n();
        }

        /** Coordinates by dimension, in single precision: [k][i] is coordinate k of point i. */
        float[][] transposed() {
            int d = points.d();
            float[][] t = new float[d][n()];
            for (int i = 0; i < n(); i++) {
                for (int k = 0; k < d; k++) {
                    t[k][i] = (float) points.values()[i * d + k];
                }
            }
            return t;
        }
    }

    private static final class Counter {
        int iterations;
    }

    private static Solved multiscale(Cloud x, Cloud y, Options o, double target, TaskMonitor monitor, Counter counter,
                                     boolean finest) {
        int n = x.n();
        int m = y.n();
        double[] f;
        double[] g;
        double eps;
        if ((long) n * m <= DIRECT_PAIRS || n < 4 * GROUP || m < 4 * GROUP) {
            f = new double[n];
            g = new double[m];
            eps = Math.max(target, squaredDiameter(x.points(), y.points()));
        } else {
            Quantised qx = Quantised.of(x, 1);
            Quantised qy = x == y ? qx : Quantised.of(y, 2);
            double scale = Math.max(target, Math.max(qx.error(), qy.error()));
            Solved coarse = multiscale(qx.cloud(), qy.cloud(), o, scale, monitor, counter, false);
            eps = coarse.result().epsilon();
            f = cTransform(x, qy.cloud(), coarse.result().g(), eps);
            g = x == y ? f : cTransform(y, qx.cloud(), coarse.result().f(), eps);
            if (!(eps > target)) {
                eps = target;
            }
        }
        // candidate pairs, chosen once per level: the cheapest in reduced cost for every row and every column
        Kernel candidates = (long) n * m <= DIRECT_PAIRS ? null : Kernel.scan(x, y, f, g, Double.POSITIVE_INFINITY,
                ROW_CAP);
        while (true) {
            monitor.checkCancelled();
            boolean last = eps <= target;
            double limit = THETA * eps;
            double tol = last ? (finest ? o.tolerance() : 0.05 * eps) : 0.1 * eps;
            if (last && finest) {
                return finish(x, y, candidates, f, g, eps, tol, o, monitor, counter);
            }
            Kernel k = candidates == null ? Kernel.scan(x, y, f, g, limit, Integer.MAX_VALUE)
                    : candidates.filter(f, g, limit);
            Stage st = iterate(x, y, k, f, g, eps, tol, o.maxIterations(), monitor, counter, finest);
            f = st.f;
            g = st.g;
            if (last) {
                return new Solved(result(x, y, st, eps, tol, counter, k), k);
            }
            eps = Math.max(target, eps * o.annealing());
        }
    }

    /**
     * The last stage of the finest level. It converges on the level's candidate pairs, then takes its support from
     * all pairs: those within THETA eps plus a margin of the potentials it starts from, and converges again. If, after convergence, the potentials moved by less than the margin, no pair
     * outside the support can have come within THETA eps, so the truncation bound holds; otherwise the support is
     * taken again from the new potentials.
     */
    private static Solved finish(Cloud x, Cloud y, Kernel candidates, double[] f0, double[] g0, double eps,
                                 double tol, Options o, TaskMonitor monitor, Counter counter) {
        double[] f = f0;
        double[] g = g0;
        double margin = MARGIN * eps;
        if (candidates != null) {
            // converge on the candidates first (cheap), so that the all-pairs pass below sees nearly final potentials
            Stage st = iterate(x, y, candidates.filter(f, g, THETA * eps + margin), f, g, eps, tol, o.maxIterations(),
                    monitor, counter, true);
            f = st.f;
            g = st.g;
        }
        for (int round = 0; ; round++) {
            Kernel k = Kernel.scan(x, y, f, g, THETA * eps + margin, Integer.MAX_VALUE);
            Stage st = iterate(x, y, k, f, g, eps, tol, o.maxIterations(), monitor, counter, true);
            // a reduced cost fell by at most max(f' - f) + max(g' - g): shifting f up and g down changes nothing
            double moved = maxIncrease(f, st.f) + maxIncrease(g, st.g);
            f = st.f;
            g = st.g;
            if (moved <= margin || round == 3) {
                return new Solved(result(x, y, st, eps, tol, counter, k), k);
            }
        }
    }

    private static Result result(Cloud x, Cloud y, Stage st, double eps, double tol, Counter counter, Kernel k) {
        double value = dot(x.weights(), st.f) + dot(y.weights(), st.g);
        return new Result(value, st.f, st.g, counter.iterations, eps, st.change, st.change < tol, k.size());
    }

    private record Stage(double[] f, double[] g, double change) {
    }

    private static Stage iterate(Cloud x, Cloud y, Kernel k, double[] f0, double[] g0, double eps, double tol,
                                 int maxIterations, TaskMonitor monitor, Counter counter, boolean report) {
        double[] f = f0.clone();
        double[] g = g0.clone();
        double change = Double.POSITIVE_INFINITY;
        for (int it = 0; it < maxIterations && change >= tol; it++) {
            if ((it & 15) == 0) {
                monitor.checkCancelled();
            }
            double[] fn;
            double[] gn;
            if (x == y) {
                // OT_eps(a, a): the averaged update of a single potential converges fast (Feydy et al. 2019)
                fn = relax(f, k.rowSoftmin(f, y.logWeights(), eps, f), 0.5);
                gn = fn;
            } else {
                double w = it < 3 ? 1 : OMEGA;
                fn = relax(f, k.rowSoftmin(g, y.logWeights(), eps, f), w);
                gn = relax(g, k.colSoftmin(fn, x.logWeights(), eps, g), w);
            }
            change = Math.max(maxAbsDiff(fn, f), maxAbsDiff(gn, g));
            f = fn;
            g = gn;
            counter.iterations++;
            if (report && (it & 15) == 0) {
                monitor.progress(-1, String.format(Locale.ROOT, "Sinkhorn eps=%.3g: potentials moved %.2e", eps,
                        change));
            }
        }
        return new Stage(f, g, change);
    }

    /** Over-relaxation factor of the two-sided iterations (Thibault et al., "Overrelaxed Sinkhorn-Knopp", 2021). */
    static final double OMEGA = 1.5;

    /** Over-relaxation: old + w (new - old), written into new. */
    private static double[] relax(double[] old, double[] next, double w) {
        if (w != 1) {
            for (int i = 0; i < next.length; i++) {
                next[i] = old[i] + w * (next[i] - old[i]);
            }
        }
        return next;
    }

    /** f_i = -eps log sum_J w_J exp((h_J - |x_i - c_J|^2) / eps): extends potentials of a coarse cloud to points. */
    private static double[] cTransform(Cloud x, Cloud centres, double[] h, double eps) {
        Points p = x.points();
        Points c = centres.points();
        int d = p.d();
        double[] out = new double[x.n()];
        IntStream.range(0, x.n()).parallel().forEach(i -> {
            double max = Double.NEGATIVE_INFINITY;
            double[] s = new double[c.n()];
            for (int j = 0; j < c.n(); j++) {
                double dot = 0;
                for (int t = 0; t < d; t++) {
                    dot += p.values()[i * d + t] * c.values()[j * d + t];
                }
                double cost = Math.max(0, x.norms()[i] + centres.norms()[j] - 2 * dot);
                s[j] = (h[j] - cost) / eps + centres.logWeights()[j];
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (double v : s) {
                if (v > max - 40) {
                    // smaller terms cannot change the double sum
                    sum += Math.exp(v - max);
                }
            }
            out[i] = -eps * (max + Math.log(sum));
        });
        return out;
    }

    /** A coarse cloud: points grouped around random centres (nearest centre), each group replaced by its mean. */
    private record Quantised(Cloud cloud, double error) {
        static Quantised of(Cloud c, long seed) {
            Points p = c.points();
            int n = p.n();
            int d = p.d();
            int k = Math.max(1, n / GROUP);
            int[] pick = new SplittableRandom(seed).ints(0, n).distinct().limit(k).toArray();
            double[] centres = new double[k * d];
            double[] cn = new double[k];
            for (int j = 0; j < k; j++) {
                System.arraycopy(p.values(), pick[j] * d, centres, j * d, d);
                cn[j] = c.norms()[pick[j]];
            }
            int[] owner = new int[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dot = 0;
                    for (int t = 0; t < d; t++) {
                        dot += p.values()[i * d + t] * centres[j * d + t];
                    }
                    double dist = cn[j] - 2 * dot;
                    if (dist < best) {
                        best = dist;
                        owner[i] = j;
                    }
                }
            });
            double[] mean = new double[k * d];
            double[] w = new double[k];
            for (int i = 0; i < n; i++) {
                int j = owner[i];
                w[j] += c.weights()[i];
                for (int t = 0; t < d; t++) {
                    mean[j * d + t] += c.weights()[i] * p.values()[i * d + t];
                }
            }
            // duplicated points leave some centres without a group: drop them
            int[] newIndex = new int[k];
            int kept = 0;
            for (int j = 0; j < k; j++) {
                newIndex[j] = kept;
                if (w[j] > 0) {
                    for (int t = 0; t < d; t++) {
                        mean[kept * d + t] = mean[j * d + t] / w[j];
                    }
                    w[kept++] = w[j];
                }
            }
            for (int i = 0; i < n; i++) {
                owner[i] = newIndex[owner[i]];
            }
            Points coarse = new Points(kept, d, Arrays.copyOf(mean, kept * d));
            w = Arrays.copyOf(w, kept);
            double error = 0;
            for (int i = 0; i < n; i++) {
                error += c.weights()[i] * p.sqDist(i, coarse, owner[i]);
            }
            return new Quantised(Cloud.of(coarse, w), error);
        }
    }

    /** The truncated kernel: the kept pairs with their costs, by rows (CSR) and by columns. */
    static final class Kernel {
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
         * kept), so that the capped support still carries both marginals. Every column keeps at least its cheapest
         * pair.
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

        /**
         * The pairs of this kernel with C_ij - f_i - g_j <= limit; a row or column left empty keeps its cheapest pair.
         */
        Kernel filter(double[] f, double[] g, double limit) {
            boolean[] keep = new boolean[col.length];
            double[] colMin = new double[m];
            int[] colArg = new int[m];
            Arrays.fill(colMin, Double.POSITIVE_INFINITY);
            boolean[] colHit = new boolean[m];
            for (int i = 0; i < n; i++) {
                int best = -1;
                double bestR = Double.POSITIVE_INFINITY;
                boolean any = false;
                for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                    int j = col[p];
                    double r = cost[p] - f[i] - g[j];
                    if (r <= limit) {
                        keep[p] = true;
                        any = true;
                        colHit[j] = true;
                    }
                    if (r < bestR) {
                        bestR = r;
                        best = p;
                    }
                    if (r < colMin[j]) {
                        colMin[j] = r;
                        colArg[j] = p;
                    }
                }
                if (!any && best >= 0) {
                    keep[best] = true;
                    colHit[col[best]] = true;
                }
            }
            for (int j = 0; j < m; j++) {
                if (!colHit[j] && colMin[j] < Double.POSITIVE_INFINITY) {
                    keep[colArg[j]] = true;
                }
            }
            int[] start = new int[n + 1];
            for (int i = 0; i < n; i++) {
                int c = 0;
                for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                    if (keep[p]) {
                        c++;
                    }
                }
                start[i + 1] = start[i] + c;
            }
            int[] kc = new int[start[n]];
            double[] kv = new double[start[n]];
            int q = 0;
            for (int p = 0; p < col.length; p++) {
                if (keep[p]) {
                    kc[q] = col[p];
                    kv[q++] = cost[p];
                }
            }
            return new Kernel(n, m, start, kc, kv);
        }

        /** Whether every pair of this kernel is also in {@code other} (rows sorted by column in both, or not). */
        boolean within(Kernel other) {
            java.util.BitSet seen = new java.util.BitSet(m);
            for (int i = 0; i < n; i++) {
                seen.clear();
                for (int p = other.rowStart[i]; p < other.rowStart[i + 1]; p++) {
                    seen.set(other.col[p]);
                }
                for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                    if (!seen.get(col[p])) {
                        return false;
                    }
                }
            }
            return true;
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
    }

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
            int buffer = (int) Math.min(m, cap == Integer.MAX_VALUE ? m : 4L * cap);
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
                                if (count == buffer) {
                                    // ties with the kept ones are not needed: without this, duplicated points would compact on every pair
                                    cut = Math.min(cut, Math.nextDown(keepCheapest(red, idx, scratch, count, cap)));
                                    count = cap;
                                    if (r > cut) {
                                        continue;
                                    }
                                }
                                red[count] = r;
                                idx[count++] = j;
                            }
                        }
                    }
                    if (count > cap) {
                        keepCheapest(red, idx, scratch, count, cap);
                        count = cap;
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

    static double[] squaredNorms(Points p) {
        double[] out = new double[p.n()];
        for (int i = 0; i < p.n(); i++) {
            double s = 0;
            for (int k = 0; k < p.d(); k++) {
                double v = p.get(i, k);
                s += v * v;
            }
            out[i] = s;
        }
        return out;
    }

    /** Squared diameter of the bounding box of both sets: an upper bound on every cost. */
    static double squaredDiameter(Points x, Points y) {
        double s = 0;
        for (int k = 0; k < x.d(); k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Points p : new Points[] {x, y}) {
                for (int i = 0; i < p.n(); i++) {
                    lo = Math.min(lo, p.get(i, k));
                    hi = Math.max(hi, p.get(i, k));
                }
            }
            s += (hi - lo) * (hi - lo);
        }
        return s;
    }

    private static double maxIncrease(double[] before, double[] after) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < before.length; i++) {
            mx = Math.max(mx, after[i] - before[i]);
        }
        return mx;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double mx = 0;
        for (int i = 0; i < a.length; i++) {
            mx = Math.max(mx, Math.abs(a[i] - b[i]));
        }
        return mx;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
