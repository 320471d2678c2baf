package org.shiftscope.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.shiftscope.core.Pca;
import org.shiftscope.core.TaskMonitor;

class ProjectorTest {

    private static final int N = 300;
    private static final double[] X = Reference.matrix("blobs.npy");

    @Test
    void trustworthinessMatchesScikitLearn() {
        double t = Trustworthiness.of(X, N, 10, Reference.matrix("noisy_map.npy"), 10);
        assertThat(t).isCloseTo(Reference.value("trust_noisy_map"), within(1e-12));
    }

    @Test
    void pcaMatchesScikitLearnUpToSign() {
        Projector.Result r = Projector.project(X, N, 10, Projector.Options.of(Projector.Method.PCA, 1), TaskMonitor.NONE);
        double[] expected = Reference.matrix("pca2.npy");
        for (int c = 0; c < 2; c++) {
            double sign = Math.signum(r.xy()[c] * expected[c]);
            for (int i = 0; i < N; i++) {
                assertThat(sign * r.xy()[2 * i + c]).isCloseTo(expected[2 * i + c], within(1e-8));
            }
        }
    }

    @Test
    void reducesHighDimensionalPointsToTheirLeadingComponents() {
        // 784 dimensions of which only the 10 blob coordinates vary: the 50-component reduction keeps all distances
        int d = 784;
        double[] wide = new double[N * d];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 10; k++) {
                wide[i * d + 37 * k + 5] = X[i * 10 + k];
            }
        }
        Pca pca = Pca.fit(wide, N, d, Projector.REDUCED, 3);
        double[] z = pca.transform(wide, N);
        for (int i = 0; i < N; i += 17) {
            for (int j = 0; j < N; j += 13) {
                double dz = 0;
                double dx = 0;
                for (int k = 0; k < Projector.REDUCED; k++) {
                    dz += Math.pow(z[i * 50 + k] - z[j * 50 + k], 2);
                }
                for (int k = 0; k < 10; k++) {
                    dx += Math.pow(X[i * 10 + k] - X[j * 10 + k], 2);
                }
                assertThat(dz).isCloseTo(dx, within(1e-8 * (1 + dx)));
            }
        }
    }

    @Test
    void placesUnfittedPointsNearTheirFittedNeighbours() {
        // fit on 120 of the 300 points: each placed point lands in its own blob's region of the map
        double[] labels = Reference.matrix("blobs_labels.npy");
        for (Projector.Method m : new Projector.Method[] {Projector.Method.TSNE, Projector.Method.UMAP}) {
            Projector.Result r = Projector.project(X, N, 10, Projector.Options.of(m, 5).withSample(120), TaskMonitor.NONE);
            assertThat(r.fitted()).isEqualTo(120);
            int[] fitted = Projector.sample(N, 120, 5);
            boolean[] isFitted = new boolean[N];
            for (int s : fitted) {
                isFitted[s] = true;
            }
            int agree = 0;
            int placed = 0;
            for (int i = 0; i < N; i++) {
                if (isFitted[i]) {
                    continue;
                }
                placed++;
                int best = -1;
                double bd = Double.POSITIVE_INFINITY;
                for (int s : fitted) {
                    double dd = Math.pow(r.xy()[2 * i] - r.xy()[2 * s], 2) + Math.pow(r.xy()[2 * i + 1] - r.xy()[2 * s + 1], 2);
                    if (dd < bd) {
                        bd = dd;
                        best = s;
                    }
                }
                if (labels[best] == labels[i]) {
                    agree++;
                }
            }
            assertThat(placed).isEqualTo(180);
            assertThat(agree).as(m.id()).isEqualTo(180);
        }
    }
}
