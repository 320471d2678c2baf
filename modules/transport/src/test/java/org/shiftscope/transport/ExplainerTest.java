package org.shiftscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shiftscope.core.TaskMonitor;

class ExplainerTest {

    private final Explainer exact = new Explainer(W2Estimator.EXACT);

    private static List<String> names(int d) {
        return IntStream.range(0, d).mapToObj(j -> "f" + j).toList();
    }

    private Explanation run(Points x, Points y, ExplanationMethod m, int kmax) {
        return exact.explain(x, y, names(x.d()), m, kmax, 7, TaskMonitor.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"square", "rect", "wide", "d10"})
    void curvesMatchPot(String kase) {
        Points x = Fixtures.caseX(kase);
        Points y = Fixtures.caseY(kase);
        int kmax = Math.min(x.d(), 4);
        for (ExplanationMethod m : List.of(ExplanationMethod.KSPARSE_MEAN, ExplanationMethod.KSPARSE_OT)) {
            Explanation e = run(x, y, m, kmax);
            assertThat(e.w2sq()).isCloseTo(Fixtures.expected(kase, "w2sq", 0), within(1e-9));
            for (Explanation.Point p : e.curve()) {
                assertThat(p.percentExplained()).as(m + " k=" + p.k())
                        .isCloseTo(Fixtures.expected(kase, m.id(), p.k()), within(1e-6));
            }
        }
        Explanation g = run(x, y, ExplanationMethod.GAUSSIAN, 1);
        assertThat(g.curve().get(0).percentExplained()).isCloseTo(Fixtures.expected(kase, "gaussian", 0), within(1e-6));
    }

    @Test
    void breastCancerBenignToMalignantMatchesPot() {
        Points[] bc = Fixtures.breastCancer();
        Explanation e = run(bc[0], bc[1], ExplanationMethod.KSPARSE_MEAN, 9);
        assertThat(e.w2sq()).isCloseTo(Fixtures.expected("breast-cancer", "w2sq", 0), within(1e-8));
        for (Explanation.Point p : e.curve()) {
            assertThat(p.percentExplained()).isCloseTo(Fixtures.expected("breast-cancer", "ksparse-mean", p.k()),
                    within(1e-6));
        }
        assertThat(run(bc[0], bc[1], ExplanationMethod.GAUSSIAN, 1).curve().get(0).percentExplained())
                .isCloseTo(Fixtures.expected("breast-cancer", "gaussian", 0), within(1e-6));
        // the OT k-sparse curve rises to 100 % once every feature is copied from Z (n != m: Z is a barycentre)
        Explanation ot = run(bc[0], bc[1], ExplanationMethod.KSPARSE_OT, 9);
        assertThat(ot.curve()).hasSize(9);
        for (int k = 1; k < 9; k++) {
            assertThat(ot.curve().get(k).percentExplained()).isGreaterThanOrEqualTo(ot.curve().get(k - 1).percentExplained() - 1e-9);
        }
    }

    @Test
    void pureMeanShiftIsFullyExplainedByTheShiftedFeatures() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 300;
        double[] a = r.doubles(n * 5).map(v -> v * 4).toArray();
        double[] b = a.clone();
        for (int i = 0; i < n; i++) {
            b[i * 5 + 1] += 3;
            b[i * 5 + 3] -= 1.5;
        }
        Points x = new Points(n, 5, a);
        Points y = new Points(n, 5, b);
        Explanation e = run(x, y, ExplanationMethod.KSPARSE_MEAN, 3);
        assertThat(e.w2sq()).isCloseTo(9 + 2.25, within(1e-9));
        assertThat(e.curve().get(0).features()).containsExactly("f1");
        assertThat(e.curve().get(1).features()).containsExactly("f1", "f3");
        assertThat(e.curve().get(1).percentExplained()).isCloseTo(100, within(1e-9));
        // 9 / 11.25 of the shift is along f1
        assertThat(e.curve().get(0).percentExplained()).isCloseTo(100 * 9 / 11.25, within(1e-9));
        assertThat(e.curve().get(1).parsimony()).isCloseTo(11.25, within(1e-9));
    }

    @Test
    void gaussianMapRecoversAnAffineMapExactly() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 200;
        double[] a = r.doubles(n * 2).map(v -> v * 2 - 1).toArray();
        double[][] s = {{2.0, 0.5}, {0.5, 1.0}}; // symmetric positive definite
        double[] b = new double[n * 2];
        for (int i = 0; i < n; i++) {
            b[i * 2] = 1 + s[0][0] * a[i * 2] + s[0][1] * a[i * 2 + 1];
            b[i * 2 + 1] = -2 + s[1][0] * a[i * 2] + s[1][1] * a[i * 2 + 1];
        }
        Points x = new Points(n, 2, a);
        Points y = new Points(n, 2, b);
        GaussianMap g = GaussianMap.fit(x, y);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(g.a()[i][j]).isCloseTo(s[i][j], within(1e-9));
            }
        }
        assertThat(run(x, y, ExplanationMethod.GAUSSIAN, 1).curve().get(0).percentExplained()).isCloseTo(100, within(1e-7));
    }

    @Test
    void kClusterWithOneClusterPerPointIsTheFullMap() {
        SplittableRandom r = new SplittableRandom(11);
        Points x = new Points(40, 3, r.doubles(120).toArray());
        Points y = new Points(40, 3, r.doubles(120).map(v -> v * 2 + 1).toArray());
        Explanation e = run(x, y, ExplanationMethod.KCLUSTER, 40);
        Explanation.Point last = e.curve().get(39);
        assertThat(last.clusters()).hasSize(40);
        assertThat(last.percentExplained()).isCloseTo(100, within(1e-9));
        assertThat(e.curve().get(0).clusters()).hasSize(1);
        // one cluster = the mean shift of the full map: every point moves by mean(Y) - mean(X)
        double[] shift = e.curve().get(0).clusters().get(0).displacement();
        assertThat(shift[0]).isCloseTo(Explainer.subtract(y.mean(), x.mean())[0], within(1e-12));
    }

    @Test
    void kClusterExplainsTheMixtureRing() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 600;
        double[] a = new double[n * 2];
        double[] b = new double[n * 2];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * (i % 6) / 6;
            a[i * 2] = 10 * Math.cos(angle) + r.nextGaussian();
            a[i * 2 + 1] = 10 * Math.sin(angle) + r.nextGaussian();
            b[i * 2] = 20 * Math.cos(angle) + r.nextGaussian();
            b[i * 2 + 1] = 20 * Math.sin(angle) + r.nextGaussian();
        }
        Explanation e = run(new Points(n, 2, a), new Points(n, 2, b), ExplanationMethod.KCLUSTER, 6);
        // six clusters = six components, each moved radially by about 10: nearly all of the shift
        assertThat(e.curve().get(5).percentExplained()).isGreaterThan(95);
        assertThat(e.curve().get(0).percentExplained()).isLessThan(5); // one cluster: the means barely differ
        for (Explanation.Cluster c : e.curve().get(5).clusters()) {
            assertThat(c.displacementNorm()).isCloseTo(10, within(1.0));
        }
    }

    @Test
    void kSparseMeanDrawsAChosenBinaryFeatureFromTheTargetsDistribution() {
        // column 0 continuous (target shifted by 2), column 1 binary 0/1: P(1) = 0.2 in the reference, 0.7 in the
        // target (exactly: 400 and 1,400 of 2,000). A map that moves the binary feature draws it with P(1) = 0.7,
        // so its mean move is 0.5 up to sampling error (sd of one sample's mean: sqrt(0.21 / 2000) = 0.010)
        int n = 2000;
        SplittableRandom r = new SplittableRandom(5);
        double[] a = new double[n * 2];
        double[] b = new double[n * 2];
        for (int i = 0; i < n; i++) {
            a[i * 2] = r.nextGaussian();
            a[i * 2 + 1] = i < 400 ? 1 : 0;
            b[i * 2] = 2 + r.nextGaussian();
            b[i * 2 + 1] = i < 1400 ? 1 : 0;
        }
        DiscreteFeature g = new DiscreteFeature("g", new int[] {1}, new double[] {0}, new double[] {1},
                List.of("0", "1"));
        Explanation e = new Explainer(W2Estimator.EXACT).explain(new Points(n, 2, a), new Points(n, 2, b),
                List.of("x", "g"), ExplanationMethod.KSPARSE_MEAN, 2, 0, new Treatment(List.of(g), Pairing.REFERENCE,
                        4), TaskMonitor.NONE);
        Explanation.Point both = e.curve().get(1);
        assertThat(both.samples()).isEqualTo(4);
        assertThat(both.displacement()[1]).isCloseTo(0.5, within(0.04));
        assertThat(both.displacement()[0]).isCloseTo(Explainer.subtract(new Points(n, 2, b).mean(),
                new Points(n, 2, a).mean())[0], within(1e-12));
        // the continuous feature alone (k = 1) is not sampled
        assertThat(e.curve().get(0).samples()).isEqualTo(1);
        assertThat(e.curve().get(0).features()).containsExactly("x");
    }
}
