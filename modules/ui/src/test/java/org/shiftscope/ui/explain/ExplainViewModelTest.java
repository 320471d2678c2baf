package org.shiftscope.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.transport.Explanation;
import org.shiftscope.ui.ViewModelTesting;

class ExplainViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aTranslatedCloudIsExplainedByOneClusterMovingByTheTranslation() throws Exception {
        // target = reference + (3, 0): the optimal plan moves every point by (3, 0), so W2^2 = 9 exactly and one
        // cluster (the whole cloud, moved by its mean displacement) explains all of it
        StringBuilder ref = new StringBuilder("a,b\n");
        StringBuilder tgt = new StringBuilder("a,b\n");
        double[][] pts = {{0, 0}, {1, 2}, {2, -1}, {3, 1}, {-1, 1}, {0.5, -2}};
        for (double[] p : pts) {
            ref.append(p[0]).append(',').append(p[1]).append('\n');
            tgt.append(p[0] + 3).append(',').append(p[1]).append('\n');
        }
        ViewModelTesting t = new ViewModelTesting();
        ExplainViewModel vm = new ExplainViewModel(t.tasks);
        vm.kmaxProperty().set(2);
        // in raw units, where the translation is 3 (the view's default scales by the reference's sd)
        vm.standardizeProperty().set(org.shiftscope.workflow.TransportAnalysis.Standardize.NONE);
        vm.dataProperty().set(ViewModelTesting.split(dir, ref.toString(), tgt.toString()));
        vm.refresh();
        assertThat(vm.problemProperty().get()).isEmpty();
        Explanation e = vm.resultProperty().get().explanation();
        assertThat(e.w2sq()).isCloseTo(9, within(1e-9));
        assertThat(e.curve().get(0).percentExplained()).isCloseTo(100, within(1e-6));
        assertThat(vm.summaryProperty().get()).contains("W2²");
    }

    @Test
    void aClustersExemplarStripShowsTheImagesThatMoved() throws Exception {
        // an image table: x is 0 for blue images on both sides; 10 for green images in the reference, 20 in the
        // target. The 2-cluster explanation moves the green cluster by 10; its exemplars are green images
        StringBuilder csv = new StringBuilder("file,x,side\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int i = 0; i < 80; i++) {
            boolean green = i % 2 == 1;
            boolean target = i >= 40;
            ViewModelTesting.solidPng(dir.resolve("img/" + i + ".png"), 30, 20, green ? 0x20C040 : 0x2040C0);
            double x = (green ? (target ? 20 : 10) : 0) + 0.3 * r.nextGaussian();
            csv.append("img/").append(i).append(".png,").append(x).append(',').append(target ? "tgt" : "ref")
                    .append('\n');
        }
        java.nio.file.Path meta = dir.resolve("meta.csv");
        java.nio.file.Files.writeString(meta, csv);
        org.shiftscope.workflow.data.DataResult d = ViewModelTesting.imageTable(meta, "side=ref", "side=tgt");
        ViewModelTesting t = new ViewModelTesting();
        ExplainViewModel vm = new ExplainViewModel(t.tasks);
        vm.kmaxProperty().set(2);
        vm.standardizeProperty().set(org.shiftscope.workflow.TransportAnalysis.Standardize.NONE);
        vm.dataProperty().set(d);
        vm.refresh();
        assertThat(vm.problemProperty().get()).isEmpty();
        Explanation.Cluster moved = vm.selectedPoint().clusters().stream()
                .max(java.util.Comparator.comparingDouble(Explanation.Cluster::displacementNorm)).orElseThrow();
        assertThat(moved.displacementNorm()).isCloseTo(10, within(0.5));
        vm.showCluster(moved.id());
        assertThat(vm.exemplarTextProperty().get()).startsWith("Cluster " + moved.id() + " (50.0 % of the reference)"
                + " moved 10");
        java.util.List<java.util.List<org.shiftscope.core.RasterImage>> images = vm.exemplarImagesProperty().get();
        assertThat(images.get(0)).hasSize(6);
        assertThat(images.get(1)).hasSize(6);
        for (java.util.List<org.shiftscope.core.RasterImage> side : images) {
            for (org.shiftscope.core.RasterImage img : side) {
                assertThat(img.pixels()[1] & 0xFF).isEqualTo(0xC0); // green
            }
        }
        vm.showCluster(-1);
        assertThat(vm.exemplarImagesProperty().get().get(0)).isEmpty();

        // on the map's points: a user's CNN embeds the images (ImageNet steps sized to its 56 x 56 input), and the
        // explanation runs on its 16 embedding dimensions; the green images still move as one cluster
        vm.mapSettings(() -> new org.shiftscope.workflow.map.MapSettings(
                org.shiftscope.workflow.map.MapSettings.Source.MODEL,
                java.nio.file.Path.of("../embedding/src/test/resources/preprocess/cnn.onnx"), null,
                org.shiftscope.projection.Projector.Method.PCA,
                org.shiftscope.workflow.map.MapAnalysis.Clustering.kmeans(2),
                org.shiftscope.workflow.TransportAnalysis.Standardize.ZSCORE, 0,
                org.shiftscope.core.ImagePreprocessing.IMAGENET));
        vm.mapPointsProperty().set(true);
        vm.refresh();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get().explanation().features()).hasSize(16).allMatch(f -> f.startsWith("emb_"));
        assertThat(t.dialogs).isEmpty();
    }
}
