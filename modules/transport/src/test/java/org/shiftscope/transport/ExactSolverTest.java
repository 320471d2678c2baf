package org.shiftscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class ExactSolverTest {

    private static double relErr(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"square", "rect", "wide", "d10"})
    void agreesWithPotEmd2(String kase) {
        Points x = Fixtures.caseX(kase);
        Points y = Fixtures.caseY(kase);
        TransportPlan g = ExactSolver.solve(x, y, TaskMonitor.NONE);
        assertThat(relErr(g.cost(x, y), Fixtures.expected(kase, "w2sq", 0))).isLessThan(1e-9);
        assertMarginals(g);
    }

    /** Any start prices give an optimal assignment: the same cost as a cold start, on problems with and without ties. */
    @Test
    void warmStartedAssignmentsAreOptimalWhateverThePrices() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 20; t++) {
            int n = 5 + r.nextInt(120);
            double[] c = new double[n * n];
            for (int k = 0; k < c.length; k++) {
                c[k] = t % 2 == 0 ? r.nextDouble() : r.nextInt(4); // integers: many ties
            }
            double[] prices = new double[n];
            for (int j = 0; j < n; j++) {
                prices[j] = (r.nextDouble() - 0.5) * (t % 3 == 0 ? 100 : 1);
            }
            AssignmentSolver.Solution cold = AssignmentSolver.solve(c, n, null, TaskMonitor.NONE);
            AssignmentSolver.Solution warm = AssignmentSolver.solve(c, n, prices, TaskMonitor.NONE);
            double a = 0;
            double b = 0;
            boolean[] used = new boolean[n];
            for (int i = 0; i < n; i++) {
                a += c[i * n + cold.rowToCol()[i]];
                b += c[i * n + warm.rowToCol()[i]];
                assertThat(used[warm.rowToCol()[i]]).isFalse();
                used[warm.rowToCol()[i]] = true;
            }
            assertThat(b).as("n = " + n).isCloseTo(a, within(1e-9 * Math.max(1, a)));
        }
    }

    /** Unequal sides full of repeats (repeats_*.csv, made by make_repeats.py): merged, solved, dealt out again. */
    @Test
    void repeatedPointsAreMergedAndTheOriginalPlanIsExact() throws Exception {
        Points x = csv("repeats_x.csv");
        Points y = csv("repeats_y.csv");
        assertThat(Distinct.count(x)).isLessThan(x.n());
        assertThat(Distinct.count(y)).isLessThan(y.n());
        String[] want = java.nio.file.Files.readAllLines(java.nio.file.Path.of(ExactSolverTest.class
                .getResource("/pot/repeats.csv").toURI())).get(1).split(",");
        TransportPlan g = ExactSolver.solve(x, y, TaskMonitor.NONE);
        assertThat(relErr(g.cost(x, y), Double.parseDouble(want[2]))).isLessThan(1e-9);
        assertThat(g.n()).isEqualTo(90);
        assertThat(g.m()).isEqualTo(55);
        // every original point keeps its own 1/n and 1/m
        double[] row = new double[g.n()];
        double[] col = new double[g.m()];
        for (int e = 0; e < g.mass().length; e++) {
            row[g.rows()[e]] += g.mass()[e];
            col[g.cols()[e]] += g.mass()[e];
        }
        for (double r : row) {
            assertThat(r).isCloseTo(1.0 / 90, within(1e-15));
        }
        for (double c : col) {
            assertThat(c).isCloseTo(1.0 / 55, within(1e-15));
        }
    }

    private static Points csv(String name) throws Exception {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(ExactSolverTest.class
                .getResource("/pot/" + name).toURI()));
        double[][] rows = lines.stream().map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble)
                .toArray()).toArray(double[][]::new);
        return Points.of(rows);
    }

    @Test
    void breastCancerAgreesWithPot() {
        Points[] bc = Fixtures.breastCancer();
        assertThat(bc[0].n()).isEqualTo(444);
        assertThat(bc[1].n()).isEqualTo(239);
        TransportPlan g = ExactSolver.solve(bc[0], bc[1], TaskMonitor.NONE);
        assertThat(relErr(g.cost(bc[0], bc[1]), Fixtures.expected("breast-cancer", "w2sq", 0))).isLessThan(1e-9);
        assertMarginals(g);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grid-300x170", "grid-240x160", "grid-97x31", "grid-5x400"})
    void unequalSidesOnTiedGridsAgreeWithPot(String kase) {
        // integer coordinates in a 6 x 6 grid: many exact ties and degenerate pivots; sizes with small and large gcd
        Points x = Fixtures.caseX(kase);
        Points y = Fixtures.caseY(kase);
        TransportPlan g = ExactSolver.solve(x, y, TaskMonitor.NONE);
        assertThat(relErr(g.cost(x, y), Fixtures.expected(kase, "w2sq", 0))).isLessThan(1e-9);
        assertMarginals(g);
        // a vertex of the transport polytope: at most n + m - 1 cells carry mass
        assertThat(g.rows().length).isLessThanOrEqualTo(x.n() + y.n() - 1);
    }

    @Test
    void oneDimensionalOtIsSortedMatching() {
        SplittableRandom r = new SplittableRandom(4);
        double[] a = r.doubles(500, -3, 3).toArray();
        double[] b = r.doubles(500).map(v -> v * v * 5).toArray();
        double[] sa = a.clone();
        double[] sb = b.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        double sorted = 0;
        for (int i = 0; i < sa.length; i++) {
            sorted += (sa[i] - sb[i]) * (sa[i] - sb[i]) / sa.length;
        }
        Points x = new Points(500, 1, a);
        Points y = new Points(500, 1, b);
        assertThat(ExactSolver.solve(x, y, TaskMonitor.NONE).cost(x, y)).isCloseTo(sorted, within(1e-9 * sorted));
    }

    @Test
    void pureTranslationCostsTheSquaredShift() {
        SplittableRandom r = new SplittableRandom(9);
        double[] a = r.doubles(400 * 3).toArray();
        double[] b = a.clone();
        double[] shift = {0.5, -2, 0};
        for (int i = 0; i < 400; i++) {
            for (int k = 0; k < 3; k++) {
                b[i * 3 + k] += shift[k];
            }
        }
        Points x = new Points(400, 3, a);
        Points y = new Points(400, 3, b);
        // translating a distribution by s costs exactly |s|^2 = 4.25 (the identity matching is optimal)
        assertThat(ExactSolver.solve(x, y, TaskMonitor.NONE).cost(x, y)).isCloseTo(4.25, within(1e-9));
    }

    private static void assertMarginals(TransportPlan g) {
        double[] rows = new double[g.n()];
        double[] cols = new double[g.m()];
        for (int e = 0; e < g.mass().length; e++) {
            assertThat(g.mass()[e]).isPositive();
            rows[g.rows()[e]] += g.mass()[e];
            cols[g.cols()[e]] += g.mass()[e];
        }
        for (double v : rows) {
            assertThat(v).isCloseTo(1.0 / g.n(), within(1e-12));
        }
        for (double v : cols) {
            assertThat(v).isCloseTo(1.0 / g.m(), within(1e-12));
        }
        // an optimal vertex has at most n + m - 1 positive entries
        assertThat(g.mass().length).isLessThanOrEqualTo(g.n() + g.m() - 1);
    }
}
