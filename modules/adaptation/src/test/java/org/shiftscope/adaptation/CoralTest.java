package org.shiftscope.adaptation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoralTest {

    @Test
    void matrixPowersOfAHandMatrix() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3; its square root is [[1.366, 0.366], [0.366, 1.366]]
        double[] s = {2, 1, 1, 2};
        assertThat(Coral.power(s, 2, 1)).containsExactly(s, within(1e-12));
        double r = (Math.sqrt(3) + 1) / 2;
        double o = (Math.sqrt(3) - 1) / 2;
        assertThat(Coral.power(s, 2, 0.5)).containsExactly(new double[] {r, o, o, r}, within(1e-12));
    }

    @Test
    void alignedReferenceHasTheTargetsCovariance() {
        // reference: independent unit features; target: correlated and scaled (x2 = 0.8 x1 + 0.6 z, x3 x 3)
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 3000;
        int d = 3;
        double[] ref = new double[n * d];
        double[] tgt = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                ref[i * d + a] = rnd.nextGaussian();
            }
            double z1 = rnd.nextGaussian();
            tgt[i * d] = z1;
            tgt[i * d + 1] = 0.8 * z1 + 0.6 * rnd.nextGaussian();
            tgt[i * d + 2] = 3 * rnd.nextGaussian();
        }
        // with a vanishing lambda the aligned covariance equals the target's exactly (up to rounding)
        double[] aligned = Coral.align(ref, n, tgt, n, d, 1e-12);
        double[] got = Coral.covariance(aligned, n, d, 0);
        double[] want = Coral.covariance(tgt, n, d, 0);
        assertThat(got).containsExactly(want, within(1e-9));
    }
}
