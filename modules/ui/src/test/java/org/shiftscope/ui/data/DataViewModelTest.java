package org.shiftscope.ui.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.ui.ViewModelTesting;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;

class DataViewModelTest {

    @TempDir
    Path dir;

    @Test
    void twoFilesMakeASplitWithItsCountsAndAProblemNamesTheFile() throws Exception {
        ViewModelTesting t = new ViewModelTesting();
        DataViewModel vm = new DataViewModel(t.tasks, new SplitBuilder(new DatasetCatalog()));
        Path r = dir.resolve("ref.csv");
        Path g = dir.resolve("tgt.csv");
        // 20 reference rows (x = 1..20, the third missing), 20 target rows (x = 21..40); y alternates a, b
        StringBuilder ref = new StringBuilder("x,y\n");
        StringBuilder tgt = new StringBuilder("x,y\n");
        for (int i = 1; i <= 20; i++) {
            ref.append(i == 3 ? "" : Integer.toString(i)).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
            tgt.append(20 + i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(r, ref);
        Files.writeString(g, tgt);
        vm.modeProperty().set(SourceMode.TWO_FILES);
        vm.referencePathProperty().set(r.toString());
        vm.targetPathProperty().set(g.toString());
        vm.apply();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get().split().referenceRows()).isEqualTo(20);
        assertThat(vm.countsProperty().get()).startsWith("Reference: 20 rows (19 used, 1 dropped for missing values)")
                .contains("Target: 20 rows").contains("2 columns analysed");
        // x separates completely (KS D = 1, p far below 0.05 after Holm); y has the same shares on both sides
        assertThat(vm.verdictProperty().get()).startsWith("Shift detected in 1 of 2 columns")
                .endsWith("largest effects: x.");

        vm.targetPathProperty().set(dir.resolve("missing.csv").toString());
        vm.apply();
        assertThat(vm.problemProperty().get()).contains("missing.csv");
        assertThat(t.dialogs).isEmpty();
    }

    @Test
    void aMetadataTableWithAnImageColumnShowsSampleImagesAndWhatWasLeftOut() throws Exception {
        // 30 images of 200 x 120 pixels (a reference and a target side), one row naming a missing file
        StringBuilder csv = new StringBuilder("file,side,label\n");
        for (int i = 0; i < 30; i++) {
            ViewModelTesting.solidPng(dir.resolve("img/" + i + ".png"), 200, 120, i < 15 ? 0x3050C0 : 0xC05030);
            csv.append("img/").append(i).append(".png,").append(i < 15 ? "ref" : "tgt").append(',')
                    .append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        csv.append("img/missing.png,ref,a\n");
        Path meta = dir.resolve("meta.csv");
        Files.writeString(meta, csv);
        ViewModelTesting t = new ViewModelTesting();
        DataViewModel vm = new DataViewModel(t.tasks, new SplitBuilder(new DatasetCatalog()));
        vm.modeProperty().set(SourceMode.ONE_FILE);
        vm.dataPathProperty().set(meta.toString());
        vm.referenceWhereProperty().set("side=ref");
        vm.targetWhereProperty().set("side=tgt");
        vm.imageColumnProperty().set("file");
        vm.apply();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get().split().reference().hasImages()).isTrue();
        assertThat(vm.countsProperty().get()).startsWith("Reference: 15 rows").contains("Target: 15 rows");
        assertThat(vm.notesProperty().get()).contains("1 row(s) left out").contains("img/missing.png: no such file");
        // twelve samples a side, shrunk to 96 pixels on the longer side (200 x 120 -> 96 x 58)
        java.util.List<java.util.List<org.shiftscope.core.RasterImage>> s = vm.samplesProperty().get();
        assertThat(s.get(0)).hasSize(12);
        assertThat(s.get(1)).hasSize(12);
        assertThat(s.get(0).get(0).width()).isEqualTo(96);
        assertThat(s.get(0).get(0).height()).isEqualTo(58);
        assertThat(s.get(1).get(0).pixels()[0] & 0xFF).isEqualTo(0xC0);
        // each sample's label, from the rows the samples take (rows 0, 1, 2 ... of 15: labels a, b, a ...)
        assertThat(vm.sampleLabelsProperty().get().get(0)).hasSize(12).startsWith("a", "b", "a");
        // saved with the project and read back into the form
        org.shiftscope.workflow.SplitDefinition def = vm.definition();
        assertThat(def.images().column()).isEqualTo("file");
        DataViewModel again = new DataViewModel(t.tasks, new SplitBuilder(new DatasetCatalog()));
        again.load(def);
        assertThat(again.imageColumnProperty().get()).isEqualTo("file");
    }

    @Test
    void aTableWithATextColumnShowsSampleTexts() throws Exception {
        // 30 distinct reviews (a text column), the third one 300 characters long
        StringBuilder ref = new StringBuilder("review,stars\n");
        StringBuilder tgt = new StringBuilder("review,stars\n");
        for (int i = 0; i < 30; i++) {
            String text = i == 2 ? "long ".repeat(60) : "review number " + i + " says something different";
            ref.append(text).append(',').append(i % 5).append('\n');
            tgt.append("target ").append(text).append(',').append(i % 5).append('\n');
        }
        ViewModelTesting t = new ViewModelTesting();
        DataViewModel vm = new DataViewModel(t.tasks, new SplitBuilder(new DatasetCatalog()));
        vm.publish(ViewModelTesting.split(dir, ref.toString(), tgt.toString()));
        java.util.List<String> texts = vm.sampleTextsProperty().get().get(0);
        assertThat(texts).hasSize(12);
        assertThat(texts.get(0)).isEqualTo("review number 0 says something different");
        // sample j is row j x 30 / 12: rows 0, 2, 5 ...; row 2's 300 characters are cut at 200
        assertThat(texts.get(1)).hasSize(201).endsWith("…");
        assertThat(vm.sampleTextsProperty().get().get(1).get(0)).startsWith("target review number 0");
        assertThat(vm.samplesProperty().get().get(0)).isEmpty();
    }
}
