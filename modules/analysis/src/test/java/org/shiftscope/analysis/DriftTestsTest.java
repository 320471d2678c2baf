package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RowFilter;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.DataLoader;
import org.shiftscope.io.SharedData;

/** Reference values: scipy/make_fixtures.py (SciPy 1.10.1) and hand calculations. */
class DriftTestsTest {

    private static final Map<String, Double> EXPECTED = new HashMap<>();
    private static Dataset adult;

    @BeforeAll
    static void load() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(DriftTestsTest.class.getResource("/scipy/expected.csv").toURI()));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            EXPECTED.put(f[0] + "/" + f[1] + "/" + f[2], Double.parseDouble(f[3]));
        }
        adult = DataLoader.load(SharedData.file("adult.csv"));
    }

    private static double expected(String kase, String column, String quantity) {
        return EXPECTED.get(kase + "/" + column + "/" + quantity);
    }

    @Test
    void correctionsByHand() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertThat(MultipleTesting.HOLM.adjust(p)).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
        assertThat(MultipleTesting.BH.adjust(p)).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-15));
        assertThat(MultipleTesting.NONE.adjust(p)).containsExactly(p);
    }

    @Test
    void survivalFunctionsAtKnownPoints() { // values: scipy.stats.chi2.sf and kstwobign.sf (SciPy 1.10.1)
        assertThat(Distributions.chiSquareSurvival(3.841458820694124, 1)).isCloseTo(0.05, within(1e-12));
        assertThat(Distributions.chiSquareSurvival(10, 4)).isCloseTo(0.040427681994512805, within(1e-12));
        assertThat(Distributions.chiSquareSurvival(100, 60)).isCloseTo(0.0009168288614560842, within(1e-15)); // scipy.stats.chi2.sf
        // Kolmogorov: P(K > 1.3581) = 0.05 (the classic 5 % critical value), P(K > 1) = 0.26999967...
        assertThat(Distributions.kolmogorovSurvival(1.3580986393225505)).isCloseTo(0.05, within(1e-10));
        assertThat(Distributions.kolmogorovSurvival(1.0)).isCloseTo(0.26999967167735456, within(1e-12));
        assertThat(Distributions.kolmogorovSurvival(0.5)).isCloseTo(0.9639452436648751, within(1e-12));
    }

    private static int[] rows(String filter) {
        return RowFilter.parse(filter).apply(adult);
    }

    private static Dataset[] halves() {
        int n = adult.rowCount();
        int[] even = java.util.stream.IntStream.range(0, n).filter(i -> i % 2 == 0).toArray();
        int[] odd = java.util.stream.IntStream.range(0, n).filter(i -> i % 2 == 1).toArray();
        return new Dataset[] {adult.selectRows(even), adult.selectRows(odd)};
    }

    @Test
    void matchesScipyOnAdult() {
        Dataset[][] cases = {{adult.selectRows(rows("sex=Male")), adult.selectRows(rows("sex=Female"))}, halves()};
        String[] names = {"sex", "halves"};
        List<String> numeric = List.of("age", "hours-per-week", "education-num", "capital-gain");
        List<String> categorical = List.of("race", "workclass", "income-per-year", "relationship");
        for (int c = 0; c < 2; c++) {
            List<String> cols = new java.util.ArrayList<>(numeric);
            cols.addAll(categorical);
            List<ColumnDrift> out = UnivariateDrift.test(cases[c][0], cases[c][1], cols, MultipleTesting.NONE, 0.05,
                    TaskMonitor.NONE);
            for (ColumnDrift d : out) {
                String k = names[c] + " " + d.column();
                if (numeric.contains(d.column())) {
                    assertThat(d.test()).isEqualTo("ks");
                    assertThat(d.statistic()).as(k).isCloseTo(expected(names[c], d.column(), "ks_statistic"), within(1e-12));
                    assertThat(d.pValue()).as(k).isCloseTo(expected(names[c], d.column(), "ks_p"), within(1e-10));
                    assertThat(d.w1()).as(k).isCloseTo(expected(names[c], d.column(), "w1"), within(1e-9));
                } else {
                    assertThat(d.test()).isEqualTo("chi2");
                    assertThat(d.statistic()).as(k).isCloseTo(expected(names[c], d.column(), "chi2_statistic"), within(1e-8));
                    assertThat(d.pValue()).as(k).isCloseTo(expected(names[c], d.column(), "chi2_p"), within(1e-10));
                }
                assertThat(d.psi()).as(k).isCloseTo(expected(names[c], d.column(), "psi"), within(1e-12));
                assertThat(d.js()).as(k).isCloseTo(expected(names[c], d.column(), "js"), within(1e-12));
            }
        }
    }

    @Test
    void flagsTheSexSplitAndNotRandomHalves() {
        List<String> cols = adult.columnNames().stream().filter(c -> !c.equals("sex")).toList();
        List<ColumnDrift> sex = UnivariateDrift.test(adult.selectRows(rows("sex=Male")),
                adult.selectRows(rows("sex=Female")), cols, MultipleTesting.HOLM, 0.05, TaskMonitor.NONE);
        assertThat(sex.stream().filter(ColumnDrift::drift).map(ColumnDrift::column))
                .contains("relationship", "hours-per-week", "income-per-year", "occupation", "marital-status");
        Dataset[] h = halves();
        List<ColumnDrift> same = UnivariateDrift.test(h[0], h[1], cols, MultipleTesting.HOLM, 0.05, TaskMonitor.NONE);
        assertThat(same.stream().filter(ColumnDrift::drift)).isEmpty();
    }

    @Test
    void ksIsCalibratedOnRandomSplits() {
        // 200 seeded random halves of fnlwgt (nearly continuous): rejections at alpha = 0.05 should be Binomial(200, 0.05),
        // mean 10; the two-sided 99.9 % interval of that binomial is [2, 21]
        double[] fnlwgt = ((NumericColumn) adult.requireColumn("fnlwgt")).values();
        SplittableRandom rnd = new SplittableRandom(42);
        int rejections = 0;
        for (int s = 0; s < 200; s++) {
            double[] shuffled = fnlwgt.clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            int half = shuffled.length / 2;
            DriftTests.Raw r = DriftTests.numeric(Arrays.copyOf(shuffled, half),
                    Arrays.copyOfRange(shuffled, half, shuffled.length));
            rejections += r.pValue() < 0.05 ? 1 : 0;
        }
        assertThat(rejections).isBetween(2, 21);
    }
}
