package org.shiftscope.projection;

import java.util.stream.IntStream;
import org.shiftscope.core.TaskMonitor;

/**
 * Exact t-SNE (L. van der Maaten and G. Hinton, "Visualizing Data using t-SNE", JMLR 9, 2008) into two dimensions,
 * with the optimiser settings scikit-learn uses: early exaggeration 12 for 250 iterations at momentum 0.5, then
 * momentum 0.8; per-coordinate gains (+0.2 / x0.8, at least 0.01); learning rate max(n / 48, 50); PCA
 * initialisation scaled to a standard deviation of 1e-4. Each iteration costs O(n^2), so the map fits t-SNE on a
 * subsample of a few thousand points (see {@link Projector}).
 */
final class Tsne {

    static final int EXAGGERATION_ITERATIONS = 250;
    static final double EXAGGERATION = 12;

    private Tsne() {
    }

    /**
     * Joint probabilities p_ij = (p_j|i + p_i|j) / 2n, where p_j|i is a Gaussian on squared distances whose
     * precision is found by bisection so that the entropy of row i is log(perplexity) nats. Dense n x n.
     */
    static float[] jointProbabilities(double[] x, int n, int d, double perplexity) {
        if (n < 2 || perplexity <= 0 || perplexity >= n) {
            throw new IllegalArgumentException("t-SNE needs perplexity in (0, n), n = " + n + ", perplexity = "
                    + perplexity);
        }
        double target = Math.log(perplexity);
        float[] p = new float[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] dist = new double[n];
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = x[i * d + c] - x[j * d + c];
                    s += t * t;
                }
                dist[j] = s;
            }
            double[] row = calibratedRow(dist, i, target);
            for (int j = 0; j < n; j++) {
                p[i * n + j] = (float) row[j];
            }
        });
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float v = (float) ((p[i * n + j] + (double) p[j * n + i]) / (2.0 * n));
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        }
        return p;
    }

    /**
     * One row's conditional probabilities over its squared distances sq (the entry at {@code skip}, the point
     * itself, left at 0; -1 for none): a Gaussian whose precision is found by bisection so that the row's entropy is
     * {@code target} nats. Distances are taken above the nearest one: the normalised row is the same and never
     * underflows.
     */
    static double[] calibratedRow(double[] sq, int skip, double target) {
        int len = sq.length;
        int count = skip >= 0 ? len - 1 : len;
        double min = Double.POSITIVE_INFINITY;
        double mean = 0;
        for (int j = 0; j < len; j++) {
            if (j != skip) {
                min = Math.min(min, sq[j]);
                mean += sq[j] / count;
            }
        }
        double beta = mean - min > 0 ? 1 / (mean - min) : 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double[] row = new double[len];
        for (int step = 0; step < 200; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < len; j++) {
                if (j == skip) {
                    row[j] = 0;
                    continue;
                }
                double e = Math.exp(-(sq[j] - min) * beta);
                row[j] = e;
                sum += e;
                weighted += (sq[j] - min) * e;
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < len; j++) {
                row[j] /= sum;
            }
            double diff = entropy - target;
            if (Math.abs(diff) < 1e-10) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        return row;
    }

    /**
     * The t-SNE objective KL(P || Q) at the 2-D positions y, and its gradient written into {@code grad}
     * (4 * sum_j (p_ij - q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j)). {@code scale} multiplies P (the exaggeration).
     */
    static double objective(float[] p, double scale, double[] y, int n, double[] grad, boolean withValue) {
        double[] part = new double[3 * n]; // per row: sum of num, and the two B coordinates
        IntStream.range(0, n).parallel().forEach(i -> {
            double yi0 = y[2 * i];
            double yi1 = y[2 * i + 1];
            double z = 0;
            double a0 = 0;
            double a1 = 0;
            double b0 = 0;
            double b1 = 0;
            int o = i * n;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d0 = yi0 - y[2 * j];
                double d1 = yi1 - y[2 * j + 1];
                double num = 1 / (1 + d0 * d0 + d1 * d1);
                z += num;
                double pn = p[o + j] * num;
                a0 += pn * d0;
                a1 += pn * d1;
                double nn = num * num;
                b0 += nn * d0;
                b1 += nn * d1;
            }
            part[3 * i] = z;
            part[3 * i + 1] = b0;
            part[3 * i + 2] = b1;
            grad[2 * i] = a0;
            grad[2 * i + 1] = a1;
        });
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += part[3 * i];
        }
        for (int i = 0; i < n; i++) {
            grad[2 * i] = 4 * (scale * grad[2 * i] - part[3 * i + 1] / z);
            grad[2 * i + 1] = 4 * (scale * grad[2 * i + 1] - part[3 * i + 2] / z);
        }
        if (!withValue) {
            return Double.NaN;
        }
        double zz = z;
        return IntStream.range(0, n).parallel().mapToDouble(i -> {
            double kl = 0;
            for (int j = 0; j < n; j++) {
                double pij = scale * p[i * n + j];
                if (j == i || pij <= 0) {
                    continue;
                }
                double d0 = y[2 * i] - y[2 * j];
                double d1 = y[2 * i + 1] - y[2 * j + 1];
                double q = Math.max(1 / (1 + d0 * d0 + d1 * d1) / zz, 2.220446049250313e-16);
                kl += pij * Math.log(Math.max(pij, 2.220446049250313e-16) / q);
            }
            return kl;
        }).sum();
    }

    /**
     * @param init starting positions (2n), typically the first two principal components
     * @return the 2-D positions, and the final KL divergence in {@code kl[0]}
     */
    static double[] fit(float[] p, int n, double[] init, int iterations, TaskMonitor monitor, double[] kl) {
        return optimise(init, n, iterations, (scale, y, grad) -> objective(p, scale, y, n, grad, false), monitor, kl,
                y -> objective(p, 1, y, n, new double[2 * n], true));
    }

    /** The gradient of KL(P || Q) at y, P multiplied by scale, written into grad. */
    interface Gradient {
        void at(double scale, double[] y, double[] grad);
    }

    /**
     * scikit-learn's t-SNE optimiser from the given start (rescaled to a standard deviation of 1e-4 on the first
     * axis); the final KL divergence, from {@code objective}, goes into {@code kl[0]}.
     */
    static double[] optimise(double[] init, int n, int iterations, Gradient gradient, TaskMonitor monitor,
                             double[] kl, java.util.function.ToDoubleFunction<double[]> objective) {
        double[] y = init.clone();
        double sd = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[2 * i] / n;
        }
        for (int i = 0; i < n; i++) {
            sd += (y[2 * i] - mean) * (y[2 * i] - mean) / n;
        }
        sd = Math.sqrt(sd);
        for (int i = 0; i < 2 * n; i++) {
            y[i] = sd > 0 ? y[i] / sd * 1e-4 : y[i];
        }
        double rate = Math.max(n / EXAGGERATION / 4, 50);
        double[] grad = new double[2 * n];
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        java.util.Arrays.fill(gains, 1);
        for (int it = 0; it < iterations; it++) {
            boolean early = it < EXAGGERATION_ITERATIONS;
            gradient.at(early ? EXAGGERATION : 1, y, grad);
            double momentum = early ? 0.5 : 0.8;
            double norm = 0;
            for (int c = 0; c < 2 * n; c++) {
                if (update[c] * grad[c] < 0) {
                    gains[c] += 0.2;
                } else {
                    gains[c] = Math.max(gains[c] * 0.8, 0.01);
                }
                update[c] = momentum * update[c] - rate * gains[c] * grad[c];
                y[c] += update[c];
                norm += grad[c] * grad[c];
            }
            if (it % 25 == 0) {
                monitor.checkCancelled();
                monitor.progress((double) it / iterations, "t-SNE iteration " + it + " of " + iterations);
            }
            if (!early && Math.sqrt(norm) < 1e-7) {
                break;
            }
        }
        kl[0] = objective.applyAsDouble(y);
        return y;
    }
}
