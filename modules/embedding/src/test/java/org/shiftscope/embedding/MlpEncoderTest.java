package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class MlpEncoderTest {

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
        try (MlpEncoder m = MlpEncoder.train(x, n, d, y, 2, 32, 8, 30, 42, TaskMonitor.NONE)) {
            assertThat(m.trainAccuracy()).isGreaterThan(0.95);
            Embeddings e = m.embed(x, n);
            assertThat(e.n()).isEqualTo(n);
            assertThat(e.d()).isEqualTo(8);
            first = e.values();
        }
        try (MlpEncoder again = MlpEncoder.train(x, n, d, y, 2, 32, 8, 30, 42, TaskMonitor.NONE)) {
            assertThat(again.embed(x, n).values()).containsExactly(first);
        }
    }
}
