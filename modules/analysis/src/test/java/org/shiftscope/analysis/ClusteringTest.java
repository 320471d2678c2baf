package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.shiftscope.io.TestResources;

/** Gaussian mixture and DBSCAN against scikit-learn (sklearn/make_clustering_fixtures.py). */
class ClusteringTest {

    private static double[] fixture(String name) {
        return TestResources.matrix(ClusteringTest.class, "/sklearn/" + name);
    }

    private static int[] ints(double[] v) {
        return TestResources.ints(v);
    }

    @Test
    void gaussianMixtureConvergesToScikitLearnsFitFromTheSameStart() {
        double[] x = fixture("gmm_x.npy");
        int n = 600;
        int d = 3;
        GaussianMixture gm = GaussianMixture.fit(x, n, d, ints(fixture("gmm_init.npy")), 3, 1e-10, 1000);
        double[] scores = fixture("gmm_scores.npy");
        assertThat(gm.converged()).isTrue();
        assertThat(gm.iterations()).isEqualTo((int) scores[2]);
        assertThat(gm.lowerBound()).isCloseTo(scores[0], within(1e-9));
        assertThat(gm.bic(n)).isCloseTo(scores[1], within(1e-6));
        double[] weights = fixture("gmm_weights.npy");
        double[] means = fixture("gmm_means.npy");
        double[] cov = fixture("gmm_covariances.npy");
        for (int c = 0; c < 3; c++) {
            assertThat(gm.weights()[c]).isCloseTo(weights[c], within(1e-8));
        }
        for (int i = 0; i < means.length; i++) {
            assertThat(gm.means()[i]).isCloseTo(means[i], within(1e-7));
        }
        for (int i = 0; i < cov.length; i++) {
            assertThat(gm.covariances()[i]).isCloseTo(cov[i], within(1e-7));
        }
        assertThat(gm.labels()).containsExactly(ints(fixture("gmm_labels.npy")));
        assertThat(gm.predict(x, n)).containsExactly(gm.labels());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        double[] x = {0, 0, 1, 1};
        assertThatThrownBy(() -> GaussianMixture.fit(x, 2, 2, new int[] {0, 1}, 3, 1e-3, 100))
                .hasMessageContaining("3 components needs at least 3 points");
        assertThatThrownBy(() -> Dbscan.fit(x, 2, 2, 0, 5)).hasMessageContaining("eps > 0");
    }

    @Test
    void dbscanLabelsEveryPointAsScikitLearnDoes() {
        double[] x = fixture("dbscan_x.npy");
        int n = 400;
        Dbscan db = Dbscan.fit(x, n, 2, 0.9, 6);
        int[] expected = ints(fixture("dbscan_labels.npy"));
        assertThat(db.labels()).containsExactly(expected);
        assertThat(db.clusters()).isEqualTo(3);
        double[] core = fixture("dbscan_core.npy");
        int cores = 0;
        for (double c : core) {
            cores += (int) c;
        }
        assertThat(db.coreLabel()).hasSize(cores);
        // a core point is assigned to its own cluster; a far point is noise
        assertThat(db.assign(new double[] {db.core()[0], db.core()[1], 100, 100}, 2))
                .containsExactly(db.coreLabel()[0], Dbscan.NOISE);
    }

    @Test
    void defaultEpsMakesTheChosenShareOfPointsCore() {
        double[] x = fixture("dbscan_x.npy");
        double eps = Dbscan.defaultEps(x, 400, 2, 6, 0.9);
        Dbscan db = Dbscan.fit(x, 400, 2, eps, 6);
        // the 0.9 quantile of 5th-neighbour distances: 361 of 400 points have their 5th neighbour within eps
        assertThat(db.coreLabel().length).isBetween(360, 362);
    }
}
