package org.shiftscope.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class TsneTest {

    private static final int N = 300;
    private static final double[] X = Reference.matrix("blobs.npy");

    @Test
    void jointProbabilitiesMatchScikitLearn() {
        float[] p = Tsne.jointProbabilities(X, N, 10, 30);
        double[] expected = Reference.matrix("tsne_p.npy");
        double total = 0;
        for (int i = 0; i < N * N; i++) {
            total += p[i];
            // scikit-learn stops its bisection at an entropy error of 1e-5 and works in float32
            assertThat((double) p[i]).as("p[%d]", i).isCloseTo(expected[i], within(2e-4 * expected[i] + 1e-9));
        }
        assertThat(total).isCloseTo(1, within(1e-5));
    }

    @Test
    void objectiveAndGradientMatchScikitLearn() {
        float[] p = Tsne.jointProbabilities(X, N, 10, 30);
        double[] y = Reference.matrix("tsne_y.npy");
        double[] grad = new double[2 * N];
        double kl = Tsne.objective(p, 1, y, N, grad, true);
        assertThat(kl).isCloseTo(Reference.value("tsne_kl"), within(1e-4));
        double[] expected = Reference.matrix("tsne_grad.npy");
        for (int i = 0; i < 2 * N; i++) {
            assertThat(grad[i]).as("grad[%d]", i).isCloseTo(expected[i], within(1e-6 + 1e-3 * Math.abs(expected[i])));
        }
    }

    @Test
    void mapIsAsTrustworthyAsScikitLearns() {
        Projector.Result r = Projector.project(X, N, 10, Projector.Options.of(Projector.Method.TSNE, 7), TaskMonitor.NONE);
        assertThat(r.fitted()).isEqualTo(N);
        double t = Trustworthiness.of(X, N, 10, r.xy(), 10);
        assertThat(t).isGreaterThan(Reference.value("trust_sklearn_tsne") - 0.01);
        assertThat(r.trustworthiness()).isCloseTo(t, within(1e-12));
        assertThat(r.kl()).isLessThan(1.0);
    }
}
