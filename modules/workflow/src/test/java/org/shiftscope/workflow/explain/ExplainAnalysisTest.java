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

    @Test
    void exemplarsShowWhichReferenceRowsMovedToWhichTargetRows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // planted: blob A at (0, 0) on both sides; blob B at (10, 0) in the reference and (10, 10) in the target.
        // The 2-cluster explanation: A's cluster stays, B's moves by 10; its exemplars are B rows on both sides,
        // the reference ones nearest B's centre, the target ones nearest (10, 10)
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        StringBuilder ref = new StringBuilder("blob,x,y\n");
        StringBuilder tgt = new StringBuilder("blob,x,y\n");
        for (int i = 0; i < 200; i++) {
            boolean b = i % 2 == 1;
            ref.append(b ? "B" : "A").append(',').append((b ? 10 : 0) + r.nextGaussian()).append(',')
                    .append(r.nextGaussian()).append('\n');
            tgt.append(b ? "B" : "A").append(',').append((b ? 10 : 0) + r.nextGaussian()).append(',')
                    .append((b ? 10 : 0) + r.nextGaussian()).append('\n');
        }
        java.nio.file.Path rf = dir.resolve("ref.csv");
        java.nio.file.Path tf = dir.resolve("tgt.csv");
        java.nio.file.Files.writeString(rf, ref);
        java.nio.file.Files.writeString(tf, tgt);
        Split s = split(new SplitSource.TwoFiles(rf, tf), List.of("x", "y"));
        TransportAnalysis.Prepared p = TransportAnalysis.prepare(s, TransportAnalysis.Standardize.NONE, true);
        Explanation e = TransportAnalysis.explain(p, TransportAnalysis.Options.defaults(), ExplanationMethod.KCLUSTER,
                2, 0, TaskMonitor.NONE);
        List<Exemplars> ex = Exemplars.of(p, e, 5);
        assertThat(ex).hasSize(2);
        Exemplars moved = ex.stream().max(java.util.Comparator.comparingDouble(Exemplars::moved)).orElseThrow();
        Exemplars stayed = ex.stream().min(java.util.Comparator.comparingDouble(Exemplars::moved)).orElseThrow();
        assertThat(moved.moved()).isCloseTo(10, within(0.5));
        assertThat(stayed.moved()).isLessThan(0.5);
        assertThat(moved.share()).isCloseTo(0.5, within(0.01));
        org.shiftscope.core.Dataset refRows = new SplitBuilder(new DatasetCatalog()).sides(new SplitDefinition(
                new SplitSource.TwoFiles(rf, tf), List.of(), org.shiftscope.core.MissingPolicy.DROP),
                TaskMonitor.NONE).reference();
        assertThat(moved.reference()).hasSize(5);
        assertThat(moved.target()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(s.reference().requireColumn("x").text(moved.reference()[i])).isNotNull();
            assertThat(refRows.requireColumn("blob").text(moved.reference()[i])).isEqualTo("B");
            assertThat(refRows.requireColumn("blob").text(stayed.reference()[i])).isEqualTo("A");
            // the target exemplars sit near (10, 10): B rows
            double y = ((org.shiftscope.core.NumericColumn) s.target().requireColumn("y")).get(moved.target()[i]);
            assertThat(y).isBetween(7.0, 13.0);
        }
        // nearest first: the first reference exemplar is the B row nearest B's centre
        double[] c = e.curve().get(1).clusters().get(moved.cluster()).centroid();
        double first = Math.hypot(p.reference().get(moved.reference()[0], 0) - c[0],
                p.reference().get(moved.reference()[0], 1) - c[1]);
        double last = Math.hypot(p.reference().get(moved.reference()[4], 0) - c[0],
                p.reference().get(moved.reference()[4], 1) - c[1]);
        assertThat(first).isLessThanOrEqualTo(last);
        assertThat(Exemplars.names(refRows, new int[] {0, 4})).containsExactly("row 1", "row 5");
    }
}
