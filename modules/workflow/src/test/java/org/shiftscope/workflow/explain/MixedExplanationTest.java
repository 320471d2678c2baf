package org.shiftscope.workflow.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.transport.DiscreteFeature;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.transport.Pairing;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The paper's explanation of mixed data (two continuous columns, a 0/1 column and a three-category one) against an
 * independent implementation with POT and scikit-learn (src/test/resources/mixed/make_mixed.py, which made the
 * table and expected.csv): scaler fitted on the reference, exact plan, k-means on paired points, discrete features
 * drawn from each cluster's target distribution.
 */
class MixedExplanationTest {

    private static final Path DIR = resource("mixed");

    private static Path resource(String name) {
        try {
            return Path.of(MixedExplanationTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Split split() {
        return new SplitBuilder(new DatasetCatalog()).build(new SplitDefinition(new SplitSource.FilteredFile(
                DIR.resolve("mixed.csv"), "side=reference", "side=target"), List.of("a", "b", "g", "colour"),
                MissingPolicy.DROP), TaskMonitor.NONE);
    }

    /** expected.csv as (case, quantity, cluster) -> value. */
    private static Map<String, Double> expected() throws IOException {
        Map<String, Double> out = new HashMap<>();
        List<String> lines = Files.readAllLines(DIR.resolve("expected.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.put(f[0] + "/" + f[1] + "/" + f[3], Double.parseDouble(f[4]));
        }
        return out;
    }

    private static final int REPEATS = 60;

    private static Explanation explain() {
        ExplainRequest.Mixed paper = new ExplainRequest.Mixed(true, Pairing.PAIRED, REPEATS);
        ExplainRequest r = new ExplainRequest(ExplanationMethod.KCLUSTER, 3, new TransportAnalysis.Options(
                TransportAnalysis.Standardize.REFERENCE, TransportAnalysis.Solver.EXACT, Double.NaN), 0, true, paper);
        return ExplainAnalysis.explain(split(), r, TaskMonitor.NONE);
    }

    @Test
    void encodesTheBinaryAndCategoricalColumnsAsThePaperDoes() {
        TransportAnalysis.Prepared p = TransportAnalysis.prepare(split(), TransportAnalysis.Standardize.REFERENCE, true,
                true);
        assertThat(p.features()).containsExactly("a", "b", "g", "colour=blue", "colour=green", "colour=red");
        assertThat(p.discrete()).extracting(DiscreteFeature::name).containsExactly("g", "colour");
        assertThat(p.discrete().get(0).levels()).containsExactly("0", "1");
        assertThat(p.discrete().get(1).levels()).containsExactly("blue", "green", "red");
        // the reference side has mean 0 and (population) sd 1 in every column, as StandardScaler makes it
        double[] mean = p.reference().mean();
        for (double m : mean) {
            assertThat(m).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void clustersTargetDistributionsAndPercentExplainedMatchTheIndependentImplementation() throws IOException {
        Map<String, Double> want = expected();
        Explanation e = explain();
        assertThat(e.w2sq()).isCloseTo(want.get("all/w2sq/-1"), within(1e-9 * want.get("all/w2sq/-1")));
        assertThat(e.pairing()).isEqualTo(Pairing.PAIRED);
        for (Explanation.Point pt : e.curve()) {
            int k = pt.k();
            String c = "k" + k + "/";
            // clusters in the order of their first reference row, as the script lists them
            List<Explanation.Cluster> clusters = new ArrayList<>(pt.clusters());
            int[] labels = pt.labels();
            clusters.sort(Comparator.comparingInt(cl -> firstRow(labels, cl.id())));
            for (int i = 0; i < clusters.size(); i++) {
                Explanation.Cluster cl = clusters.get(i);
                assertThat((double) cl.size()).as(c + "size " + i).isEqualTo(want.get(c + "size/" + i));
                assertThat(cl.displacement()[0]).as(c + "delta_a " + i).isCloseTo(want.get(c + "delta_a/" + i),
                        within(1e-9));
                assertThat(cl.displacement()[1]).as(c + "delta_b " + i).isCloseTo(want.get(c + "delta_b/" + i),
                        within(1e-9));
                assertThat(cl.distributions().get(0)[1]).as(c + "p(g=1) " + i).isCloseTo(want.get(c + "p_g1/" + i),
                        within(1e-9));
                String[] colours = {"blue", "green", "red"};
                for (int l = 0; l < 3; l++) {
                    assertThat(cl.distributions().get(1)[l]).as(c + "p(colour) " + i)
                            .isCloseTo(want.get(c + "p_colour_" + colours[l] + "/" + i), within(1e-9));
                }
            }
            // PercentExplained is a mean over samples: ours over REPEATS, the script's over 400; both estimate the
            // same expectation, so they differ by at most 4 standard errors of the difference
            double sd = want.get(c + "pe_sd/-1");
            double se = Math.sqrt(sd * sd / REPEATS + sd * sd / want.get(c + "repeats/-1"));
            assertThat(pt.samples()).isEqualTo(REPEATS);
            assertThat(pt.percentExplained()).as(c + "PercentExplained").isCloseTo(want.get(c + "pe_mean/-1"),
                    within(4 * se));
            assertThat(pt.spread()).as(c + "spread").isCloseTo(sd, within(0.5 * sd));
        }
    }

    @Test
    void theSameSeedDrawsTheSameSamples() {
        Explanation a = explain();
        Explanation b = explain();
        for (int k = 0; k < a.curve().size(); k++) {
            assertThat(a.curve().get(k).percentExplained()).isEqualTo(b.curve().get(k).percentExplained());
        }
    }

    private static int firstRow(int[] labels, int id) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == id) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
