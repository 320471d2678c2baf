package org.shiftscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.ui.ViewModelTesting;
import org.shiftscope.workflow.map.MapSettings;

class MapViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aClusterOnlyTheTargetHasIsMappedAsEmerging() throws Exception {
        // reference: 300 points around (0, 0); target: 300 around (0, 0) and 150 around (12, 12), a cluster the
        // reference lacks
        SplittableRandom rnd = new SplittableRandom(4);
        StringBuilder ref = new StringBuilder("a,b\n");
        StringBuilder tgt = new StringBuilder("a,b\n");
        for (int i = 0; i < 300; i++) {
            ref.append(rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append('\n');
            tgt.append(rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append('\n');
        }
        for (int i = 0; i < 150; i++) {
            tgt.append(12 + rnd.nextGaussian()).append(',').append(12 + rnd.nextGaussian()).append('\n');
        }
        ViewModelTesting t = new ViewModelTesting();
        MapViewModel vm = new MapViewModel(t.tasks);
        vm.clustersProperty().set(2);
        vm.dataProperty().set(ViewModelTesting.split(dir, ref.toString(), tgt.toString()));
        vm.refresh();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.summaryProperty().get()).startsWith("300 reference × 450 target points · 2 features");
        Subpopulations.Cluster emerging = vm.resultProperty().get().table().clusters().stream()
                .filter(c -> c.trend() == Subpopulations.Trend.EMERGING).findFirst().orElseThrow();
        assertThat(emerging.nReference()).isZero();
        assertThat(emerging.nTarget()).isEqualTo(150);

        // an encoder map without its label says what is missing instead of computing
        vm.sourceProperty().set(MapSettings.Source.ENCODER);
        vm.labelProperty().set(null);
        vm.refresh();
        assertThat(vm.summaryProperty().get()).isEqualTo("Choose the label column the built-in encoder learns.");
    }

    @Test
    void aUsersModelMapsAnImageTableThroughItsPreprocessing() throws Exception {
        // 20 images of two sizes: blue on the reference side, half blue half orange on the target side
        StringBuilder csv = new StringBuilder("file,side\n");
        for (int i = 0; i < 20; i++) {
            ViewModelTesting.solidPng(dir.resolve("img/" + i + ".png"), i % 2 == 0 ? 60 : 90, 70,
                    i < 10 || i % 2 == 0 ? 0x3050C0 : 0xE08020);
            csv.append("img/").append(i).append(".png,").append(i < 10 ? "ref" : "tgt").append('\n');
        }
        java.nio.file.Path meta = dir.resolve("meta.csv");
        java.nio.file.Files.writeString(meta, csv);
        org.shiftscope.workflow.data.DataResult d = ViewModelTesting.imageTable(meta, "side=ref", "side=tgt");
        ViewModelTesting t = new ViewModelTesting();
        MapViewModel vm = new MapViewModel(t.tasks);
        vm.clustersProperty().set(2);
        vm.sourceProperty().set(MapSettings.Source.MODEL);
        vm.sourceFileProperty().set(Path.of("../embedding/src/test/resources/preprocess/cnn.onnx").toString());
        vm.dataProperty().set(d);
        // as they are, the images do not fit the model's fixed input (the ONNX file declares 3 x 56 x 56)
        vm.refresh();
        assertThat(vm.problemProperty().get()).startsWith("cnn.onnx: takes inputs of shape [3, 56, 56] per image,"
                + " but the preprocessing (no resize").contains("choose a resize, crop and channels");
        // ImageNet's steps, sized to the model's input: resize 64 (256 / 224 x 56), centre crop 56
        vm.preprocessProperty().set(org.shiftscope.core.ImagePreprocessing.IMAGENET);
        vm.refresh();
        assertThat(vm.problemProperty().get()).isEmpty();
        // the orange images (5 of the target) form their own cluster
        Subpopulations.Cluster emerging = vm.resultProperty().get().table().clusters().stream()
                .filter(c -> c.trend() == Subpopulations.Trend.EMERGING).findFirst().orElseThrow();
        assertThat(emerging.nTarget()).isEqualTo(5);
        assertThat(vm.settings().preprocess()).isEqualTo(org.shiftscope.core.ImagePreprocessing.IMAGENET);
    }

    @Test
    void umapShowsItsPreviewFirstAndIsFittedOnEveryPointOnRequest() throws Exception {
        // 2,500 + 2,000 points: UMAP's preview is fitted on 4,000 of them, "All points" on the 4,500
        SplittableRandom rnd = new SplittableRandom(8);
        StringBuilder ref = new StringBuilder("a,b\n");
        StringBuilder tgt = new StringBuilder("a,b\n");
        for (int i = 0; i < 2500; i++) {
            ref.append(rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append('\n');
        }
        for (int i = 0; i < 2000; i++) {
            tgt.append(1 + rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append('\n');
        }
        ViewModelTesting t = new ViewModelTesting();
        MapViewModel vm = new MapViewModel(t.tasks);
        vm.clustersProperty().set(2);
        vm.methodProperty().set(org.shiftscope.projection.Projector.Method.UMAP);
        vm.dataProperty().set(ViewModelTesting.split(dir, ref.toString(), tgt.toString()));
        vm.refresh();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get().projection().fitted()).isEqualTo(4000);
        assertThat(vm.summaryProperty().get()).contains("UMAP fitted on 4,000 points");
        vm.fitProperty().set(org.shiftscope.projection.Projector.ALL);
        vm.refresh();
        assertThat(vm.resultProperty().get().projection().fitted()).isEqualTo(4500);
        assertThat(vm.summaryProperty().get()).contains("UMAP fitted on 4,500 points");
        assertThat(vm.settings().fit()).isEqualTo(org.shiftscope.projection.Projector.ALL);
        vm.load(vm.settings().withFit(0));
        assertThat(vm.fitProperty().get()).isZero();
    }
}
