package org.shiftscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

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
        double general = SinkhornSolver.solve(x, x, o, TaskMonitor.NONE).value();
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
}
