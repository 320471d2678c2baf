package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class ClassifierTestTest {

    private static java.util.List<String> names(int d) {
        return java.util.stream.IntStream.range(0, d).mapToObj(k -> "f" + k).toList();
    }

    @Test
    void aucByHandWithTies() {
        // target scores {0.9, 0.4, 0.4}, reference {0.4, 0.1}: 0.9 beats both (2); each 0.4 beats 0.1 and ties
        // 0.4 (1.5 each): (2 + 1.5 + 1.5) / 6 pairs
        double[] s = {0.4, 0.1, 0.9, 0.4, 0.4};
        int[] y = {0, 0, 1, 1, 1};
        assertThat(ClassifierTest.auc(s, y)).isCloseTo(5.0 / 6, within(1e-15));
    }

    @Test
    void aucMatchesScikitLearnWithManyTies() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(getClass().getResource("/sklearn/auc_scores.csv").toURI()).getParent();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("auc_scores.csv"));
        double[] s = new double[lines.size() - 1];
        int[] y = new int[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            y[i - 1] = Integer.parseInt(f[0]);
            s[i - 1] = Double.parseDouble(f[1]);
        }
        double expected = Double.parseDouble(java.nio.file.Files.readString(dir.resolve("auc_expected.txt")).strip());
        assertThat(ClassifierTest.auc(s, y)).isCloseTo(expected, within(1e-12)); // sklearn.metrics.roc_auc_score
    }

    @Test
    void erfcAtKnownPoints() {
        assertThat(ClassifierTest.erfc(0)).isCloseTo(1, within(1e-7));
        assertThat(ClassifierTest.erfc(1)).isCloseTo(0.157299207050285, within(2e-7));
        assertThat(ClassifierTest.erfc(-1)).isCloseTo(1.842700792949715, within(2e-7));
    }

    private static double[] pooled(int n, int m, int d, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(n + m) * d];
        for (int i = 0; i < n + m; i++) {
            for (int k = 0; k < d; k++) {
                v[i * d + k] = r.nextGaussian() + (i >= n && k == 2 ? shift : 0);
            }
        }
        return v;
    }

    @Test
    void findsTheShiftedFeature() {
        ClassifierTest.Result r = ClassifierTest.test(pooled(400, 400, 4, 1.0, 1), 800, 4, 400,
                names(4), 7, TaskMonitor.NONE);
        // a unit mean shift in one feature: the Bayes AUC is Phi(1 / sqrt 2) = 0.760
        assertThat(r.auc()).isCloseTo(0.76, within(0.05));
        assertThat(r.pValue()).isLessThan(1e-10);
        assertThat(r.topFeatures().get(0)).isEqualTo("f2");
    }

    @Test
    void noShiftGivesChanceAuc() {
        int rejections = 0;
        for (int s = 0; s < 30; s++) {
            ClassifierTest.Result r = ClassifierTest.test(pooled(150, 150, 3, 0, 100 + s), 300, 3, 150,
                    names(3), s, TaskMonitor.NONE);
            assertThat(r.auc()).isBetween(0.35, 0.65);
            rejections += r.pValue() < 0.05 ? 1 : 0;
        }
        assertThat(rejections).isBetween(0, 6); // Binomial(30, 0.05): 99.9 % upper bound 6
    }

    @Test
    void treesCatchAnXorShiftThatNoHyperplaneSeparates() {
        // reference: x0, x1 independent N(0, 1); target: x0 ~ N(0, 1), x1 = |N(0, 1)| with x0's sign, so both
        // marginals are unchanged and the target lies in quadrants 1 and 3 only; x2 is noise on both sides. The Bayes
        // classifier (density ratio 2 in quadrants 1 and 3, 0 elsewhere) reaches AUC 0.5 x 1 + 0.5 x 0.5 = 0.75, by
        // hand; any linear score is symmetric under the quadrant flip and stays at 0.5
        int n = 1500;
        SplittableRandom r = new SplittableRandom(11);
        double[] v = new double[2 * n * 3];
        for (int i = 0; i < 2 * n; i++) {
            double x0 = r.nextGaussian();
            double x1 = r.nextGaussian();
            v[i * 3] = x0;
            v[i * 3 + 1] = i < n ? x1 : Math.copySign(Math.abs(x1), x0);
            v[i * 3 + 2] = r.nextGaussian();
        }
        ClassifierTest.Result linear = ClassifierTest.test(v, 2 * n, 3, n, names(3), 0, TaskMonitor.NONE);
        ClassifierTest.Result trees = ClassifierTest.test(v, 2 * n, 3, n, names(3), 0, ClassifierTest.Learner.GBT,
                TaskMonitor.NONE);
        assertThat(linear.auc()).as("logistic").isBetween(0.45, 0.56);
        assertThat(linear.pValue()).isGreaterThan(1e-3);
        assertThat(trees.auc()).as("trees").isBetween(0.70, 0.78);
        assertThat(trees.pValue()).isLessThan(1e-20);
        assertThat(trees.topFeatures().subList(0, 2)).containsExactlyInAnyOrder("f0", "f1");
        assertThat(trees.method()).startsWith("gradient-boosted trees");
        // seeded: the same AUC again
        assertThat(ClassifierTest.test(v, 2 * n, 3, n, names(3), 0, ClassifierTest.Learner.GBT, TaskMonitor.NONE)
                .auc()).isEqualTo(trees.auc());
    }
}
