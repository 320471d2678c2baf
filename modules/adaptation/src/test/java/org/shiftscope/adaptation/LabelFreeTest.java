package org.shiftscope.adaptation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelFreeTest {

    /** n points whose labels are drawn from their own probabilities (a calibrated model); x shifts the logits. */
    private static double[] sample(SplittableRandom rnd, int n, double shift, int[] labels) {
        double[] probs = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double[] z = {rnd.nextGaussian() * 1.5 + shift, rnd.nextGaussian() * 1.5, rnd.nextGaussian() * 1.5};
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                probs[i * 3 + j] = Math.exp(z[j]);
                sum += probs[i * 3 + j];
            }
            for (int j = 0; j < 3; j++) {
                probs[i * 3 + j] /= sum;
            }
            double u = rnd.nextDouble();
            labels[i] = u < probs[i * 3] ? 0 : u < probs[i * 3] + probs[i * 3 + 1] ? 1 : 2;
        }
        return probs;
    }

    private static double accuracy(double[] probs, int[] labels) {
        int[] p = org.shiftscope.core.RowMajor.argmax(probs, 3);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += p[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    @Test
    void bothEstimatesTrackTheTrueAccuracyOfACalibratedModelUnderCovariateShift() {
        // reference and a covariate-shifted target (class 0's logit raised by 2.5: more confident points); labels
        // drawn from the probabilities, so p(y | x) holds on both sides
        SplittableRandom rnd = new SplittableRandom(21);
        int[] heldLabels = new int[20_000];
        double[] held = sample(rnd, 20_000, 0, heldLabels);
        int[] targetLabels = new int[20_000];
        double[] target = sample(rnd, 20_000, 2.5, targetLabels);
        double truth = accuracy(target, targetLabels);
        assertThat(truth).isGreaterThan(accuracy(held, heldLabels) + 0.05); // the shift changed the accuracy
        LabelFree.Cbpe cbpe = LabelFree.cbpe(target, 3);
        assertThat(cbpe.accuracy()).isCloseTo(truth, within(0.01)); // sd of the truth ~0.003
        double total = 0;
        for (double[] row : cbpe.confusion()) {
            for (double v : row) {
                total += v;
            }
        }
        assertThat(total).isCloseTo(20_000, within(1e-6));
        // ATC only assumes the threshold carries over; on this strong shift it overestimates (0.831 vs 0.778 when
        // written), still far nearer than the held-out accuracy it starts from (0.68)
        LabelFree.Atc atc = LabelFree.atc(held, heldLabels, target, 3);
        assertThat(atc.accuracy()).isCloseTo(truth, within(0.06));
        assertThat(Math.abs(atc.accuracy() - truth)).isLessThan(Math.abs(accuracy(held, heldLabels) - truth));
    }

    @Test
    void atcThresholdLeavesTheHeldOutAccuracyAbove() {
        // six held-out points with class-0 probability 0.4, 0.5, ..., 0.9: predicted 1 (confidence 0.6), then 0 with
        // confidences 0.5 (a tie goes to the first class), 0.6, 0.7, 0.8, 0.9. Labels make the first two wrong:
        // accuracy 4/6; sorted confidences 0.5, 0.6, 0.6, 0.7, 0.8, 0.9 put the threshold between the 2nd and 3rd
        double[] held = new double[12];
        int[] labels = new int[6];
        for (int i = 0; i < 6; i++) {
            held[2 * i] = 0.4 + 0.1 * i;
            held[2 * i + 1] = 1 - held[2 * i];
            labels[i] = i == 1 ? 1 : 0;
        }
        LabelFree.Atc atc = LabelFree.atc(held, labels, new double[] {0.95, 0.05, 0.55, 0.45}, 2);
        assertThat(atc.threshold()).isCloseTo(0.6, within(1e-12)); // between the 2nd and 3rd sorted: 0.6 and 0.6
        assertThat(atc.accuracy()).isEqualTo(0.5);
    }
}
