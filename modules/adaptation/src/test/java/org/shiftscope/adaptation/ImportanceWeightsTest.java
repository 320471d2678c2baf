package org.shiftscope.adaptation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class ImportanceWeightsTest {

    @Test
    void weightsFollowAPlantedDensityRatio() {
        // reference x ~ N(0, I_2), target x ~ N((0.6, 0), I_2): the true ratio is exp(0.6 x1 - 0.18)
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 4000;
        int m = 4000;
        double[] pooled = new double[(n + m) * 2];
        for (int i = 0; i < n + m; i++) {
            pooled[2 * i] = rnd.nextGaussian() + (i >= n ? 0.6 : 0);
            pooled[2 * i + 1] = rnd.nextGaussian();
        }
        ImportanceWeights.Result r = ImportanceWeights.fit(pooled, n + m, 2, n, 1, TaskMonitor.NONE);
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = Math.exp(0.6 * pooled[2 * i] - 0.18);
        }
        assertThat(pearson(r.weights(), truth)).isGreaterThan(0.95);
        double mean = java.util.Arrays.stream(r.weights()).average().orElseThrow();
        assertThat(mean).isCloseTo(1, within(1e-12));
        // the ESS of the true ratio: n / E[w^2] = n / exp(0.36) = 2,791; the estimate's is near it
        assertThat(r.ess()).isCloseTo(n / Math.exp(0.36), within(250.0));
    }

    @Test
    void kliepWeightsFollowAPlantedDensityRatioToo() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 2000;
        int m = 2000;
        double[] pooled = new double[(n + m) * 2];
        for (int i = 0; i < n + m; i++) {
            pooled[2 * i] = rnd.nextGaussian() + (i >= n ? 0.6 : 0);
            pooled[2 * i + 1] = rnd.nextGaussian();
        }
        ImportanceWeights.Result r = Kliep.fit(pooled, n + m, 2, n, 1);
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = Math.exp(0.6 * pooled[2 * i] - 0.18);
        }
        // kernels centred on target points cannot follow the exponential ratio into the reference's far tail
        // (Pearson 0.78 when written), but they order the points as the true ratio does
        assertThat(pearson(ranks(r.weights()), ranks(truth))).isGreaterThan(0.9);
        assertThat(java.util.Arrays.stream(r.weights()).average().orElseThrow()).isCloseTo(1, within(1e-12));
    }

    @Test
    void essAndResamplingFollowTheirDefinitions() {
        assertThat(ImportanceWeights.ess(new double[] {1, 1, 1, 1})).isEqualTo(4.0);
        assertThat(ImportanceWeights.ess(new double[] {4, 0, 0, 0})).isEqualTo(1.0);
        // weights 1 : 3: about a quarter of the draws pick index 0 (binomial sd 0.0043 for 10,000 draws)
        int[] pick = ImportanceWeights.resample(new double[] {1, 3}, 10_000, 3);
        double zeros = java.util.Arrays.stream(pick).filter(i -> i == 0).count() / 10_000.0;
        assertThat(zeros).isCloseTo(0.25, within(0.015));
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            r[order[k]] = k;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow();
        double mb = java.util.Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
