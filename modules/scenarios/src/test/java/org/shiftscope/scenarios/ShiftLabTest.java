package org.shiftscope.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;

/** Each classroom scenario against the closed form of its shift, at several intensities (20,000 rows a side). */
class ShiftLabTest {

    private static final int N = 20_000;
    /** Over 4 standard errors of a mean of N unit-variance draws (0.0071), or of a share near 0.5 (0.0035). */
    private static final double MEAN_TOL = 0.03;
    private static final double SHARE_TOL = 0.015;

    private static double[] col(Dataset d, String c) {
        return ((NumericColumn) d.requireColumn(c)).values();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static double share(Dataset d, String column, String value) {
        Column c = d.requireColumn(column);
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            k += c.text(i).equals(value) ? 1 : 0;
        }
        return (double) k / c.size();
    }

    @Test
    void covariateShiftMovesTheMeanOrTheSpreadAndKeepsTheRule() {
        for (double t : new double[] {0, 0.5, 1}) {
            Scenario s = Scenarios.generate(ShiftLab.COVARIATE_MEAN, N, 3, t);
            assertThat(mean(col(s.target(), "x1")) - mean(col(s.reference(), "x1"))).as("t " + t)
                    .isCloseTo(3 * t, within(MEAN_TOL));
            Scenario spread = Scenarios.generate(ShiftLab.COVARIATE_SPREAD, N, 3, t);
            assertThat(sd(col(spread.target(), "x2"))).isCloseTo(1 + 2 * t, within(MEAN_TOL * (1 + 2 * t)));
            // the label rule is the same on both sides: x2 > 1.5 sin(1.5 x1)
            double[] x1 = col(s.target(), "x1");
            double[] x2 = col(s.target(), "x2");
            for (int i = 0; i < 100; i++) {
                assertThat(s.target().requireColumn("label").text(i)).isEqualTo(x2[i] > 1.5 * Math.sin(1.5 * x1[i])
                        ? "1" : "0");
            }
        }
    }

    @Test
    void labelShiftMovesOnlyThePriors() {
        for (double t : new double[] {0, 0.5, 1}) {
            Scenario s = Scenarios.generate(ShiftLab.LABEL_PRIOR, N, 4, t);
            assertThat(share(s.reference(), "label", "1")).isCloseTo(0.5, within(SHARE_TOL));
            assertThat(share(s.target(), "label", "1")).as("t " + t).isCloseTo(0.5 + 0.45 * t, within(SHARE_TOL));
        }
        // P(x | y) unchanged: class 1's x1 averages +1 on both sides
        Scenario s = Scenarios.generate(ShiftLab.LABEL_PRIOR, N, 4, 1);
        double[] x1 = col(s.target(), "x1");
        double sum = 0;
        int k = 0;
        for (int i = 0; i < x1.length; i++) {
            if (s.target().requireColumn("label").text(i).equals("1")) {
                sum += x1[i];
                k++;
            }
        }
        assertThat(sum / k).isCloseTo(1, within(MEAN_TOL));
    }

    @Test
    void conceptShiftDisagreesWithTheOldRuleInProportionToTheAngle() {
        // for isotropic x, two half-planes through 0 at angle a disagree on a / pi of the mass
        for (double t : new double[] {0, 0.5, 1}) {
            Dataset tgt = Scenarios.generate(ShiftLab.CONCEPT_ROTATION, N, 5, t).target();
            double[] x1 = col(tgt, "x1");
            int disagree = 0;
            for (int i = 0; i < N; i++) {
                disagree += tgt.requireColumn("label").text(i).equals(x1[i] > 0 ? "1" : "0") ? 0 : 1;
            }
            assertThat((double) disagree / N).as("t " + t).isCloseTo(t * 0.5, within(SHARE_TOL));
            assertThat(mean(x1)).isCloseTo(0, within(MEAN_TOL)); // no covariate shift
        }
    }

    @Test
    void subpopulationsEmergeAndVanishAsTheSharesSay() {
        for (double t : new double[] {0, 0.5, 1}) {
            Scenario s = Scenarios.generate(ShiftLab.SUBPOPULATION, N, 6, t);
            assertThat(share(s.reference(), "cluster", "d")).isZero();
            assertThat(share(s.target(), "cluster", "a")).as("t " + t).isCloseTo((1 - t) / 3, within(SHARE_TOL));
            assertThat(share(s.target(), "cluster", "d")).as("t " + t).isCloseTo(0.4 * t, within(SHARE_TOL));
            assertThat(share(s.target(), "cluster", "b")).isCloseTo((1 - (1 - t) / 3 - 0.4 * t) / 2,
                    within(SHARE_TOL));
        }
    }

    @Test
    void twoMoonsTurnAboutTheirCentre() {
        // turning preserves each point's distance to the centre (0.5, 0.25): the mean distance is unchanged, and
        // the upper moon's mean direction turns by the angle
        for (double t : new double[] {0, 1}) {
            Scenario s = Scenarios.generate(ShiftLab.TWO_MOONS, N, 7, t);
            double[] angles = new double[2];
            for (Dataset d : new Dataset[] {s.reference(), s.target()}) {
                double[] x1 = col(d, "x1");
                double[] x2 = col(d, "x2");
                double sx = 0;
                double sy = 0;
                for (int i = 0; i < N; i++) {
                    if (d.requireColumn("label").text(i).equals("0")) {
                        sx += x1[i] - 0.5;
                        sy += x2[i] - 0.25;
                    }
                }
                angles[d == s.reference() ? 0 : 1] = Math.atan2(sy, sx);
            }
            double turn = Math.IEEEremainder(angles[1] - angles[0], 2 * Math.PI); // into [-pi, pi]
            assertThat(turn).as("t " + t).isCloseTo(Math.PI / 3 * t, within(0.02));
        }
    }

    @Test
    void spuriousColourAgreesWithTheLabelAsOftenAsTheKnobSays() {
        for (double t : new double[] {0, 0.5, 1}) {
            Scenario s = Scenarios.generate(ShiftLab.SPURIOUS_COLOUR, 4_000, 8, t);
            assertThat(s.reference().images()).hasSize(4_000);
            assertThat(s.reference().images().get(0).channels()).isEqualTo(3);
            for (Dataset d : new Dataset[] {s.reference(), s.target()}) {
                int agree = 0;
                for (int i = 0; i < d.rowCount(); i++) {
                    boolean disc = d.requireColumn("label").text(i).equals("1");
                    boolean green = d.requireColumn("colour").text(i).equals("green");
                    agree += disc == green ? 1 : 0;
                    // the pixels hold the colour the column names: a green shape's brightest channel is green
                    byte[] px = d.images().get(i).pixels();
                    int g = 0;
                    int r = 0;
                    for (int p = 0; p < px.length; p += 3) {
                        r += px[p] & 0xFF;
                        g += px[p + 1] & 0xFF;
                    }
                    assertThat(g > r).isEqualTo(green);
                }
                double expected = d == s.reference() ? 0.5 + 0.45 * t : 0.5;
                // 4,000 draws: standard error at most 0.008
                assertThat((double) agree / d.rowCount()).as("t " + t).isCloseTo(expected, within(0.035));
            }
        }
    }

    @Test
    void intensityZeroDrawsBothSidesAlikeAndOutOfRangeIsRefused() {
        Scenario ring = Scenarios.generate(Scenarios.MIXTURE_RING, N, 9, 0);
        double[] rx = col(ring.reference(), "x");
        double[] tx = col(ring.target(), "x");
        assertThat(sd(tx)).isCloseTo(sd(rx), within(0.15)); // radius 10 both sides
        assertThat(Scenarios.generate(Scenarios.MIXTURE_RING, 10, 1).description()).contains("20.0");
        assertThatThrownBy(() -> Scenarios.generate(ShiftLab.TWO_MOONS, 10, 1, 1.5))
                .isInstanceOf(DataException.class).hasMessageContaining("from 0 (no shift) to 1, not 1.5");
        assertThat(Scenarios.catalog()).extracting(Scenarios.Entry::id).containsExactlyElementsOf(Scenarios.IDS);
    }
}
