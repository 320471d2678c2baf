package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class MmdTestTest {

    private static double[] pooled(int n, int m, int d, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(n + m) * d];
        for (int i = 0; i < n + m; i++) {
            for (int k = 0; k < d; k++) {
                v[i * d + k] = r.nextGaussian() + (i >= n && k == 0 ? shift : 0);
            }
        }
        return v;
    }

    @Test
    void statisticIsTheUnbiasedEstimateByHand() {
        double[] x = {0, 1, 3, 4, 10}; // 1-D: reference {0, 1, 3}, target {4, 10}
        MmdTest.Result r = MmdTest.test(x, 5, 1, 3, 10, 1, TaskMonitor.NONE);
        double sigma = r.bandwidth();
        // pairwise distances: 1,3,4,10,2,3,9,1,7,6 -> sorted 1,1,2,3,3,4,6,7,9,10; the median (index 5) is 4
        assertThat(sigma).isEqualTo(4.0);
        java.util.function.DoubleBinaryOperator k = (a, b) -> Math.exp(-(a - b) * (a - b) / (2 * sigma * sigma));
        double xx = (k.applyAsDouble(0, 1) + k.applyAsDouble(0, 3) + k.applyAsDouble(1, 3)) * 2 / 6;
        double yy = k.applyAsDouble(4, 10) * 2 / 2;
        double xy = 0;
        for (double a : new double[] {0, 1, 3}) {
            for (double b : new double[] {4, 10}) {
                xy += k.applyAsDouble(a, b);
            }
        }
        assertThat(r.statistic()).isCloseTo(xx + yy - 2 * xy / 6, within(1e-12));
        assertThat(r.method()).isEqualTo("exact");
    }

    @Test
    void detectsAShiftExactlyAndWithRandomFeatures() {
        MmdTest.Result exact = MmdTest.test(pooled(300, 300, 4, 0.5, 2), 600, 4, 300, 200, 3, TaskMonitor.NONE);
        assertThat(exact.pValue()).isEqualTo(1.0 / 201); // nothing permuted reaches the observed statistic
        MmdTest.Result rff = MmdTest.test(pooled(3000, 3000, 4, 0.2, 4), 6000, 4, 3000, 100, 5, TaskMonitor.NONE);
        assertThat(rff.method()).isEqualTo("random-features(512)");
        assertThat(rff.pValue()).isEqualTo(1.0 / 101);
    }

    @Test
    void calibratedUnderTheNull() {
        // 100 seeded null problems: rejections at 0.05 ~ Binomial(100, 0.05); its 99.9 % interval is [0, 13]
        int rejections = 0;
        for (int s = 0; s < 100; s++) {
            MmdTest.Result r = MmdTest.test(pooled(60, 60, 3, 0, 100 + s), 120, 3, 60, 99, s, TaskMonitor.NONE);
            rejections += r.pValue() <= 0.05 ? 1 : 0;
        }
        assertThat(rejections).isBetween(0, 13);
        // and for the linear-time estimator
        int rffRejections = 0;
        for (int s = 0; s < 40; s++) {
            MmdTest.Result r = MmdTest.test(pooled(2100, 2100, 3, 0, 500 + s), 4200, 3, 2100, 39, s, TaskMonitor.NONE);
            rffRejections += r.pValue() <= 0.05 ? 1 : 0;
        }
        assertThat(rffRejections).isBetween(0, 8); // Binomial(40, 0.05) 99.9 % upper bound is 8
    }
}
