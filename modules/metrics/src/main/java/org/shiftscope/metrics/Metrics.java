package org.shiftscope.metrics;

import org.shiftscope.core.DataException;

/**
 * Classifier metrics on predicted class probabilities, with scikit-learn's definitions so that the numbers can be
 * checked against it: accuracy, balanced accuracy (mean recall over the classes present in the labels), macro-F1
 * (over the classes present in labels or predictions), negative log-likelihood (probabilities clipped to
 * [eps, 1 - eps] with eps = 2^-52, then rows renormalised, as {@code log_loss}), the multi-class Brier score (mean
 * over points of the squared distance between the probability vector and the one-hot label) and the expected
 * calibration error over equal-width confidence bins.
 *
 * <p>Probabilities are n x k row-major; labels and predictions are class indices 0..k-1. The prediction of a point
 * is its most probable class (the first on ties).
 *
 * <p>Reference: C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of modern neural networks", ICML
 * 2017 (ECE and reliability diagrams); G. W. Brier, Monthly Weather Review 78 (1950).
 */
public final class Metrics {

    /** Clipping of probabilities in the log-likelihood: the double-precision machine epsilon, as scikit-learn. */
    static final double EPS = Math.ulp(1.0);

    private Metrics() {
    }

    /** The most probable class of each of the n rows. */
    public static int[] predictions(double[] probs, int k) {
        rows(probs, k);
        return org.shiftscope.core.RowMajor.argmax(probs, k);
    }

    public static double accuracy(int[] predicted, int[] labels) {
        same(predicted, labels);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** Mean over the classes present in {@code labels} of the share of that class predicted right. */
    public static double balancedAccuracy(int[] predicted, int[] labels, int k) {
        same(predicted, labels);
        int[] support = new int[k];
        int[] right = new int[k];
        for (int i = 0; i < labels.length; i++) {
            support[labels[i]]++;
            right[labels[i]] += predicted[i] == labels[i] ? 1 : 0;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (support[c] > 0) {
                sum += (double) right[c] / support[c];
                present++;
            }
        }
        return sum / present;
    }

    /** Mean over the classes present in labels or predictions of 2 TP / (2 TP + FP + FN). */
    public static double macroF1(int[] predicted, int[] labels, int k) {
        same(predicted, labels);
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                tp[labels[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[labels[i]]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            int denominator = 2 * tp[c] + fp[c] + fn[c];
            if (denominator > 0) {
                sum += 2.0 * tp[c] / denominator;
                present++;
            }
        }
        return sum / present;
    }

    /** Mean negative log-probability of the true class. */
    public static double nll(double[] probs, int k, int[] labels) {
        int n = rows(probs, k);
        same(n, labels);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int c = 0; c < k; c++) {
                row += clip(probs[i * k + c]);
            }
            sum -= Math.log(clip(probs[i * k + labels[i]]) / row);
        }
        return sum / n;
    }

    private static double clip(double p) {
        return Math.min(1 - EPS, Math.max(EPS, p));
    }

    /** Mean over points of the sum over classes of (p - 1[y = class])^2 (between 0 and 2). */
    public static double brier(double[] probs, int k, int[] labels) {
        int n = rows(probs, k);
        same(n, labels);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double t = probs[i * k + c] - (labels[i] == c ? 1 : 0);
                sum += t * t;
            }
        }
        return sum / n;
    }

    /**
     * The reliability diagram of the confidences (the top probability of each point) in {@code bins} equal-width
     * bins of [0, 1] (a confidence on a bin edge goes to the lower bin, 0 to the first), and the expected
     * calibration error: the count-weighted mean gap between a bin's accuracy and its mean confidence.
     */
    public static Reliability reliability(double[] probs, int k, int[] labels, int bins) {
        int n = rows(probs, k);
        same(n, labels);
        int[] predicted = predictions(probs, k);
        int[] count = new int[bins];
        double[] confidence = new double[bins];
        double[] right = new double[bins];
        for (int i = 0; i < n; i++) {
            double conf = probs[i * k + predicted[i]];
            int b = bin(conf, bins);
            count[b]++;
            confidence[b] += conf;
            right[b] += predicted[i] == labels[i] ? 1 : 0;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                confidence[b] /= count[b];
                right[b] /= count[b];
                ece += (double) count[b] / n * Math.abs(right[b] - confidence[b]);
            }
        }
        return new Reliability(count, confidence, right, ece);
    }

    /** Bin b holds confidences in (b / bins, (b + 1) / bins], comparing with the edges themselves. */
    static int bin(double conf, int bins) {
        int b = Math.max(0, Math.min(bins - 1, (int) Math.ceil(conf * bins) - 1));
        while (b > 0 && conf <= (double) b / bins) {
            b--;
        }
        while (b < bins - 1 && conf > (double) (b + 1) / bins) {
            b++;
        }
        return b;
    }

    /**
     * Per bin b of a reliability diagram: its points, their mean confidence and their accuracy (both 0 for an
     * empty bin).
     */
    public record Reliability(int[] count, double[] confidence, double[] accuracy, double ece) {
    }

    static int rows(double[] probs, int k) {
        if (k < 2 || probs.length % k != 0) {
            throw new IllegalArgumentException(probs.length + " probabilities do not make rows of " + k + " classes");
        }
        return probs.length / k;
    }

    private static void same(int[] predicted, int[] labels) {
        same(predicted.length, labels);
    }

    private static void same(int n, int[] labels) {
        if (n != labels.length) {
            throw new IllegalArgumentException(n + " predictions for " + labels.length + " labels");
        }
        if (n == 0) {
            throw DataException.of("no labelled points to score");
        }
    }
}
