package org.shiftscope.adaptation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelShiftTest {

    /** n points of class y, the first {@code right} of them predicted y and the rest the other class (k = 2). */
    private static void fill(double[] probs, int[] labels, int from, int n, int y, int right) {
        for (int i = 0; i < n; i++) {
            int predicted = i < right ? y : 1 - y;
            probs[2 * (from + i) + predicted] = 0.9;
            probs[2 * (from + i) + 1 - predicted] = 0.1;
            if (labels != null) {
                labels[from + i] = y;
            }
        }
    }

    @Test
    void bbseRecoversThePriorsOfAHandBuiltTarget() {
        // held out: class 0 x 600 (480 predicted right), class 1 x 400 (320 right): C = [[0.48, 0.08], [0.12, 0.32]]
        double[] held = new double[2 * 1000];
        int[] labels = new int[1000];
        fill(held, labels, 0, 600, 0, 480);
        fill(held, labels, 600, 400, 1, 320);
        // target with priors 0.3 / 0.7 and the same confusion rates: mu = (0.38, 0.62); C w = mu gives w = (0.5, 1.75)
        double[] target = new double[2 * 1000];
        fill(target, null, 0, 300, 0, 240);
        fill(target, null, 300, 700, 1, 560);
        LabelShift.Estimate e = LabelShift.bbse(held, labels, target, 2);
        assertThat(e.sourcePriors()).containsExactly(new double[] {0.6, 0.4}, within(1e-12));
        assertThat(e.targetPriors()).containsExactly(new double[] {0.3, 0.7}, within(1e-12));
        assertThat(e.weights()).containsExactly(new double[] {0.5, 1.75}, within(1e-12));
        // corrected probabilities: 0.9 * 0.5 vs 0.1 * 1.75 -> 0.45 / 0.625
        double[] c = LabelShift.correct(new double[] {0.9, 0.1}, 2, e.weights());
        assertThat(c[0]).isCloseTo(0.45 / 0.625, within(1e-12));
    }

    @Test
    void bbseRefusesASingularConfusionMatrix() {
        double[] held = {0.9, 0.1, 0.8, 0.2};
        assertThatThrownBy(() -> LabelShift.bbse(held, new int[] {0, 1}, held, 2))
                .hasMessageContaining("singular");
    }

    @Test
    void mllsFindsTheMaximumLikelihoodPriorOfAKnownMixture() {
        // classes N(-1, 1) and N(1, 1), source priors 1/2 each: the exact posterior of class 1 is sigmoid(2x);
        // target: 20,000 points with class-1 prior 0.8
        SplittableRandom rnd = new SplittableRandom(11);
        int m = 20_000;
        double[] x = new double[m];
        double[] probs = new double[2 * m];
        for (int i = 0; i < m; i++) {
            x[i] = (rnd.nextDouble() < 0.8 ? 1 : -1) + rnd.nextGaussian();
            double p1 = 1 / (1 + Math.exp(-2 * x[i]));
            probs[2 * i] = 1 - p1;
            probs[2 * i + 1] = p1;
        }
        LabelShift.Estimate e = LabelShift.mlls(probs, new double[] {0.5, 0.5}, 2);
        // the independent reference: the prior q maximising sum log(q f1(x) + (1 - q) f0(x)), by a grid of step
        // 1e-3, then a grid of step 1e-6 around its best
        double best = argmaxLikelihood(x, 0.001, 0.999, 0.001);
        best = argmaxLikelihood(x, best - 0.001, best + 0.001, 1e-6);
        assertThat(e.targetPriors()[1]).isCloseTo(best, within(2e-5));
        assertThat(e.targetPriors()[1]).isCloseTo(0.8, within(0.015)); // and near the planted truth
        assertThat(e.iterations()).isGreaterThan(1);
    }

    @Test
    void temperatureScalingRecoversAPlantedTemperature() {
        // labels drawn from softmax(z); the classifier reports softmax(z / 0.5), over-confident by T = 0.5
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 20_000;
        int k = 3;
        double[] reported = new double[n * k];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            double[] p = softmax(z, 1);
            double u = rnd.nextDouble();
            labels[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            System.arraycopy(softmax(z, 0.5), 0, reported, i * k, k);
        }
        // fitting T on the reported probabilities undoes the 0.5: T = 2
        double t = Calibration.temperature(reported, labels, k);
        assertThat(t).isCloseTo(2.0, within(0.1));
        // scaling at T gives back the generating probabilities: softmax((z / 0.5) / 2) = softmax(z)
        double[] back = Calibration.scale(new double[] {0.7, 0.2, 0.1}, k, 2.0);
        double[] direct = softmax(new double[] {Math.log(0.7), Math.log(0.2), Math.log(0.1)}, 2.0);
        assertThat(back).containsExactly(direct, within(1e-12));
    }

    @Test
    void bctsRecoversAPlantedTemperatureAndClassBias() {
        // labels drawn from softmax(z); the classifier reports softmax(2 z + (0.8, 0, -0.8)): over-confident and
        // biased towards class 0. BCTS undoes both: T = 2 and biases (-0.8, 0, 0.8) up to a common shift.
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 10_000;
        int k = 3;
        double[] reported = new double[n * k];
        int[] labels = new int[n];
        double[] shift = {0.8, 0, -0.8};
        for (int i = 0; i < n; i++) {
            double[] z = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            double[] p = softmax(z, 1);
            double u = rnd.nextDouble();
            labels[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            double[] distorted = new double[k];
            for (int j = 0; j < k; j++) {
                distorted[j] = 2 * z[j] + shift[j];
            }
            System.arraycopy(softmax(distorted, 1), 0, reported, i * k, k);
        }
        Calibration.Bcts fit = Calibration.bcts(reported, labels, k);
        assertThat(fit.temperature()).isCloseTo(2.0, within(0.15));
        // log p_reported = 2 z + shift - c, so (log p) / 2 + b = z + (shift / 2 + b): b = -shift / 2 up to a constant
        double[] b = fit.bias();
        assertThat(b[0] - b[1]).isCloseTo(-0.4, within(0.1));
        assertThat(b[2] - b[1]).isCloseTo(0.4, within(0.1));
    }

    private static double argmaxLikelihood(double[] x, double from, double to, double step) {
        double best = from;
        double bestLik = Double.NEGATIVE_INFINITY;
        for (double q = from; q <= to + step / 2; q += step) {
            double lik = 0;
            for (double v : x) {
                lik += Math.log(q * Math.exp(-(v - 1) * (v - 1) / 2) + (1 - q) * Math.exp(-(v + 1) * (v + 1) / 2));
            }
            if (lik > bestLik) {
                bestLik = lik;
                best = q;
            }
        }
        return best;
    }

    private static double[] softmax(double[] z, double t) {
        double[] out = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            out[j] = Math.exp(z[j] / t);
            sum += out[j];
        }
        for (int j = 0; j < z.length; j++) {
            out[j] /= sum;
        }
        return out;
    }
}
