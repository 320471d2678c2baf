package org.shiftscope.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.Pca;
import org.shiftscope.core.TaskMonitor;

class SparseTsneTest {

    private static final int N = 300;
    private static final double[] X = Reference.matrix("blobs.npy");

    @Test
    void neighbourAffinitiesMatchScikitLearns() {
        SparseTsne.Affinities a = SparseTsne.affinities(X, N, 10, 30, 1, TaskMonitor.NONE);
        double[] expected = Reference.full("sparse_p.npy");
        double[] dense = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int e = a.start()[i]; e < a.start()[i + 1]; e++) {
                dense[i * N + a.col()[e]] = a.p()[e];
            }
        }
        double total = 0;
        for (int i = 0; i < N * N; i++) {
            // scikit-learn stops its bisection once a row's entropy is within 1e-5 of log(perplexity) (ours: 1e-10),
            // which leaves its far neighbours' values a few 1e-5 off
            assertThat(dense[i]).as("p[%d, %d]", i / N, i % N).isCloseTo(expected[i], within(1e-4 * expected[i] + 1e-12));
            total += dense[i];
        }
        assertThat(total).isCloseTo(1, within(1e-12));
    }

    @Test
    void interpolatedRepulsionMatchesTheExactSums() {
        // clustered points at three scales of the map: one box, tens of boxes, the growth t-SNE's maps reach
        for (double scale : new double[] {0.001, 2, 15}) {
            int n = 1500;
            SplittableRandom rnd = new SplittableRandom(11);
            double[] y = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double cx = scale * 3 * (i % 4);
                y[2 * i] = cx + scale * rnd.nextGaussian();
                y[2 * i + 1] = scale * rnd.nextGaussian();
            }
            double[] rep = new double[2 * n];
            double z = new InterpolatedRepulsion().forces(y, n, rep);
            double exactZ = 0;
            double[] exact = new double[2 * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        double d1 = y[2 * i] - y[2 * j];
                        double d2 = y[2 * i + 1] - y[2 * j + 1];
                        double k = 1 / (1 + d1 * d1 + d2 * d2);
                        exactZ += k;
                        exact[2 * i] += k * k * d1;
                        exact[2 * i + 1] += k * k * d2;
                    }
                }
            }
            double err = 0;
            double norm = 0;
            for (int c = 0; c < 2 * n; c++) {
                err += (rep[c] - exact[c]) * (rep[c] - exact[c]);
                norm += exact[c] * exact[c];
            }
            // quadratic interpolation on boxes of at most one unit: within 1 % (measured 0.56 % at scale 15)
            assertThat(z).as("Z at scale %s", scale).isCloseTo(exactZ, within(1e-2 * exactZ));
            assertThat(Math.sqrt(err / norm)).as("forces at scale %s", scale).isLessThan(2e-2);
        }
    }

    @Test
    void mapIsAsTrustworthyAsScikitLearnsBarnesHut() {
        SparseTsne.Affinities a = SparseTsne.affinities(X, N, 10, 30, 1, TaskMonitor.NONE);
        double[] init = Pca.fit(X, N, 10, 2, 1).transform(X, N);
        double[] kl = new double[1];
        double[] y = SparseTsne.fit(a, init, 1000, TaskMonitor.NONE, kl);
        double t = Trustworthiness.of(X, N, 10, y, 10);
        assertThat(t).isGreaterThan(Reference.fullValue("expected_tsne.csv") - 0.005);
        assertThat(kl[0]).isBetween(0.0, 2.0);
    }
}
