package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

/** GroupDRO, DANN and weight interpolation (WiSE-FT) against planted truth and closed forms. */
class RobustTrainingTest {

    /**
     * Planted spurious correlation: y depends on x0 (with 10 % label noise), while x1 = +-1 agrees with y in 95 % of
     * the training rows (the majority groups) and disagrees in 5 % (the minority groups); group = (y, agreement).
     */
    private record Spurious(float[] x, int[] y, int[] group, int n) {

        static Spurious of(int n, double agree, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[n * 2];
            int[] y = new int[n];
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                double core = r.nextGaussian();
                y[i] = (core > 0) ^ (r.nextDouble() < 0.1) ? 1 : 0;
                boolean agrees = r.nextDouble() < agree;
                double spurious = (y[i] == 1) == agrees ? 1 : -1;
                x[2 * i] = (float) core;
                x[2 * i + 1] = (float) (3 * spurious + 0.1 * r.nextGaussian());
                g[i] = 2 * y[i] + (agrees ? 0 : 1);
            }
            return new Spurious(x, y, g, n);
        }

        double worstGroupAccuracy(int[] predicted) {
            double worst = 1;
            for (int group = 0; group < 4; group++) {
                int right = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (this.group[i] == group) {
                        count++;
                        right += predicted[i] == y[i] ? 1 : 0;
                    }
                }
                worst = Math.min(worst, (double) right / count);
            }
            return worst;
        }
    }

    @Test
    void groupDroRaisesTheWorstGroupAnErmModelSacrifices() {
        Spurious train = Spurious.of(4000, 0.95, 1);
        Spurious test = Spurious.of(4000, 0.5, 2); // every group equally common
        long[] shape = {2};
        double erm;
        try (BuiltInEncoder m = BuiltInEncoder.mlp(train.x(), train.n(), 2, train.y(), 2, 16, 8, 10, 7,
                TaskMonitor.NONE)) {
            erm = test.worstGroupAccuracy(m.encode(test.x(), test.n(), TaskMonitor.NONE).predicted());
        }
        double[] q = {0.25, 0.25, 0.25, 0.25};
        List<Double> live = new ArrayList<>();
        TaskMonitor listening = listening(live);
        try (BuiltInEncoder dro = BuiltInEncoder.groupDro(train.x(), train.n(), shape, train.y(), 2, train.group(), q,
                16, 8, 10, 7, listening)) {
            double robust = test.worstGroupAccuracy(dro.encode(test.x(), test.n(), TaskMonitor.NONE).predicted());
            // the ERM model leans on x1 and fails the minority groups; GroupDRO moves the weight onto them
            assertThat(robust).as("ERM %.3f, GroupDRO %.3f", erm, robust).isGreaterThan(erm + 0.1);
            assertThat(q[1] + q[3]).as("weight on the minority groups").isGreaterThan(0.5);
            assertThat(q[0] + q[1] + q[2] + q[3]).isCloseTo(1, within(1e-9));
            // 4,000 rows in batches of 256, 10 epochs: one loss per step, each also sent live
            assertThat(dro.lossCurve()).hasSize(160);
            assertThat(live).hasSize(160);
            assertThat(live.get(159)).isEqualTo(dro.lossCurve()[159]);
        }
    }

    @Test
    void dannsReversedGradientFoolsItsDomainHead() {
        // the label depends on x0 + x1 on both sides; x2 and x3 are noise shifted by 3 sd in the target only, so
        // the side is plain to see from the inputs
        int n = 3000;
        SplittableRandom r = new SplittableRandom(5);
        float[] xs = new float[n * 4];
        float[] xt = new float[n * 4];
        int[] ys = new int[n];
        for (float[] x : List.of(xs, xt)) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 4; k++) {
                    x[4 * i + k] = (float) (r.nextGaussian() + (x == xt && k >= 2 ? 3 : 0));
                }
                if (x == xs) {
                    ys[i] = x[4 * i] + x[4 * i + 1] > 0 ? 1 : 0;
                }
            }
        }
        List<Double> live = new ArrayList<>();
        TaskMonitor listening = listening(live);
        try (BuiltInEncoder noReversal = BuiltInEncoder.dann(xs, n, ys, xt, n, new long[] {4}, 2, 32, 8, 10, 0, 3,
                TaskMonitor.NONE);
             BuiltInEncoder dann = BuiltInEncoder.dann(xs, n, ys, xt, n, new long[] {4}, 2, 32, 8, 10, 1, 3,
                     listening)) {
            // without the reversal the head learns the side; with it, the encoder keeps it near a
            // coin toss (it moves the features wherever the head is wrong), while still learning the label
            // (0.874 and 0.409 when written)
            assertThat(noReversal.domainAccuracy()).isGreaterThan(0.8);
            assertThat(dann.domainAccuracy()).isBetween(0.3, 0.75);
            assertThat(dann.trainAccuracy()).isGreaterThan(0.9);
            assertThat(dann.lossCurve()).hasSize(10 * 12); // 3,000 rows in batches of 256
            assertThat(live).hasSize(120);
        }
    }

    @Test
    void interpolationIsExactAtItsEndsAndLinearInBetween() {
        Spurious data = Spurious.of(1000, 0.95, 4);
        try (BuiltInEncoder m = BuiltInEncoder.mlp(data.x(), data.n(), 2, data.y(), 2, 16, 8, 3, 1,
                TaskMonitor.NONE)) {
            float[][] a = m.parameters();
            double[] before = m.encode(data.x(), data.n(), TaskMonitor.NONE).probabilities();
            double[] losses = m.fineTune(data.x(), data.n(), flip(data.y()), 2, 5, TaskMonitor.NONE);
            assertThat(losses).hasSize(2 * 4); // 1,000 rows in batches of 256
            float[][] b = m.parameters();
            double[] tuned = m.encode(data.x(), data.n(), TaskMonitor.NONE).probabilities();
            assertThat(tuned).isNotEqualTo(before);
            m.interpolate(a, b, 0);
            assertThat(m.encode(data.x(), data.n(), TaskMonitor.NONE).probabilities()).containsExactly(before);
            m.interpolate(a, b, 1);
            assertThat(m.encode(data.x(), data.n(), TaskMonitor.NONE).probabilities()).containsExactly(tuned);
            m.interpolate(a, b, 0.25);
            float[][] mid = m.parameters();
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    assertThat(mid[i][j]).isCloseTo(0.75f * a[i][j] + 0.25f * b[i][j], within(1e-6f));
                }
            }
        }
    }

    private static int[] flip(int[] y) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = 1 - y[i];
        }
        return out;
    }

    /** A monitor that keeps every value a job reports. */
    private static TaskMonitor listening(List<Double> live) {
        return new TaskMonitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void value(String series, double value) {
                live.add(value);
            }
        };
    }
}
