package org.shiftscope.workflow.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.SharedData;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The ot and explain use cases on real and demo data: W2^2 and the k-sparse curve of breast-cancer benign vs
 * malignant against POT (modules/transport/src/test/resources/pot/expected.csv, made by make_fixtures.py), the
 * k-cluster map of the mixture ring against its construction. The CLI tests check the JSON.
 */
class ExplainAnalysisTest {

    private static final List<String> BC_FEATURES = List.of("clump_thickness", "uniformity_cell_size",
            "uniformity_cell_shape", "marginal_adhesion", "single_epithelial_cell_size", "bare_nuclei",
            "bland_chromatin", "normal_nucleoli", "mitoses");

    private static Split split(SplitSource source, List<String> columns) {
        return new SplitBuilder(new DatasetCatalog()).build(new SplitDefinition(source, columns, MissingPolicy.DROP),
                TaskMonitor.NONE);
    }

    private static Split breastCancer() {
        return split(new SplitSource.FilteredFile(SharedData.file("breast-cancer-wisconsin.csv"), "class=2",
                "class=4"), BC_FEATURES);
    }

    @Test
    void exactW2OfBenignVersusMalignantMatchesPot() {
        TransportAnalysis.Options exact = new TransportAnalysis.Options(TransportAnalysis.Standardize.NONE,
                TransportAnalysis.Solver.EXACT, Double.NaN);
        TransportAnalysis.OtResult ot = TransportAnalysis.ot(TransportAnalysis.prepare(breastCancer(),
                exact.standardize(), true), exact, TaskMonitor.NONE);
        assertThat(ot.w2sq()).isCloseTo(230.78510309472676, within(1e-8));
        assertThat(ot.solver()).isEqualTo("exact");
        assertThat(ot.nReference()).isEqualTo(444);
        assertThat(ot.nTarget()).isEqualTo(239);
    }

    @Test
    void kSparseMeanCurveMatchesPot() {
        Explanation e = ExplainAnalysis.explain(breastCancer(), new ExplainRequest(ExplanationMethod.KSPARSE_MEAN, 3,
                TransportAnalysis.Options.defaults(), 0, true), TaskMonitor.NONE);
        assertThat(e.curve()).hasSize(3);
        Explanation.Point k1 = e.curve().get(0);
        assertThat(k1.k()).isEqualTo(1);
        assertThat(k1.features()).first().isEqualTo("bare_nuclei");
        assertThat(k1.percentExplained()).isCloseTo(17.09297907579954, within(1e-6));
        assertThat(e.curve().get(2).percentExplained()).isCloseTo(40.60768202115825, within(1e-6));
        assertThat(e.curve().get(2).features()).hasSize(3);
        assertThat(k1.clusters()).isEmpty();
    }

    @Test
    void kClusterOnTheMixtureRingFindsEachComponentsRadialMove() {
        // the demo: six Gaussian components of 250 points on a ring of radius 10, moved out to radius 20
        Split ring = split(new SplitSource.Demo(SplitSource.Demo.DEFAULT_SCENARIO, 1500, 0, 1), List.of());
        ExplainResult r = ExplainAnalysis.run(ring, new ExplainRequest(ExplanationMethod.KCLUSTER, 6,
                TransportAnalysis.Options.defaults(), 1, false), TaskMonitor.NONE);
        List<Explanation.Point> curve = r.explanation().curve();
        assertThat(curve).hasSize(6);
        assertThat(curve.get(5).percentExplained()).isGreaterThan(95);
        assertThat(curve.get(5).clusters()).hasSize(6);
        for (Explanation.Cluster c : curve.get(5).clusters()) {
            assertThat(c.displacementNorm()).isCloseTo(10, within(1.0));
            assertThat(c.size()).isEqualTo(250);
        }
        // one arrow per cluster in the drawing plane; the ring is 2-D, so its principal plane is the whole space
        // (an orthonormal basis of it) and each arrow is exactly as long as its cluster's move
        assertThat(r.arrows().get(5)).hasSize(6);
        for (int c = 0; c < 6; c++) {
            double[] a = r.arrows().get(5).get(c);
            assertThat(Math.hypot(a[2] - a[0], a[3] - a[1]))
                    .isCloseTo(curve.get(5).clusters().get(c).displacementNorm(), within(1e-9));
        }
    }
}
