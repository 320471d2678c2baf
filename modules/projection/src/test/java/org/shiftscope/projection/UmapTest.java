package org.shiftscope.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class UmapTest {

    private static final int N = 300;
    private static final double[] X = Reference.matrix("blobs.npy");

    @Test
    void curveParametersMatchUmapLearn() {
        double[] ab = Umap.curve(0.1, 1);
        assertThat(ab[0]).isCloseTo(Reference.value("umap_a"), within(1e-4));
        assertThat(ab[1]).isCloseTo(Reference.value("umap_b"), within(1e-4));
        double[] ab5 = Umap.curve(0.5, 1);
        assertThat(ab5[0]).isCloseTo(Reference.value("umap_a_05"), within(1e-4));
        assertThat(ab5[1]).isCloseTo(Reference.value("umap_b_05"), within(1e-4));
    }

    @Test
    void fuzzyGraphMatchesUmapLearn() {
        Neighbours nn = Neighbours.of(X, N, X, N, 10, 14, true);
        double[][] rs = Umap.smoothKnn(nn, N, 15);
        double[] sr = Reference.matrix("umap_sigma_rho.npy");
        for (int i = 0; i < N; i++) {
            assertThat(rs[1][i]).as("sigma %d", i).isCloseTo(sr[2 * i], within(1e-4 * sr[2 * i]));
            assertThat(rs[0][i]).as("rho %d", i).isCloseTo(sr[2 * i + 1], within(1e-6 * sr[2 * i + 1]));
        }
        Umap.Graph g = Umap.graph(nn, N, 15);
        double[] dense = new double[N * N];
        for (int e = 0; e < g.head().length; e++) {
            dense[g.head()[e] * N + g.tail()[e]] = g.weight()[e];
        }
        double[] expected = Reference.matrix("umap_graph.npy");
        for (int i = 0; i < N * N; i++) {
            assertThat(dense[i]).as("w[%d, %d]", i / N, i % N).isCloseTo(expected[i], within(1e-4));
        }
    }

    @Test
    void mapIsAsTrustworthyAsUmapLearns() {
        Projector.Result r = Projector.project(X, N, 10, Projector.Options.of(Projector.Method.UMAP, 7), TaskMonitor.NONE);
        double t = Trustworthiness.of(X, N, 10, r.xy(), 10);
        assertThat(t).isGreaterThan(Reference.value("trust_umap_learn") - 0.01);
    }

    @Test
    void fittedOnEveryPointPastTheExactLimitIsAsTrustworthyAsUmapLearns() {
        double[] x = Reference.fullPoints();
        int n = 6000;
        Projector.Result r = Projector.project(x, n, 10,
                Projector.Options.fitting(Projector.Method.UMAP, 3, Projector.ALL), TaskMonitor.NONE);
        assertThat(r.fitted()).isEqualTo(n).isGreaterThan(Projector.EXACT_NEIGHBOURS);
        double t = Trustworthiness.of(x, n, 10, r.xy(), 10);
        assertThat(t).isGreaterThan(Reference.fullTrust() - 0.005);
    }
}
