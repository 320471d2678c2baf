package org.shiftscope.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Entropic optimal transport OT_eps(a, b) = min_P &lt;C, P&gt; + eps KL(P | a x b) between empirical measures with
 * squared Euclidean cost, by log-domain Sinkhorn iterations on the dual potentials f, g
 * (one-pass stabilised log-sum-exp, {@link FastExp}):
 * f_i = -eps log sum_j b_j exp((g_j - C_ij) / eps), and symmetrically for g. At convergence
 * OT_eps = &lt;a, f&gt; + &lt;b, g&gt;.
 *
 * <p>Memory stays at O(n + m + support), never an n x m matrix, by these devices:
 * <ul>
 *   <li><b>merged repeats</b>: identical points become one point with their summed weight (exact for entropic
 *       OT);</li>
 *   <li><b>epsilon-scaling</b>: epsilon halves stage by stage, each stage warm-started from the previous
 *       potentials;</li>
 *   <li><b>kernel truncation</b>: a stage keeps only pairs whose reduced cost C_ij - f_i - g_j is at most
 *       {@value #THETA} eps. With exact potentials the dropped pairs carry at most exp(-{@value #THETA}) of any row's
 *       or column's mass. Pairs are found by a parallel pass over all pairs (single precision with a rounding
 *       margin, kept pairs re-costed in double), costs computed on the fly;</li>
 *   <li><b>multiscale warm start</b>: a large problem is first solved on a coarse quantisation of both clouds (points
 *       grouped around random centres, weights = group sizes), recursively, down to the quantisation scale; its
 *       potentials are extended to the points by the c-transform. On each level the candidate pairs are the
 *       {@value #ROW_CAP} cheapest in reduced cost per row and per column (more for heavy points), drawn from the
 *       points of the groups that the coarse level paired, so no level but the coarsest passes over all pairs; the
 *       warm-up stages run on them;</li>
 *   <li><b>a checked last stage</b>: it converges on the candidates, then on all pairs within THETA eps plus a
 *       margin; the rows and columns whose potentials then rose by more than the margin allows are checked against
 *       all pairs again, until none brings a new pair, which proves that no dropped pair came within THETA eps: the
 *       result is exact up to the truncation bound and the tolerance.</li>
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
                throw DataException.setting("epsilon", "Sinkhorn's epsilon must be positive, not " + epsilon);
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

    /**
     * A solved problem with its truncated kernel, from which the plan's entries can be read. The kernel and
     * {@code gy} refer to the merged clouds {@code x} and {@code y}; {@code result} to the caller's points.
     *
     * @param xIndex merged point of each of the caller's x points
     */
    record Solved(Result result, Kernel kernel, Cloud x, Cloud y, double[] gy, int[] xIndex) {
    }

    static Solved solvePlan(Points x, Points y, Options o, TaskMonitor monitor) {
        MergedCloud mx = MergedCloud.of(x);
        MergedCloud my = x == y ? mx : MergedCloud.of(y);
        Cloud cx = mx.cloud();
        Cloud cy = my.cloud();
        Level s = multiscale(cx, cy, o, o.epsilon(), monitor, new Counter(), true);
        Result r = s.result();
        double[] f = mx.expand(r.f());
        double[] g = x == y ? f : my.expand(r.g());
        Result expanded = new Result(r.value(), f, g, r.iterations(), r.epsilon(), r.lastChange(), r.converged(),
                r.support());
        return new Solved(expanded, s.kernel(), cx, cy, r.g(), mx.index());
    }

    /** One level's solution, on its own (merged or coarse) clouds. */
    private record Level(Result result, Kernel kernel) {
    }

    /**
     * Barycentric projection of x under the entropic plan: Z_i = sum_j P_ij y_j / sum_j P_ij, where
     * P_ij = a_i b_j exp((f_i + g_j - C_ij) / eps).
     */
    static Points barycentricProjection(Solved s) {
        Kernel k = s.kernel();
        Points y = s.y().points();
        double[] g = s.gy();
        double[] logb = s.y().logWeights();
        double eps = s.result().epsilon();
        int d = y.d();
        int rows = s.x().n();
        double[] merged = new double[rows * d];
        IntStream.range(0, rows).parallel().forEach(i -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int p = k.rowStart[i]; p < k.rowStart[i + 1]; p++) {
                max = Math.max(max, g[k.col[p]] - k.cost[p] + eps * logb[k.col[p]]);
            }
            double total = 0;
            for (int p = k.rowStart[i]; p < k.rowStart[i + 1]; p++) {
                int j = k.col[p];
                double w = Math.exp((g[j] - k.cost[p] + eps * logb[j] - max) / eps);
                total += w;
                for (int c = 0; c < d; c++) {
                    merged[i * d + c] += w * y.values()[j * d + c];
                }
            }
            for (int c = 0; c < d; c++) {
                merged[i * d + c] /= total;
            }
        });
        int[] index = s.xIndex();
        double[] z = new double[index.length * d];
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(merged, index[i] * d, z, i * d, d);
        }
        return new Points(index.length, d, z);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Weighted points with their squared norms. */
    record Cloud(Points points, double[] weights, double[] logWeights, double[] norms) {
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

    private static Level multiscale(Cloud x, Cloud y, Options o, double target, TaskMonitor monitor, Counter counter,
                                     boolean finest) {
        int n = x.n();
        int m = y.n();
        double[] f;
        double[] g;
        double eps;
        Level coarse = null;
        Quantised qx = null;
        Quantised qy = null;
        if ((long) n * m <= DIRECT_PAIRS || n < 4 * GROUP || m < 4 * GROUP) {
            f = new double[n];
            g = new double[m];
            eps = Math.max(target, squaredDiameter(x.points(), y.points()));
        } else {
            qx = Quantised.of(GROUP, x, 1);
            qy = x == y ? qx : Quantised.of(GROUP, y, 2);
            double scale = Math.max(target, Math.max(qx.error(), qy.error()));
            coarse = multiscale(qx.cloud(), qy.cloud(), o, scale, monitor, counter, false);
            eps = coarse.result().epsilon();
            f = cTransform(x, qy.cloud(), coarse.result().g(), eps);
            g = x == y ? f : cTransform(y, qx.cloud(), coarse.result().f(), eps);
            if (!(eps > target)) {
                eps = target;
            }
        }
        // candidate pairs, chosen once per level: all pairs of a small problem; for a large one the cheapest in
        // reduced cost for every row and every column, drawn from the points of the groups that the coarse level
        // paired (Kernel.expand), or from all pairs when there is no coarse level. They are not filtered by stage:
        // cutting pairs by potentials that have not converged yet can leave a support that cannot carry the
        // marginals, and then the potentials drift without ever converging.
        boolean complete = (long) n * m <= DIRECT_PAIRS;
        Kernel candidates = complete || coarse == null
                ? Kernel.scan(x, y, f, g, Double.POSITIVE_INFINITY, complete ? Integer.MAX_VALUE : ROW_CAP)
                : Kernel.expand(x, y, f, g, coarse.kernel(), coarse.result().f(), coarse.result().g(),
                        qx.owner(), qy.owner(), ROW_CAP);
        while (true) {
            monitor.checkCancelled();
            boolean last = eps <= target;
            double tol = last ? (finest ? o.tolerance() : 0.05 * eps) : 0.1 * eps;
            if (last && finest && !complete) {
                return finish(x, y, candidates, f, g, eps, tol, o, monitor, counter);
            }
            Stage st = iterate(x, y, candidates, f, g, eps, tol, o.maxIterations(), monitor, counter, finest);
            f = st.f;
            g = st.g;
            if (last) {
                return new Level(result(x, y, st, eps, tol, counter, candidates), candidates);
            }
            eps = Math.max(target, eps * o.annealing());
        }
    }

    /**
     * The last stage of the finest level. It converges on the level's candidate pairs, then takes its support S from
     * all pairs: those within THETA eps plus a margin of the potentials (f0, g0) it has then, and converges again, to
     * (f, g). A pair outside S had C - f0 - g0 > THETA eps + margin, so it is still beyond THETA eps under (f, g)
     * unless (f_i - f0_i) + (g_j - g0_j) exceeds the margin. Such pairs lie in the rows where f rose by more than
     * some tau and the columns where g rose by more than margin - tau (tau chosen to make these fewest): only those
     * rows and columns are checked against all pairs. If the check finds no new pair within the limit, the truncation
     * bound is proven; otherwise the pairs are added and the stage converges again. A full pass starts over when
     * the check would cost more than half of one.
     */
    private static Level finish(Cloud x, Cloud y, Kernel candidates, double[] f0, double[] g0, double eps,
                                double tol, Options o, TaskMonitor monitor, Counter counter) {
        double margin = MARGIN * eps;
        double limit = THETA * eps + margin;
        // converge on the candidates first (cheap), so that the all-pairs pass below sees nearly final potentials
        Stage st = iterate(x, y, candidates, f0, g0, eps, tol, o.maxIterations(), monitor, counter, true);
        for (int pass = 0; ; pass++) {
            double[] fRef = st.f;
            double[] gRef = st.g;
            Kernel k = Kernel.scan(x, y, fRef, gRef, limit, Integer.MAX_VALUE);
            while (true) {
                st = iterate(x, y, k, st.f, st.g, eps, tol, o.maxIterations(), monitor, counter, true);
                SupportCheck check = SupportCheck.of(fRef, st.f, gRef, st.g, margin);
                if (check.rows().length == 0 && check.columns().length == 0) {
                    return new Level(result(x, y, st, eps, tol, counter, k), k);
                }
                if (check.work() > (long) x.n() * y.n() / 2 && pass < 3) {
                    break;
                }
                monitor.checkCancelled();
                Kernel extended = k.extend(x, y, st.f, st.g, limit, check.rows(), check.columns());
                if (extended.size() == k.size()) {
                    return new Level(result(x, y, st, eps, tol, counter, k), k);
                }
                k = extended;
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
        int d = p.d();
        int k = centres.n();
        double inv = 1 / eps;
        // s_ij = (h_j - |c_j|^2) / eps + log w_J - (|x_i|^2 - 2 x_i.c_J) / eps, the dot products by sweeps over
        // the centres' coordinates (loops the JIT vectorises)
        double[][] ct = new double[d][k];
        double[] base = new double[k];
        for (int j = 0; j < k; j++) {
            for (int t = 0; t < d; t++) {
                ct[t][j] = centres.points().values()[j * d + t];
            }
            base[j] = (h[j] - centres.norms()[j]) * inv + centres.logWeights()[j];
        }
        double[] out = new double[x.n()];
        int chunk = 64;
        IntStream.range(0, (x.n() + chunk - 1) / chunk).parallel().forEach(b -> {
            double[] s = new double[k];
            for (int i = b * chunk; i < Math.min(x.n(), (b + 1) * chunk); i++) {
                Arrays.fill(s, 0);
                int t = 0;
                for (; t + 4 <= d; t += 4) {
                    double x0 = p.values()[i * d + t];
                    double x1 = p.values()[i * d + t + 1];
                    double x2 = p.values()[i * d + t + 2];
                    double x3 = p.values()[i * d + t + 3];
                    double[] r0 = ct[t];
                    double[] r1 = ct[t + 1];
                    double[] r2 = ct[t + 2];
                    double[] r3 = ct[t + 3];
                    for (int j = 0; j < k; j++) {
                        s[j] += x0 * r0[j] + x1 * r1[j] + x2 * r2[j] + x3 * r3[j];
                    }
                }
                for (; t < d; t++) {
                    double xt = p.values()[i * d + t];
                    double[] row = ct[t];
                    for (int j = 0; j < k; j++) {
                        s[j] += xt * row[j];
                    }
                }
                double xn = x.norms()[i] * inv;
                double inv2 = 2 * inv;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    s[j] = base[j] - xn + inv2 * s[j];
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    if (s[j] > max - 40) {
                        // smaller terms cannot change the double sum
                        sum += FastExp.exp(s[j] - max);
                    }
                }
                out[i] = -eps * (max + Math.log(sum));
            }
        });
        return out;
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
