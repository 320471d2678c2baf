package org.shiftscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.DataLoader;

class SinkhornTest {

    private static Points cloud(int n, int d, long seed, double scale, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Points(n, d, r.doubles((long) n * d).map(v -> v * scale + shift).toArray());
    }

    private static Points translate(Points p, double[] t) {
        double[] v = p.values().clone();
        for (int i = 0; i < p.n(); i++) {
            for (int k = 0; k < p.d(); k++) {
                v[i * p.d() + k] += t[k];
            }
        }
        return new Points(p.n(), p.d(), v);
    }

    @Test
    void debiasedDivergenceOfATranslationIsTheSquaredShiftAtAnyEpsilon() {
        // OT_eps(X, X + t) = OT_eps(X, X) + |t|^2: the cross term vanishes under the marginal constraints
        Points x = cloud(150, 3, 1, 2, 0);
        Points y = translate(x, new double[] {1, -0.5, 2});
        for (double eps : new double[] {2, 0.5}) {
            double s = new SinkhornDivergence(SinkhornSolver.Options.of(eps)).w2sq(x, y, TaskMonitor.NONE);
            assertThat(s).as("eps " + eps).isCloseTo(5.25, within(5.25 * 1e-3));
        }
    }

    @Test
    void symmetricAndGeneralSolversAgreeOnTheSelfProblem() {
        Points x = cloud(120, 2, 2, 1, 0);
        SinkhornSolver.Options o = SinkhornSolver.Options.of(0.2);
        // a copy is not recognised as the same cloud: the two-sided iterations run
        Points copy = new Points(x.n(), x.d(), x.values().clone());
        double general = SinkhornSolver.solve(x, copy, o, TaskMonitor.NONE).value();
        double symmetric = SinkhornSolver.solveSymmetric(x, o, TaskMonitor.NONE).value();
        assertThat(general).isCloseTo(symmetric, within(1e-3 * 0.2));
    }

    @Test
    void marginalsOfTheEntropicPlanAreUniform() {
        Points x = cloud(80, 2, 3, 1, 0);
        Points y = cloud(60, 2, 4, 1.5, 0.3);
        SinkhornSolver.Options o = new SinkhornSolver.Options(0.1, 1e-9, 5000, 0.5);
        SinkhornSolver.Result r = SinkhornSolver.solve(x, y, o, TaskMonitor.NONE);
        assertThat(r.converged()).isTrue();
        double[] colSums = new double[60];
        for (int i = 0; i < 80; i++) {
            double rowSum = 0;
            for (int j = 0; j < 60; j++) {
                double p = Math.exp((r.f()[i] + r.g()[j] - x.sqDist(i, y, j)) / r.epsilon()) / (80.0 * 60.0);
                rowSum += p;
                colSums[j] += p;
            }
            assertThat(rowSum).isCloseTo(1.0 / 80, within(1e-8));
        }
        for (double c : colSums) {
            assertThat(c).isCloseTo(1.0 / 60, within(1e-8));
        }
    }

    @Test
    void debiasedDivergenceApproachesExactW2AsEpsilonShrinks() {
        Points x = Fixtures.caseX("rect");
        Points y = Fixtures.caseY("rect");
        double exact = Fixtures.expected("rect", "w2sq", 0);
        double coarse = new SinkhornDivergence(SinkhornSolver.Options.of(1.0)).w2sq(x, y, TaskMonitor.NONE);
        double fine = new SinkhornDivergence(SinkhornSolver.Options.of(0.01)).w2sq(x, y, TaskMonitor.NONE);
        assertThat(Math.abs(fine - exact)).isLessThan(Math.abs(coarse - exact));
        assertThat(fine).isCloseTo(exact, within(0.01 * exact));
    }

    /** Reference values of pot/make_sinkhorn_fixtures.py: (eps, quantity) -> value. */
    private static java.util.Map<String, Double> potSinkhorn(String file) throws java.io.IOException {
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        List<String> lines = java.nio.file.Files.readAllLines(Fixtures.resource(file));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.put(Double.parseDouble(f[0]) + "/" + f[1], Double.parseDouble(f[2]));
        }
        return out;
    }

    @Test
    void multiscaleTruncatedSolverMatchesPotsLogDomainSinkhorn() throws Exception {
        // 700 x 600 pairs exceed the direct limit: coarse levels, candidate pairs, truncated kernels, checked last stage
        Points x = Fixtures.caseX("sk");
        Points y = Fixtures.caseY("sk");
        java.util.Map<String, Double> pot = potSinkhorn("sinkhorn.csv");
        for (double eps : new double[] {1.0, 0.25}) {
            SinkhornSolver.Options o = new SinkhornSolver.Options(eps, 1e-7 * eps, 20_000, 0.5);
            SinkhornSolver.Result xy = SinkhornSolver.solve(x, y, o, TaskMonitor.NONE);
            SinkhornSolver.Result xx = SinkhornSolver.solveSymmetric(x, o, TaskMonitor.NONE);
            SinkhornSolver.Result yy = SinkhornSolver.solveSymmetric(y, o, TaskMonitor.NONE);
            assertThat(xy.converged()).isTrue();
            assertThat(xy.support()).as("truncated").isLessThan(700L * 600);
            assertThat(xy.value()).as("OT_eps(X, Y) at " + eps).isCloseTo(pot.get(eps + "/xy"), within(1e-6 * 8));
            assertThat(xx.value()).as("OT_eps(X, X) at " + eps).isCloseTo(pot.get(eps + "/xx"), within(1e-6 * 8));
            assertThat(yy.value()).as("OT_eps(Y, Y) at " + eps).isCloseTo(pot.get(eps + "/yy"), within(1e-6 * 8));
            double s = new SinkhornDivergence(SinkhornSolver.Options.of(eps)).w2sq(x, y, TaskMonitor.NONE);
            assertThat(s).as("default tolerance").isCloseTo(pot.get(eps + "/divergence"), within(1e-4 * s));
        }
        // at the product's default epsilon (0.3 % of the mean cost, 12.1 here) the divergence is within 1 % of W2^2
        assertThat(new SinkhornDivergence(SinkhornSolver.Options.of(0.035)).w2sq(x, y, TaskMonitor.NONE))
                .isCloseTo(pot.get("0.0/w2sq"), within(0.01 * pot.get("0.0/w2sq")));
    }

    @Test
    void repeatedPointsAreMergedWithoutChangingTheSolution() throws Exception {
        // integer coordinates: 3,000 x 2,500 rows but 749 x 1,042 distinct points, still above the direct limit, so
        // the coarse levels and candidate pairs see points of very unequal weight (a support capped per row without
        // regard to weight could not carry a heavy point's mass, and Sinkhorn then never converged)
        Points x = Fixtures.caseX("rep");
        Points y = Fixtures.caseY("rep");
        java.util.Map<String, Double> pot = potSinkhorn("sinkhorn_repeated.csv");
        double eps = 0.5;
        SinkhornSolver.Options o = new SinkhornSolver.Options(eps, 1e-7 * eps, 20_000, 0.5);
        SinkhornSolver.Solved xy = SinkhornSolver.solvePlan(x, y, o, TaskMonitor.NONE);
        assertThat(xy.result().converged()).isTrue();
        assertThat(xy.x().n()).as("distinct reference points").isEqualTo(749);
        assertThat(xy.result().value()).isCloseTo(pot.get(eps + "/xy"), within(1e-6 * 8));
        assertThat(SinkhornSolver.solveSymmetric(x, o, TaskMonitor.NONE).value())
                .isCloseTo(pot.get(eps + "/xx"), within(1e-6 * 8));
        assertThat(SinkhornSolver.solveSymmetric(y, o, TaskMonitor.NONE).value())
                .isCloseTo(pot.get(eps + "/yy"), within(1e-6 * 8));
        // the barycentric projection of every row, repeated rows included, matches POT's plan
        Points z = SinkhornSolver.barycentricProjection(xy);
        Points expected = Fixtures.points(DataLoader.load(Fixtures.resource("case_rep_z.npy")));
        assertThat(z.n()).isEqualTo(3000);
        double worst = 0;
        for (int p = 0; p < z.values().length; p++) {
            worst = Math.max(worst, Math.abs(z.values()[p] - expected.values()[p]));
        }
        assertThat(worst).as("largest coordinate difference").isLessThan(1e-5);
    }
}
