package org.shiftscope.ui.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.adapt.AdaptationRun;

class AdaptViewModelTest {

    private static final double NA = Double.NaN;

    @Test
    void fairnessRowsShowEachGroupsRatesBeforeAndAfter() {
        // A's selection rate 0.4 -> 0.6; B's TPR has no positives after (NaN), B's FPR none before; "after" lists
        // B first
        AuditAnalysis.Audit before = audit(group("A", 0.4, 0.2, 0.6, 0.5, 0.1, 0.9, 0.25, 0.0, 0.5),
                group("B", 0.7, 0.5, 0.9, 0.8, 0.6, 1.0, NA, NA, NA));
        AuditAnalysis.Audit after = audit(group("B", 0.5, 0.3, 0.7, NA, NA, NA, 0.1, 0.0, 0.2),
                group("A", 0.6, 0.4, 0.8, 0.75, 0.5, 1.0, 0.5, 0.25, 0.75));
        List<AdaptViewModel.Row> rows = AdaptViewModel.fairness(new AdaptationRun.Fairness(before, after));
        // A: three rates; B: only the selection rate has a value on both sides
        assertThat(rows).extracting(AdaptViewModel.Row::metric).containsExactly("selection_rate[A]", "tpr[A]",
                "fpr[A]", "selection_rate[B]");
        assertThat(rows.get(0).first()).isEqualTo("0.4000 [0.2000, 0.6000]");
        assertThat(rows.get(0).second()).isEqualTo("0.6000 [0.4000, 0.8000]");
        assertThat(rows.get(0).delta()).isCloseTo(0.2, within(1e-12));
        assertThat(rows.get(3).delta()).isCloseTo(-0.2, within(1e-12));
    }

    /** A group's selection rate, TPR and FPR, each with its interval. */
    private static GroupFairness.Group group(String name, double... v) {
        Map<String, Evaluation.Estimate> values = new LinkedHashMap<>();
        values.put("selection_rate", new Evaluation.Estimate(v[0], v[1], v[2]));
        values.put("tpr", new Evaluation.Estimate(v[3], v[4], v[5]));
        values.put("fpr", new Evaluation.Estimate(v[6], v[7], v[8]));
        return new GroupFairness.Group(name, 100, false, values);
    }

    private static AuditAnalysis.Audit audit(GroupFairness.Group... groups) {
        return new AuditAnalysis.Audit("target", 200, 0, "yes", "the more probable class is yes",
                new GroupFairness.Result(200, List.of(groups), "A", List.of(), List.of(), 30, 0));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void aRunShowsBeforeAndAfterAndLandsInTheHistory() throws Exception {
        // a pure label shift: the same rule y = 1[x > 0] on both sides, the target keeping a third of the "no" rows
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        StringBuilder ref = new StringBuilder("x,y\n");
        StringBuilder tgt = new StringBuilder("x,y\n");
        for (int i = 0; i < 1200; i++) {
            double x = rnd.nextGaussian();
            ref.append(x).append(',').append(x > 0 ? "yes" : "no").append('\n');
            double z = rnd.nextGaussian();
            if (z > 0 || rnd.nextDouble() < 1 / 3.0) {
                tgt.append(z).append(',').append(z > 0 ? "yes" : "no").append('\n');
            }
        }
        org.shiftscope.ui.ViewModelTesting t = new org.shiftscope.ui.ViewModelTesting();
        AdaptViewModel vm = new AdaptViewModel(t.tasks);
        vm.dataProperty().set(org.shiftscope.ui.ViewModelTesting.split(dir, ref.toString(), tgt.toString()));
        vm.labelProperty().set("y");
        vm.epochsProperty().set(3);
        vm.methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("bbse-soft"));
        vm.run();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(t.dialogs).isEmpty();
        // the target's class shares: 3 of 4 "yes" in expectation; the summary shows the estimate and the truth
        assertThat(vm.summaryProperty().get()).contains("bbse-soft on built-in mlp").contains("target priors"
                + " estimated (").contains(", actual (");
        AdaptViewModel.Row accuracy = vm.rows().get(0);
        assertThat(accuracy.metric()).isEqualTo("accuracy");
        assertThat(accuracy.first()).matches("0\\.\\d{4} \\[0\\.\\d{4}, [01]\\.\\d{4}\\]");
        // the stored run is the one shown
        String id = vm.summaryProperty().get().split(" ")[1];
        assertThat(vm.runs()).extracting(org.shiftscope.workflow.adapt.RunStore.Run::id).contains(id);
        // a user's model only runs the methods that need its outputs alone
        vm.modelFileProperty().set(dir.resolve("reference.csv").toString());
        vm.methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("tent"));
        vm.run();
        assertThat(vm.problemProperty().get()).startsWith("tent trains or changes the classifier");
    }

    @Test
    void aUsersImageClassifierRunsLameThroughItsPreprocessing() throws Exception {
        // 60 images of two sizes in three colours (label a, b, c), half reference, half target
        java.nio.file.Files.createDirectories(dir.resolve("img"));
        StringBuilder csv = new StringBuilder("file,label,side\n");
        int[] colours = {0x3050C0, 0x60A040, 0xC04030};
        for (int i = 0; i < 60; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(i % 2 == 0 ? 64 : 80, 72,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, colours[i % 3] + (x % 7) * 0x010101);
                }
            }
            javax.imageio.ImageIO.write(img, "png", dir.resolve("img/" + i + ".png").toFile());
            csv.append("img/").append(i).append(".png,").append("abc".charAt(i % 3)).append(',')
                    .append(i < 30 ? "ref" : "tgt").append('\n');
        }
        java.nio.file.Path meta = dir.resolve("meta.csv");
        java.nio.file.Files.writeString(meta, csv);
        org.shiftscope.workflow.data.DataResult d = org.shiftscope.ui.ViewModelTesting.imageTable(meta, "side=ref",
                "side=tgt");
        org.shiftscope.ui.ViewModelTesting t = new org.shiftscope.ui.ViewModelTesting();
        AdaptViewModel vm = new AdaptViewModel(t.tasks);
        vm.dataProperty().set(d);
        vm.labelProperty().set("label");
        vm.methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("lame"));
        // the CNN's logits are output 1 (three classes), its embedding output 0; ImageNet's steps sized to its 56 x 56
        vm.modelFileProperty().set(java.nio.file.Path.of("../embedding/src/test/resources/preprocess/cnn.onnx")
                .toString());
        vm.modelOutputProperty().set(1);
        vm.modelFeaturesProperty().set(0);
        vm.preprocessProperty().set(org.shiftscope.core.ImagePreprocessing.IMAGENET);
        vm.run();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(t.dialogs).isEmpty();
        assertThat(vm.summaryProperty().get()).contains("lame on cnn.onnx");
    }
}
