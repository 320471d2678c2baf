package org.shiftscope.workflow.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.projection.Projector;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The map use case on planted clusters: blobs A at (0, 0) and B at (10, 0) on both sides, C at (0, 10) in the target
 * only. Reference: A 300, B 200 (shares 0.6, 0.4); target: A 200, B 100, C 100 (shares 0.5, 0.25, 0.25). Every
 * projection and clustering must find C as emerging and B as shrunk by 0.25 / 0.4 = 0.625. (The CLI test checks
 * the JSON and CSV that `map` writes of such a result.)
 */
class SubpopulationMapTest {

    @TempDir
    static Path dir;
    private static Split split;

    @BeforeAll
    static void plant() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("side,a,b\n");
        String[] sides = {"ref", "ref", "tgt", "tgt", "tgt"};
        int[] counts = {300, 200, 200, 100, 100};
        double[][] centres = {{0, 0}, {10, 0}, {0, 0}, {10, 0}, {0, 10}};
        for (int g = 0; g < sides.length; g++) {
            for (int i = 0; i < counts[g]; i++) {
                csv.append(sides[g]).append(',').append(centres[g][0] + r.nextGaussian()).append(',')
                        .append(centres[g][1] + r.nextGaussian()).append('\n');
            }
        }
        Path data = dir.resolve("blobs.csv");
        Files.writeString(data, csv);
        split = new SplitBuilder(new DatasetCatalog()).build(new SplitDefinition(
                new SplitSource.FilteredFile(data, "side=ref", "side=tgt"), List.of("a", "b"), MissingPolicy.DROP),
                TaskMonitor.NONE);
    }

    private static MapAnalysis.Result map(Projector.Method method, MapAnalysis.Clustering clustering,
                                          TransportAnalysis.Standardize standardize, boolean detect) {
        return MapAnalysis.run(MapAnalysis.prepare(split, standardize, false),
                new MapAnalysis.Options(method, clustering, detect, 0), null, TaskMonitor.NONE);
    }

    private static Map<Subpopulations.Trend, Subpopulations.Cluster> byTrend(MapAnalysis.Result r) {
        Map<Subpopulations.Trend, Subpopulations.Cluster> out = new HashMap<>();
        for (Subpopulations.Cluster c : r.table().clusters()) {
            if (!c.noise()) {
                out.put(c.trend(), c);
            }
        }
        return out;
    }

    @Test
    void kMeansFindsTheEmergingAndTheShrunkClusterAndTheTestsReject() {
        MapAnalysis.Result r = map(Projector.Method.PCA, MapAnalysis.Clustering.kmeans(3),
                TransportAnalysis.Standardize.ZSCORE, true);
        assertThat(r.reference()).hasSize(2 * 500);
        assertThat(r.target()).hasSize(2 * 400);
        Map<Subpopulations.Trend, Subpopulations.Cluster> t = byTrend(r);
        assertThat(t.keySet()).containsExactlyInAnyOrder(Subpopulations.Trend.EMERGING, Subpopulations.Trend.SHRANK,
                Subpopulations.Trend.STABLE);
        Subpopulations.Cluster c = t.get(Subpopulations.Trend.EMERGING);
        assertThat(c.nReference()).isZero();
        assertThat(c.nTarget()).isEqualTo(100);
        assertThat(c.ratio()).isInfinite();
        Subpopulations.Cluster b = t.get(Subpopulations.Trend.SHRANK);
        assertThat(b.referenceShare()).isEqualTo(0.4);
        assertThat(b.targetShare()).isEqualTo(0.25);
        assertThat(b.ratio()).isCloseTo(0.625, within(1e-12));
        assertThat(t.get(Subpopulations.Trend.STABLE).nReference()).isEqualTo(300);
        // the mapped points carry the planted shift: both two-sample tests reject
        assertThat(r.detection().mmd().pValue()).isLessThan(0.01);
        assertThat(r.detection().classifier().auc()).isGreaterThan(0.6);
    }

    @Test
    void umapKeepsTheNeighbourhoodsOfThreeSeparatedBlobs() {
        MapAnalysis.Result r = map(Projector.Method.UMAP, MapAnalysis.Clustering.kmeans(3),
                TransportAnalysis.Standardize.ZSCORE, false);
        assertThat(r.projection().method()).isEqualTo(Projector.Method.UMAP);
        assertThat(r.projection().fitted()).isEqualTo(900);
        assertThat(r.projection().trustworthiness()).isGreaterThan(0.9);
        assertThat(r.detection()).isNull();
        assertThat(byTrend(r).get(Subpopulations.Trend.EMERGING).nTarget()).isEqualTo(100);
    }

    @Test
    void aGaussianMixtureAndDbscanFindTheSamePlantedClusters() {
        MapAnalysis.Result gmm = map(Projector.Method.PCA, new MapAnalysis.Clustering(
                MapAnalysis.Clustering.Method.GMM, 3, Double.NaN, 5), TransportAnalysis.Standardize.ZSCORE, false);
        assertThat(gmm.clustering().clusters()).isEqualTo(3);
        Subpopulations.Cluster e = byTrend(gmm).get(Subpopulations.Trend.EMERGING);
        assertThat(e.nReference()).isZero();
        assertThat(e.nTarget()).isEqualTo(100);

        MapAnalysis.Result db = map(Projector.Method.PCA, new MapAnalysis.Clustering(
                MapAnalysis.Clustering.Method.DBSCAN, 0, 1.5, 5), TransportAnalysis.Standardize.NONE, false);
        assertThat(db.clustering().clusters()).isEqualTo(3);
        Subpopulations.Cluster d = byTrend(db).get(Subpopulations.Trend.EMERGING);
        assertThat(d.nReference()).isZero();
        // DBSCAN may leave a few blob-edge points as noise
        assertThat(d.nTarget()).isBetween(95, 100);
    }
}
