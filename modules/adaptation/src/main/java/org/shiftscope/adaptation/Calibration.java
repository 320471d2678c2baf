package org.shiftscope.adaptation;

/**
 * Calibration of class probabilities on held-out labelled points, by minimising their negative log-likelihood.
 * Temperature scaling: one temperature T for all classes, p_T(y | x) = softmax(log p(y | x) / T) (golden-section
 * search over log T in [-3, 3], to 1e-6). Bias-corrected temperature scaling (BCTS) adds one bias per class,
 * softmax(log p(y | x) / T + b_y): the negative log-likelihood is convex in (1 / T, b), minimised by gradient
 * descent with backtracking.
 *
 * <p>References: C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of modern neural networks", ICML
 * 2017; A. Alexandari, A. Kundaje and A. Shrikumar, "Maximum likelihood with bias-corrected calibration is
 * hard-to-beat at label shift adaptation", ICML 2020 (BCTS).
 */
public final class Calibration {

    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private Calibration() {
    }

    /** The temperature that minimises the held-out negative log-likelihood. */
    public static double temperature(double[] probs, int[] labels, int k) {
        double lo = -3;
        double hi = 3;
        double a = hi - GOLDEN * (hi - lo);
        double b = lo + GOLDEN * (hi - lo);
        double fa = nll(probs, labels, k, Math.exp(a));
        double fb = nll(probs, labels, k, Math.exp(b));
        while (hi - lo > 1e-6) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - GOLDEN * (hi - lo);
                fa = nll(probs, labels, k, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + GOLDEN * (hi - lo);
                fb = nll(probs, labels, k, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** A fitted bias-corrected temperature scaling: {@code softmax(log p / temperature + bias)}. */
    public record Bcts(double temperature, double[] bias) {

        public double[] apply(double[] probs, int k) {
            double[] out = new double[probs.length];
            for (int i = 0; i < probs.length / k; i++) {
                logits(probs, i, k, 1 / temperature, bias, out);
                org.shiftscope.core.RowMajor.softmaxRow(out, i, k);
            }
            return out;
        }
    }

    /** Fits BCTS on held-out points (starting from T = 1, b = 0; at most 2,000 steps, to a gradient of 1e-9). */
    public static Bcts bcts(double[] probs, int[] labels, int k) {
        int n = labels.length;
        double a = 1;
        double[] b = new double[k];
        double f = bctsNll(probs, labels, k, a, b);
        double step = 1;
        for (int iter = 0; iter < 2000; iter++) {
            double[] g = new double[k + 1];
            double[] z = new double[probs.length];
            for (int i = 0; i < n; i++) {
                logits(probs, i, k, a, b, z);
                org.shiftscope.core.RowMajor.softmaxRow(z, i, k);
                for (int j = 0; j < k; j++) {
                    double l = Math.log(Math.max(probs[i * k + j], 1e-300));
                    double s = z[i * k + j] - (labels[i] == j ? 1 : 0);
                    g[0] += s * l / n;
                    g[1 + j] += s / n;
                }
            }
            double norm = 0;
            for (double v : g) {
                norm += v * v;
            }
            if (norm < 1e-18) {
                break;
            }
            // backtracking: halve the step until the likelihood improves enough (Armijo)
            step = Math.min(1, step * 2);
            while (true) {
                double na = a - step * g[0];
                double[] nb = b.clone();
                for (int j = 0; j < k; j++) {
                    nb[j] -= step * g[1 + j];
                }
                double nf = bctsNll(probs, labels, k, na, nb);
                if (nf <= f - 0.5 * step * norm || step < 1e-12) {
                    a = na;
                    b = nb;
                    f = nf;
                    break;
                }
                step /= 2;
            }
        }
        return new Bcts(1 / a, b);
    }

    private static void logits(double[] probs, int i, int k, double a, double[] b, double[] out) {
        for (int j = 0; j < k; j++) {
            out[i * k + j] = a * Math.log(Math.max(probs[i * k + j], 1e-300)) + b[j];
        }
    }

    private static double bctsNll(double[] probs, int[] labels, int k, double a, double[] b) {
        double[] z = new double[probs.length];
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            logits(probs, i, k, a, b, z);
            org.shiftscope.core.RowMajor.softmaxRow(z, i, k);
            sum -= Math.log(Math.max(z[i * k + labels[i]], 1e-300));
        }
        return sum / labels.length;
    }

    /** The probabilities at temperature T. */
    public static double[] scale(double[] probs, int k, double temperature) {
        return new Bcts(temperature, new double[k]).apply(probs, k);
    }

    private static double nll(double[] probs, int[] labels, int k, double temperature) {
        double[] p = scale(probs, k, temperature);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(p[i * k + labels[i]], 1e-300));
        }
        return sum / labels.length;
    }
}
