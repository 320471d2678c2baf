package org.shiftscope.adaptation;

import java.util.Arrays;
import org.shiftscope.core.RowMajor;

/**
 * Estimates of a classifier's target accuracy when the target has no labels. They are estimates, resting on
 * assumptions the data may break, and must be shown as such.
 *
 * <ul>
 *   <li>ATC, average thresholded confidence: on held-out labelled reference points, the confidence threshold t above
 *       which the share of points equals their accuracy; the estimate is the share of target points above t
 *       (Garg et al., "Leveraging unlabeled data to predict out-of-distribution performance", ICLR 2022; the
 *       maximum-probability score).</li>
 *   <li>CBPE, confidence-based performance estimation: with calibrated probabilities, a point's chance of being right
 *       is the probability of its predicted class, so the expected accuracy is their mean and the expected confusion
 *       matrix adds each point's probabilities to the row of its prediction (as NannyML's CBPE). It assumes the
 *       calibration still holds on the target: true under covariate shift, not under label or concept shift.</li>
 * </ul>
 */
public final class LabelFree {

    private LabelFree() {
    }

    /**
     * @param threshold the ATC confidence threshold
     */
    public record Atc(double accuracy, double threshold) {
    }

    /**
     * @param confusion expected counts, [predicted][true], summing to the number of target points
     */
    public record Cbpe(double accuracy, double[][] confusion) {
    }

    public static Atc atc(double[] heldOutProbs, int[] heldOutLabels, double[] targetProbs, int k) {
        int n = heldOutLabels.length;
        int[] predicted = RowMajor.argmax(heldOutProbs, k);
        double[] conf = new double[n];
        int right = 0;
        for (int i = 0; i < n; i++) {
            conf[i] = heldOutProbs[i * k + predicted[i]];
            right += predicted[i] == heldOutLabels[i] ? 1 : 0;
        }
        double accuracy = (double) right / n;
        Arrays.sort(conf);
        // the (1 - accuracy) quantile: a share `accuracy` of held-out confidences lies above it
        int below = (int) Math.round((1 - accuracy) * n);
        double threshold = below <= 0 ? Double.NEGATIVE_INFINITY : below >= n ? Double.POSITIVE_INFINITY
                : (conf[below - 1] + conf[below]) / 2;
        int[] tp = RowMajor.argmax(targetProbs, k);
        int above = 0;
        for (int i = 0; i < tp.length; i++) {
            above += targetProbs[i * k + tp[i]] > threshold ? 1 : 0;
        }
        return new Atc((double) above / tp.length, threshold);
    }

    /** @param calibrated target probabilities, calibrated on held-out reference points */
    public static Cbpe cbpe(double[] calibrated, int k) {
        int[] predicted = RowMajor.argmax(calibrated, k);
        double[][] confusion = new double[k][k];
        double accuracy = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int j = 0; j < k; j++) {
                confusion[predicted[i]][j] += calibrated[i * k + j];
            }
            accuracy += calibrated[i * k + predicted[i]];
        }
        return new Cbpe(accuracy / predicted.length, confusion);
    }
}
