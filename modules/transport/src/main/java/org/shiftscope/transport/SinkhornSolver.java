package org.shiftscope.transport;

import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Entropic optimal transport OT_eps(a, b) = min_P <C, P> + eps KL(P | a x b) between uniform empirical measures with
 * squared Euclidean cost, by log-domain (stabilised) Sinkhorn iterations on the dual potentials f, g:
 * f_i = -eps log sum_j b_j exp((g_j - C_ij) / eps), and symmetrically for g. Epsilon is annealed geometrically from
 * the squared diameter of the data down to the target (one averaged update per step), then iterated at the target
 * until the potentials move by less than the tolerance. Costs are computed on the fly, row by row, in parallel:
 * memory is O(n + m), never an n x m matrix. At convergence OT_eps = <a, f> + <b, g>.
 *
 * <p>References: M. Cuturi, "Sinkhorn distances", NeurIPS 2013; B. Schmitzer, "Stabilized sparse scaling algorithms
 * for entropy regularized transport problems", SIAM J. Sci. Comput. 41 (2019); J. Feydy et al., "Interpolating
 * between optimal transport and MMD using Sinkhorn divergences", AISTATS 2019.
 */
public final class SinkhornSolver {

    /**
     * @param epsilon   target regularisation, in squared data units
     * @param tolerance stop when no potential moves by more than this (squared data units)
     * @param maxIterations iterations at the target epsilon
     * @param annealing factor by which epsilon shrinks per annealing step, in (0, 1)
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
            return new Options(epsilon, 1e-3 * epsilon, 1000, 0.5);
        }
    }

    /** Potentials and value of one entropic problem. */
    public record Result(double value, double[] f, double[] g, int iterations, double epsilon, double lastChange,
                         boolean converged) {
    }

    private static final int WARM_STEPS = 3;

    private SinkhornSolver() {
    }

    public static Result solve(Points x, Points y, Options o, TaskMonitor monitor) {
        return run(x, y, o, false, monitor);
    }

    /** OT_eps(a, a): the symmetric problem converges from averaged updates of a single potential. */
    public static Result solveSymmetric(Points x, Options o, TaskMonitor monitor) {
        return run(x, x, o, true, monitor);
    }

    private static Result run(Points x, Points y, Options o, boolean symmetric, TaskMonitor monitor) {
        int n = x.n();
        int m = y.n();
        double[] nx = squaredNorms(x);
        double[] ny = squaredNorms(y);
        double[] f = new double[n];
        double[] g = new double[m];
        double eps = Math.max(o.epsilon(), squaredDiameter(x, y));
        int iterations = 0;
        // annealing: an averaged update per epsilon (as in GeomLoss), then a few plain ones to warm the potentials
        while (eps > o.epsilon()) {
            monitor.checkCancelled();
            double[] ft = softmin(x, nx, y, ny, g, eps);
            double[] gt = symmetric ? ft : softmin(y, ny, x, nx, f, eps);
            average(f, ft);
            if (!symmetric) {
                average(g, gt);
            } else {
                System.arraycopy(f, 0, g, 0, n);
            }
            for (int w = 0; w < WARM_STEPS && !symmetric; w++) {
                f = softmin(x, nx, y, ny, g, eps);
                g = softmin(y, ny, x, nx, f, eps);
            }
            iterations++;
            monitor.progress(-1, String.format(java.util.Locale.ROOT, "Sinkhorn: annealing eps=%.3g", eps));
            eps = Math.max(o.epsilon(), eps * o.annealing());
        }
        double change = Double.POSITIVE_INFINITY;
        boolean converged = false;
        for (int it = 0; it < o.maxIterations(); it++) {
            monitor.checkCancelled();
            double[] ft = softmin(x, nx, y, ny, g, eps);
            if (symmetric) {
                average(ft, f);
                change = maxAbsDiff(ft, f);
                f = ft;
                g = f;
            } else {
                double[] gt = softmin(y, ny, x, nx, ft, eps);
                change = Math.max(maxAbsDiff(ft, f), maxAbsDiff(gt, g));
                f = ft;
                g = gt;
            }
            iterations++;
            if ((it & 3) == 0) {
                monitor.progress(-1, String.format(java.util.Locale.ROOT,
                        "Sinkhorn eps=%.3g: potentials moved %.2e", eps, change));
            }
            if (change < o.tolerance()) {
                converged = true;
                break;
            }
        }
        if (symmetric) {
            // final exact half-step so that f is the softmin of itself up to the tolerance
            f = softmin(x, nx, x, nx, f, eps);
            g = f;
        }
        double value = mean(f) + mean(g);
        return new Result(value, f, g, iterations, eps, change, converged);
    }

    /**
     * out_i = -eps log sum_j (1/m) exp((h_j - C_ij) / eps), C_ij = |p_i - q_j|^2. Rows in parallel; each row
     * computes its costs on the fly into a row buffer (the block), then a stable log-sum-exp.
     */
    static double[] softmin(Points p, double[] np, Points q, double[] nq, double[] h, double eps) {
        int n = p.n();
        int m = q.n();
        int d = p.d();
        double[] out = new double[n];
        double logM = Math.log(m);
        double inv = 1 / eps;
        double[] pv = p.values();
        double[] qv = q.values();
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] s = ROW.get();
            if (s.length < m) {
                s = new double[m];
                ROW.set(s);
            }
            int a = i * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                int b = j * d;
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += pv[a + k] * qv[b + k];
                }
                double c = np[i] + nq[j] - 2 * dot;
                double v = (h[j] - Math.max(c, 0)) * inv;
                s[j] = v;
                if (v > max) {
                    max = v;
                }
            }
            double sum = 0;
            double floor = max - CUTOFF;
            for (int j = 0; j < m; j++) {
                if (s[j] > floor) {
                    sum += Math.exp(s[j] - max);
                }
            }
            out[i] = -eps * (max + Math.log(sum) - logM);
        });
        return out;
    }

    /** Terms below exp(-40) relative to the row's largest cannot change a double sum of at most m <= 1e12 terms. */
    private static final double CUTOFF = 40;

    private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[0]);

    /** Barycentric projection of x under the entropic plan with potentials f, g. */
    static Points barycentricProjection(Points x, Points y, Result r) {
        int n = x.n();
        int m = y.n();
        int d = x.d();
        double[] nx = squaredNorms(x);
        double[] ny = squaredNorms(y);
        double[] z = new double[n * d];
        double eps = r.epsilon();
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] s = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x.values()[i * d + k] * y.values()[j * d + k];
                }
                double c = Math.max(0, nx[i] + ny[j] - 2 * dot);
                s[j] = (r.f()[i] + r.g()[j] - c) / eps;
                max = Math.max(max, s[j]);
            }
            double total = 0;
            for (int j = 0; j < m; j++) {
                double w = Math.exp(s[j] - max);
                total += w;
                for (int k = 0; k < d; k++) {
                    z[i * d + k] += w * y.values()[j * d + k];
                }
            }
            for (int k = 0; k < d; k++) {
                z[i * d + k] /= total;
            }
        });
        return new Points(n, d, z);
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

    private static void average(double[] into, double[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] = 0.5 * (into[i] + other[i]);
        }
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double mx = 0;
        for (int i = 0; i < a.length; i++) {
            mx = Math.max(mx, Math.abs(a[i] - b[i]));
        }
        return mx;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t;
        }
        return s / v.length;
    }
}
