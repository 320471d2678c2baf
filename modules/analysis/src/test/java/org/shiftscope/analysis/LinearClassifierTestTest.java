package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

/**
 * The linear classifier test: its discriminant against the normal equations solved by hand (Gauss-Jordan, written
 * here), its folds blind to the labels, and its p-value's level on synthetic nulls.
 */
class LinearClassifierTestTest {

    @Test
    void weightsSolveTheRidgeNormalEquations() {
        int n = 30;
        int d = 3;
        SplittableRandom r = new SplittableRandom(4);
        double[] x = new double[2 * n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() + (i / d >= n && i % d == 1 ? 0.8 : 0);
        }
        double[] w = LinearClassifierTest.weights(x, 2 * n, d, n);
        // (X'X + lambda I_features) w = X'y with X = [x, 1], y = 0 (reference), 1 (target)
        int e = d + 1;
        double[][] a = new double[e][e + 1];
        for (int i = 0; i < 2 * n; i++) {
            double[] row = {x[i * d], x[i * d + 1], x[i * d + 2], 1};
            for (int p = 0; p < e; p++) {
                for (int q = 0; q < e; q++) {
                    a[p][q] += row[p] * row[q];
                }
                a[p][e] += (i >= n ? 1 : 0) * row[p];
            }
        }
        for (int p = 0; p < d; p++) {
            a[p][p] += LinearClassifierTest.RIDGE * 2 * n;
        }
        for (int c = 0; c < e; c++) {
            double pivot = a[c][c];
            for (int q = 0; q <= e; q++) {
                a[c][q] /= pivot;
            }
            for (int p = 0; p < e; p++) {
                if (p != c) {
                    double f = a[p][c];
                    for (int q = 0; q <= e; q++) {
                        a[p][q] -= f * a[c][q];
                    }
                }
            }
        }
        for (int p = 0; p < e; p++) {
            assertThat(w[p]).isCloseTo(a[p][e], within(1e-9));
        }
        assertThat(Math.abs(w[1])).isGreaterThan(Math.max(Math.abs(w[0]), Math.abs(w[2])));
    }

    @Test
    void foldsIgnoreTheLabelsAndAreBalanced() {
        int[] f = LinearClassifierTest.folds(103, 7);
        int[] count = new int[ClassifierTest.FOLDS];
        for (int v : f) {
            count[v]++;
        }
        assertThat(count).containsExactly(21, 21, 21, 20, 20);
        assertThat(LinearClassifierTest.folds(103, 7)).isEqualTo(f);
    }

    @Test
    void nullsAreRejectedAtTheirLevelAndShiftsDetected() {
        int rejections = 0;
        int detected = 0;
        List<String> names = List.of("a", "b", "c", "d");
        for (int t = 0; t < 60; t++) {
            SplittableRandom r = new SplittableRandom(100 + t);
            double[] v = new double[160 * 4];
            double[] shifted = new double[160 * 4];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
                shifted[i] = v[i] + (i / 4 >= 80 && i % 4 == 3 ? 0.6 : 0);
            }
            rejections += ClassifierTest.test(v, 160, 4, 80, names, t, TaskMonitor.NONE).pValue() < 0.05 ? 1 : 0;
            ClassifierTest.Result s = ClassifierTest.test(shifted, 160, 4, 80, names, t, TaskMonitor.NONE);
            detected += s.pValue() < 0.05 ? 1 : 0;
        }
        // Binomial(60, 0.05): at most 9 with probability 0.995
        assertThat(rejections).isBetween(0, 9);
        // a 0.6 sd shift of one of four columns at 80 rows a side: detected most of the time
        assertThat(detected).isGreaterThan(40);
    }
}
