package org.shiftscope.adaptation;

import org.shiftscope.core.DataException;

/**
 * Label shift: the class priors change between reference and target while each class looks the same
 * (p(x | y) fixed). Estimates the target priors from a classifier's outputs on unlabelled target points and corrects
 * its probabilities by the prior ratio w_y = q_y / p_y: p_t(y | x) is proportional to w_y p_s(y | x).
 *
 * <ul>
 *   <li>{@link #bbse}: black-box shift estimation. The confusion matrix C (C[i][j] = P(predicted i, true j)) on
 *       held-out labelled reference points and the target's predicted-class shares mu give w by solving C w = mu;
 *       negative weights are clipped to 0 (Lipton, Wang and Smola, "Detecting and correcting for label shift with
 *       black box predictors", ICML 2018).</li>
 *   <li>{@link #mlls}: maximum likelihood by expectation-maximisation on the target's (calibrated) probabilities:
 *       q <- mean over target points of the prior-corrected posteriors, until q changes by less than 1e-10
 *       (Saerens, Latinne and Decaestecker, "Adjusting the outputs of a classifier to new a priori probabilities",
 *       Neural Computation 14, 2002; Alexandari, Kundaje and Shrikumar, "Maximum likelihood with bias-corrected
 *       calibration is hard-to-beat at label shift adaptation", ICML 2020, for calibrating first).</li>
 * </ul>
 */
public final class LabelShift {

    private LabelShift() {
    }

    /**
     * @param sourcePriors p: class shares of the reference (held-out labels)
     * @param targetPriors q: estimated class shares of the target
     * @param weights      q / p per class
     * @param iterations   EM iterations (0 for BBSE)
     */
    public record Estimate(String method, double[] sourcePriors, double[] targetPriors, double[] weights,
                           int iterations) {
    }

    /**
     * @param heldOutProbs   n x k probabilities on labelled reference points the classifier did not train on
     * @param heldOutLabels  their classes
     * @param targetProbs    m x k probabilities on the target
     */
    public static Estimate bbse(double[] heldOutProbs, int[] heldOutLabels, double[] targetProbs, int k) {
        return bbse(heldOutProbs, heldOutLabels, targetProbs, k, false);
    }

    /**
     * @param soft count each point by its probabilities instead of its predicted class (BBSE-soft: C[i][j] = mean of
     *             p_i(x) over held-out points of class j, times their share; mu_i = the target's mean p_i(x)),
     *             unbiased under label shift as the hard version, and less variable
     */
    public static Estimate bbse(double[] heldOutProbs, int[] heldOutLabels, double[] targetProbs, int k,
                                boolean soft) {
        int n = heldOutLabels.length;
        double[] hv = soft ? heldOutProbs : oneHot(argmax(heldOutProbs, k), k);
        double[] tv = soft ? targetProbs : oneHot(argmax(targetProbs, k), k);
        int m = tv.length / k;
        double[][] c = new double[k][k];
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                c[r][heldOutLabels[i]] += hv[i * k + r] / n;
            }
            p[heldOutLabels[i]] += 1.0 / n;
        }
        double[] mu = new double[k];
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < k; r++) {
                mu[r] += tv[i * k + r] / m;
            }
        }
        double[] w = solve(c, mu);
        double[] q = new double[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            w[j] = Math.max(0, w[j]);
            q[j] = w[j] * p[j];
            total += q[j];
        }
        if (!(total > 0)) {
            throw DataException.of("BBSE found no class in the target (every estimated weight is 0)");
        }
        for (int j = 0; j < k; j++) {
            q[j] /= total;
            w[j] = p[j] > 0 ? q[j] / p[j] : 0;
        }
        return new Estimate(soft ? "bbse-soft" : "bbse", p, q, w, 0);
    }

    /**
     * @param targetProbs  m x k calibrated probabilities on the target
     * @param sourcePriors the class shares the classifier's probabilities reflect (its training labels)
     */
    public static Estimate mlls(double[] targetProbs, double[] sourcePriors, int k) {
        int m = targetProbs.length / k;
        double[] q = sourcePriors.clone();
        int iter = 0;
        double change = Double.POSITIVE_INFINITY;
        while (change > 1e-10 && iter < 10_000) {
            iter++;
            double[] next = new double[k];
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += q[j] / sourcePriors[j] * targetProbs[i * k + j];
                }
                for (int j = 0; j < k; j++) {
                    next[j] += q[j] / sourcePriors[j] * targetProbs[i * k + j] / sum / m;
                }
            }
            change = 0;
            for (int j = 0; j < k; j++) {
                change = Math.max(change, Math.abs(next[j] - q[j]));
            }
            q = next;
        }
        double[] w = new double[k];
        for (int j = 0; j < k; j++) {
            w[j] = q[j] / sourcePriors[j];
        }
        return new Estimate("mlls", sourcePriors.clone(), q, w, iter);
    }

    /** Probabilities re-weighted by the prior ratio and renormalised: p_t(y | x) proportional to w_y p_s(y | x). */
    public static double[] correct(double[] probs, int k, double[] weights) {
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length / k; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                out[i * k + j] = weights[j] * probs[i * k + j];
                sum += out[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                out[i * k + j] = sum > 0 ? out[i * k + j] / sum : 1.0 / k;
            }
        }
        return out;
    }

    private static double[] oneHot(int[] classes, int k) {
        double[] out = new double[classes.length * k];
        for (int i = 0; i < classes.length; i++) {
            out[i * k + classes[i]] = 1;
        }
        return out;
    }

    static int[] argmax(double[] probs, int k) {
        return org.shiftscope.core.RowMajor.argmax(probs, k);
    }

    /** Solves a x = b by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] b) {
        int k = b.length;
        double[][] m = new double[k][];
        for (int i = 0; i < k; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], k + 1);
            m[i][k] = b[i];
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-12) {
                throw DataException.of("BBSE's confusion matrix is singular: the classifier never predicts some class"
                        + " on the held-out reference points; use MLLS instead");
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < k; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c <= k; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = m[i][k] / m[i][i];
        }
        return x;
    }
}
