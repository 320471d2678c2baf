package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class BuiltInEncoderTest {

    @Test
    void learnsAPlantedRuleAndIsReproducibleFromItsSeed() {
        // planted truth: label = 1 exactly when x0 + x1 > 0 (x2, x3 are noise)
        int n = 2000;
        int d = 4;
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) r.nextGaussian();
            }
            y[i] = x[i * d] + x[i * d + 1] > 0 ? 1 : 0;
        }
        float[] first;
        try (BuiltInEncoder m = BuiltInEncoder.mlp(x, n, d, y, 2, 32, 8, 30, 42, TaskMonitor.NONE)) {
            assertThat(m.trainAccuracy()).isGreaterThan(0.95);
            Embeddings e = m.embed(x, n, TaskMonitor.NONE);
            assertThat(e.n()).isEqualTo(n);
            assertThat(e.d()).isEqualTo(8);
            first = e.values();
            // the predictions of the embedding pass agree with the planted rule as often as the whole network did
            int[] predicted = m.encode(x, n, TaskMonitor.NONE).predicted();
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += predicted[i] == y[i] ? 1 : 0;
            }
            assertThat((double) right / n).isEqualTo(m.trainAccuracy());
            // one loss per step: 30 passes of ceil(2000 / 256) = 8 batches; the last pass far below the first step
            double[] curve = m.lossCurve();
            assertThat(curve).hasSize(240);
            double last = java.util.Arrays.stream(curve, 232, 240).average().orElseThrow();
            assertThat(last).isLessThan(curve[0] / 3);
        }
        try (BuiltInEncoder again = BuiltInEncoder.mlp(x, n, d, y, 2, 32, 8, 30, 42, TaskMonitor.NONE)) {
            assertThat(again.embed(x, n, TaskMonitor.NONE).values()).containsExactly(first);
        }
    }

    @Test
    void cnnLearnsBarOrientationAndIsReproducible() {
        // planted truth on 16x16 noisy images: class 1 holds a bright vertical bar, class 0 a horizontal one,
        // each at a random position; a linear model on pixels cannot tell them apart as reliably
        int n = 600;
        int side = 16;
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[n * side * side];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            int at = 2 + r.nextInt(side - 4);
            for (int p = 0; p < side * side; p++) {
                int row = p / side;
                int col = p % side;
                boolean bar = y[i] == 1 ? col == at : row == at;
                x[i * side * side + p] = (float) ((bar ? 0.8 : 0.1) + 0.1 * r.nextDouble());
            }
        }
        long[] shape = {1, side, side};
        float[] first;
        try (BuiltInEncoder m = BuiltInEncoder.cnn(x, n, shape, y, 2, 8, 8, 7, TaskMonitor.NONE)) {
            assertThat(m.trainAccuracy()).isGreaterThan(0.95);
            Embeddings e = m.embed(x, n, TaskMonitor.NONE);
            assertThat(e.n()).isEqualTo(n);
            assertThat(e.d()).isEqualTo(8);
            first = e.values();
            // the predictions of the embedding pass agree with the planted rule as often as the whole network did
            int[] predicted = m.encode(x, n, TaskMonitor.NONE).predicted();
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += predicted[i] == y[i] ? 1 : 0;
            }
            assertThat((double) right / n).isEqualTo(m.trainAccuracy());
        }
        try (BuiltInEncoder again = BuiltInEncoder.cnn(x, n, shape, y, 2, 8, 8, 7, TaskMonitor.NONE)) {
            assertThat(again.embed(x, n, TaskMonitor.NONE).values()).containsExactly(first);
            // a low-contrast, brighter target (0.25 x + 0.6): convolutions see it as scaled and shifted per channel,
            // which batch-norm statistics re-estimated on the target undo
            float[] shifted = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                shifted[i] = 0.25f * x[i] + 0.6f;
            }
            double before = accuracy(again.encode(shifted, n, TaskMonitor.NONE).predicted(), y);
            assertThat(again.adaptBatchNorm(shifted, n, 0, TaskMonitor.NONE)).isEqualTo(2);
            double after = accuracy(again.encode(shifted, n, TaskMonitor.NONE).predicted(), y);
            assertThat(before).isLessThan(0.8);
            assertThat(after).isGreaterThan(0.9);
        }
        try (BuiltInEncoder tent = BuiltInEncoder.cnn(x, n, shape, y, 2, 8, 8, 7, TaskMonitor.NONE)) {
            float[] shifted = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                shifted[i] = 0.25f * x[i] + 0.6f;
            }
            // TENT: the entropy it minimises falls, and accuracy ends well above the unadapted model's (0.882 when
            // written, a little under BN-adapt alone: entropy minimisation can also reinforce confident errors)
            double unadapted = accuracy(tent.encode(shifted, n, TaskMonitor.NONE).predicted(), y);
            double[] curve = tent.tent(shifted, n, 3, 1e-3, TaskMonitor.NONE);
            assertThat(curve).hasSize(3 * 10); // 600 rows in batches of 64
            double early = (curve[0] + curve[1] + curve[2]) / 3;
            double last = (curve[27] + curve[28] + curve[29]) / 3;
            assertThat(last).isLessThan(early);
            assertThat(accuracy(tent.encode(shifted, n, TaskMonitor.NONE).predicted(), y)).isGreaterThan(unadapted + 0.05);
        }
    }

    private static double accuracy(int[] predicted, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += predicted[i] == y[i] ? 1 : 0;
        }
        return (double) right / y.length;
    }
}
