package org.shiftscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The audit from confusion counts alone against the audit of the rows: the same numbers, and intervals from the
 * multinomial bootstrap that agree with the rows' bootstrap to Monte Carlo error.
 */
class GroupFairnessCountsTest {

    @Test
    void countsGiveTheRowsNumbersAndIntervals() {
        for (int size : new int[] {600, 40_000}) { // row by row, and through normal binomials
            SplittableRandom rnd = new SplittableRandom(size);
            String[] names = {"a", "b", "c"};
            int n = 3 * size + 20;
            boolean[] y = new boolean[n];
            boolean[] p = new boolean[n];
            String[] g = new String[n];
            long[][] cells = new long[3][4];
            for (int i = 0; i < n; i++) {
                int k = i < 3 * size ? i % 3 : 2;
                g[i] = names[k];
                y[i] = rnd.nextDouble() < 0.3 + 0.1 * k;
                p[i] = rnd.nextDouble() < 0.8 ? y[i] : !y[i];
                cells[k][y[i] ? (p[i] ? 0 : 3) : (p[i] ? 1 : 2)]++;
            }
            GroupFairness.Result rows = GroupFairness.of(y, p, null, g, null, 30, 2000, 1);
            GroupFairness.Result counts = GroupFairness.ofCounts(names, cells, null, 30, 2000, 2);
            assertThat(counts.reference()).isEqualTo(rows.reference());
            assertThat(counts.n()).isEqualTo(rows.n());
            double tolerance = 4.0 / Math.sqrt(size); // a tenth of the interval's width or so
            for (int k = 0; k < 3; k++) {
                for (String m : GroupFairness.METRICS) {
                    if (m.equals("ece")) {
                        continue;
                    }
                    Evaluation.Estimate a = rows.groups().get(k).values().get(m);
                    Evaluation.Estimate b = counts.groups().get(k).values().get(m);
                    assertThat(b.value()).as(m).isEqualTo(a.value());
                    assertThat(b.low()).as(m + " low, " + size).isCloseTo(a.low(), within(0.1 * tolerance));
                    assertThat(b.high()).as(m + " high, " + size).isCloseTo(a.high(), within(0.1 * tolerance));
                }
            }
            for (int d = 0; d < rows.disparities().size(); d++) {
                GroupFairness.Disparity a = rows.disparities().get(d);
                GroupFairness.Disparity b = counts.disparities().get(d);
                assertThat(b.name()).isEqualTo(a.name());
                assertThat(b.value().value()).as(a.name()).isEqualTo(a.value().value());
                assertThat(b.value().low()).as(a.name() + " low").isCloseTo(a.value().low(), within(0.15 * tolerance));
            }
        }
    }
}
