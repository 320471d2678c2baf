package org.shiftscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastExpTest {

    @Test
    void agreesWithMathExpToTwelveDigitsOverTheWholeNormalRange() {
        SplittableRandom r = new SplittableRandom(3);
        double worst = 0;
        for (int t = 0; t < 1_000_000; t++) {
            double x = -708 + 1417 * r.nextDouble();
            worst = Math.max(worst, Math.abs(FastExp.exp(x) / Math.exp(x) - 1));
        }
        // the range-reduction boundaries x = (k + 1/2) ln 2, where |r| is largest
        for (int k = -1020; k <= 1020; k++) {
            double x = (k + 0.5) * Math.log(2);
            if (x > -708 && x < 709) {
                worst = Math.max(worst, Math.abs(FastExp.exp(x) / Math.exp(x) - 1));
            }
        }
        assertThat(worst).isLessThan(1e-12);
    }

    @Test
    void exactValuesAndTheEdgesOfTheRange() {
        assertThat(FastExp.exp(0)).isEqualTo(1.0);
        assertThat(FastExp.exp(Math.log(2) * 10)).isCloseTo(1024.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(FastExp.exp(-800)).isZero();
        assertThat(FastExp.exp(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(FastExp.exp(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(FastExp.exp(Double.NaN)).isNaN();
    }
}
