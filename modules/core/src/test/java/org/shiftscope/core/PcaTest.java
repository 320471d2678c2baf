package org.shiftscope.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

    /**
     * 2-D points: the covariance's leading eigenvector makes the angle 0.5 atan2(2 c_xy, c_xx - c_yy) with the x
     * axis, and its eigenvalues are (c_xx + c_yy) / 2 +- sqrt(((c_xx - c_yy) / 2)^2 + c_xy^2) (closed form of a
     * symmetric 2 x 2 matrix).
     */
    @Test
    void twoDimensionalComponentsMatchTheClosedForm() {
        int n = 3000;
        SplittableRandom r = new SplittableRandom(4);
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double a = 3 * r.nextGaussian();
            double b = 0.7 * r.nextGaussian();
            x[2 * i] = 1 + a * Math.cos(0.4) - b * Math.sin(0.4);
            x[2 * i + 1] = -2 + a * Math.sin(0.4) + b * Math.cos(0.4);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[2 * i] / n;
            my += x[2 * i + 1] / n;
        }
        double cxx = 0;
        double cyy = 0;
        double cxy = 0;
        for (int i = 0; i < n; i++) {
            double u = x[2 * i] - mx;
            double v = x[2 * i + 1] - my;
            cxx += u * u / n;
            cyy += v * v / n;
            cxy += u * v / n;
        }
        double angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
        double half = Math.sqrt(Math.pow((cxx - cyy) / 2, 2) + cxy * cxy);

        Pca pca = Pca.fit(x, n, 2, 2, 7);
        assertThat(pca.mean()).containsExactly(new double[] {mx, my}, within(1e-12));
        assertThat(pca.variance()[0]).isCloseTo((cxx + cyy) / 2 + half, within(1e-9));
        assertThat(pca.variance()[1]).isCloseTo((cxx + cyy) / 2 - half, within(1e-9));
        // signed so that the largest coordinate is positive: cos(angle) > sin(angle) > 0 here
        assertThat(pca.component(0)).containsExactly(new double[] {Math.cos(angle), Math.sin(angle)}, within(1e-9));
        assertThat(pca.component(1)).containsExactly(new double[] {-Math.sin(angle), Math.cos(angle)}, within(1e-9));
        // the coordinates of the mean are (0, 0); of mean + component 0 they are (1, 0)
        double[] t = pca.transform(new double[] {mx, my, mx + Math.cos(angle), my + Math.sin(angle)}, 2);
        assertThat(t).containsExactly(new double[] {0, 0, 1, 0}, within(1e-9));
    }

    @Test
    void axisAlignedVariancesComeOutLargestFirstWhateverTheSeed() {
        // independent columns with standard deviations 1, 5, 2: components are the axes 1, 2, 0
        int n = 4000;
        SplittableRandom r = new SplittableRandom(8);
        double[] x = new double[3 * n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = r.nextGaussian();
            x[3 * i + 1] = 5 * r.nextGaussian();
            x[3 * i + 2] = 2 * r.nextGaussian();
        }
        for (long seed : new long[] {0, 1, 99}) {
            Pca pca = Pca.fit(x, n, 3, 3, seed);
            assertThat(Math.abs(pca.component(0)[1])).isCloseTo(1, within(1e-3));
            assertThat(Math.abs(pca.component(1)[2])).isCloseTo(1, within(1e-3));
            assertThat(Math.abs(pca.component(2)[0])).isCloseTo(1, within(1e-3));
            assertThat(pca.variance()[0]).isCloseTo(25, within(1.5));
            assertThat(pca.variance()[1]).isCloseTo(4, within(0.3));
            assertThat(pca.variance()[2]).isCloseTo(1, within(0.1));
        }
    }
}
