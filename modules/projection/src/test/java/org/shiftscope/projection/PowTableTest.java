package org.shiftscope.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowTableTest {

    @Test
    void agreesWithMathPowToTheStatedBound() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (double b : new double[] {Umap.curve(0.1, 1)[1], Umap.curve(0.5, 1)[1], 0.5, 1, 2.7}) {
            PowTable t = new PowTable(b);
            double bound = b * Math.abs(b - 1) / (8.0 * PowTable.STEPS * PowTable.STEPS) + 1e-15;
            for (int i = 0; i < 200_000; i++) {
                double x = Math.exp(rnd.nextDouble(-40, 40));
                double expected = Math.pow(x, b);
                assertThat(Math.abs(t.pow(x) - expected)).as("%s^%s", x, b).isLessThanOrEqualTo(bound * expected);
            }
            // grid points are exact up to rounding; edge cases go to Math.pow
            assertThat(t.pow(4)).isCloseTo(Math.pow(4, b), org.assertj.core.api.Assertions.within(1e-15 * Math.pow(4, b)));
            assertThat(t.pow(0)).isEqualTo(Math.pow(0, b));
            assertThat(t.pow(Double.MIN_VALUE)).isEqualTo(Math.pow(Double.MIN_VALUE, b));
            assertThat(t.pow(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }
}
