package org.shiftscope.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;

class ScenariosTest {

    private static double mean(Dataset d, String col) {
        double[] v = ((NumericColumn) d.requireColumn(col)).values();
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double meanRadius(Dataset d) {
        double[] x = ((NumericColumn) d.requireColumn("x")).values();
        double[] y = ((NumericColumn) d.requireColumn("y")).values();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.hypot(x[i], y[i]);
        }
        return s / x.length;
    }

    @Test
    void gaussianMeanShiftMovesOnlyTheFirstTwoFeatures() {
        Scenario s = Scenarios.generate(Scenarios.GAUSSIAN_MEAN_SHIFT, 20_000, 1);
        // standard error of a mean of 20,000 unit-variance draws is 0.007; 0.03 is over 4 of them
        assertThat(mean(s.target(), "x1") - mean(s.reference(), "x1")).isCloseTo(2.0, within(0.03));
        assertThat(mean(s.target(), "x2") - mean(s.reference(), "x2")).isCloseTo(-1.0, within(0.03));
        assertThat(mean(s.target(), "x3") - mean(s.reference(), "x3")).isCloseTo(0.0, within(0.03));
    }

    @Test
    void mixtureRingRadiusGoesFromTenToTwenty() {
        Scenario s = Scenarios.generate(Scenarios.MIXTURE_RING, 6_000, 3);
        // E|m + e| for |m| = r, e ~ N(0, I_2) is r + 1/(2r) to first order
        assertThat(meanRadius(s.reference())).isCloseTo(10.05, within(0.05));
        assertThat(meanRadius(s.target())).isCloseTo(20.025, within(0.05));
    }

    @Test
    void sameSeedSameData() {
        Scenario a = Scenarios.generate(Scenarios.MIXTURE_RING, 100, 9);
        Scenario b = Scenarios.generate(Scenarios.MIXTURE_RING, 100, 9);
        assertThat(((NumericColumn) a.target().requireColumn("x")).values())
                .containsExactly(((NumericColumn) b.target().requireColumn("x")).values());
    }
}
