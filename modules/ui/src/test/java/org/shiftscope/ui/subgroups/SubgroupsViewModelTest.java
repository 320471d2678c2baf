package org.shiftscope.ui.subgroups;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.ui.ViewModelTesting;

class SubgroupsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void eachGroupsRatesAreTheHandCountedOnes() throws Exception {
        // group A: (label, decision) = (1,1) (1,0) (0,0) (0,1): selection 2/4, TPR 1/2, FPR 1/2
        // group B: (1,1) (1,1) (0,0) (0,0): selection 2/4, TPR 2/2, FPR 0/2; the same rows on both sides
        String rows = "g,y,p\nA,1,1\nA,1,0\nA,0,0\nA,0,1\nB,1,1\nB,1,1\nB,0,0\nB,0,0\n";
        ViewModelTesting t = new ViewModelTesting();
        SubgroupsViewModel vm = new SubgroupsViewModel(t.tasks);
        vm.dataProperty().set(ViewModelTesting.split(dir, rows, rows));
        vm.labelProperty().set("y");
        vm.predictionProperty().set("p");
        vm.groupProperty().set("g");
        vm.minGroupSizeProperty().set(1);
        vm.clustersProperty().set(0);
        vm.audit();
        assertThat(vm.problemProperty().get()).isEmpty();
        List<SubgroupsViewModel.Row> reference = vm.rows().stream().filter(r -> r.side().equals("reference"))
                .toList();
        assertThat(reference).extracting(SubgroupsViewModel.Row::group).containsExactly("A", "B");
        assertThat(reference.get(0).values().get("selection_rate")).startsWith("0.500");
        assertThat(reference.get(0).values().get("tpr")).startsWith("0.500");
        assertThat(reference.get(0).values().get("fpr")).startsWith("0.500");
        assertThat(reference.get(1).values().get("tpr")).startsWith("1.000");
        assertThat(reference.get(1).values().get("fpr")).startsWith("0.000");
        // the same rows on both sides: every change is zero
        vm.rows().stream().filter(r -> r.side().equals("change")).forEach(r ->
                r.values().values().forEach(v -> assertThat(Double.parseDouble(v)).isZero()));
    }
}
