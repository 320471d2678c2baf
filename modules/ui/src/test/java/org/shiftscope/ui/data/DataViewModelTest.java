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
}
