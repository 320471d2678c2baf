package org.shiftscope.adaptation;

/**
 * Temperature scaling: one temperature T for all classes, p_T(y | x) = softmax(log p(y | x) / T), fitted by
 * minimising the negative log-likelihood on held-out labelled points (golden-section search over log T in
 * [-3, 3], to 1e-6).
 *
 * <p>Reference: C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of modern neural networks", ICML
 * 2017.
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

    /** The probabilities at temperature T. */
    public static double[] scale(double[] probs, int k, double temperature) {
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length / k; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                out[i * k + j] = Math.log(Math.max(probs[i * k + j], 1e-300)) / temperature;
                max = Math.max(max, out[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                out[i * k + j] = Math.exp(out[i * k + j] - max);
                sum += out[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                out[i * k + j] /= sum;
            }
        }
        return out;
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
