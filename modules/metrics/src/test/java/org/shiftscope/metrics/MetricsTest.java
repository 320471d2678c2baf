package org.shiftscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shiftscope.io.TestResources;

/** Metrics against scikit-learn and NumPy (sklearn/make_fixtures.py). */
class MetricsTest {

    private static final int K = 3;

    private static double[] fixture(String name) {
        return TestResources.matrix(MetricsTest.class, "/sklearn/" + name);
    }

    private static int[] ints(double[] v) {
        return TestResources.ints(v);
    }

    private static Map<String, Double> expected() throws Exception {
        Map<String, Double> m = new HashMap<>();
        List<String> lines = Files.readAllLines(TestResources.path(MetricsTest.class, "/sklearn/expected.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            m.put(f[0], Double.parseDouble(f[1]));
        }
        return m;
    }

    @Test
    void everyMetricMatchesScikitLearn() throws Exception {
        double[] p = fixture("probs.npy");
        int[] y = ints(fixture("labels.npy"));
        int[] pred = Metrics.predictions(p, K);
        Map<String, Double> want = expected();
        assertThat(Metrics.accuracy(pred, y)).isCloseTo(want.get("accuracy"), within(1e-15));
        assertThat(Metrics.balancedAccuracy(pred, y, K)).isCloseTo(want.get("balanced_accuracy"), within(1e-15));
        assertThat(Metrics.macroF1(pred, y, K)).isCloseTo(want.get("macro_f1"), within(1e-15));
        assertThat(Metrics.nll(p, K, y)).isCloseTo(want.get("nll"), within(1e-13));
        assertThat(Metrics.brier(p, K, y)).isCloseTo(want.get("brier"), within(1e-13));
        assertThat(Metrics.reliability(p, K, y, 15).ece()).isCloseTo(want.get("ece"), within(1e-13));
    }

    @Test
    void evaluationGivesGroupsWorstGroupAndIntervalsAroundThePointValues() throws Exception {
        double[] p = fixture("probs.npy");
        int[] y = ints(fixture("labels.npy"));
        String[] group = java.util.Arrays.stream(ints(fixture("groups.npy"))).mapToObj(g -> "g" + g)
                .toArray(String[]::new);
        Map<String, Double> want = expected();
        Evaluation.Result r = Evaluation.of(p, K, y, group, 2000, 7);
        assertThat(r.metrics().get("accuracy").value()).isCloseTo(want.get("accuracy"), within(1e-15));
        for (int g = 0; g < 3; g++) {
            assertThat(r.groups().get(g).group()).isEqualTo("g" + g);
            assertThat(r.groups().get(g).accuracy().value()).isCloseTo(want.get("group_" + g + "_accuracy"),
                    within(1e-15));
        }
        assertThat(r.worstGroup().value()).isCloseTo(want.get("worst_group_accuracy"), within(1e-15));
        // the bootstrap interval of an accuracy is close to the normal approximation p +- 1.96 sqrt(p (1 - p) / n)
        double acc = want.get("accuracy");
        double half = 1.96 * Math.sqrt(acc * (1 - acc) / 500);
        Evaluation.Estimate a = r.metrics().get("accuracy");
        assertThat(a.low()).isCloseTo(acc - half, within(0.006));
        assertThat(a.high()).isCloseTo(acc + half, within(0.006));
        // bias-corrected intervals hold their point value, even for the ECE that resampling inflates
        for (Evaluation.Estimate e : r.metrics().values()) {
            assertThat(e.low()).isLessThanOrEqualTo(e.value());
            assertThat(e.high()).isGreaterThanOrEqualTo(e.value());
        }
        // seeded: the same intervals again
        assertThat(Evaluation.of(p, K, y, group, 2000, 7).metrics()).isEqualTo(r.metrics());
    }

    @Test
    void reliabilityBinsHoldTheirConfidencesAndEdgesGoDown() {
        // confidences 0.6 (right), 0.6 (wrong), 0.95 (right): ECE = 2/3 |0.5 - 0.6| + 1/3 |1 - 0.95| = 0.08333
        double[] p = {0.6, 0.4, 0.4, 0.6, 0.95, 0.05};
        Metrics.Reliability r = Metrics.reliability(p, 2, new int[] {0, 0, 0}, 10);
        assertThat(r.ece()).isCloseTo(2 / 3.0 * 0.1 + 1 / 3.0 * 0.05, within(1e-12));
        assertThat(r.count()[5]).isEqualTo(2); // 0.6 lies on the edge of (0.5, 0.6]
        assertThat(r.count()[9]).isEqualTo(1);
        assertThat(Metrics.bin(0.2, 10)).isEqualTo(1);
        assertThat(Metrics.bin(0.2000001, 10)).isEqualTo(2);
    }
}
