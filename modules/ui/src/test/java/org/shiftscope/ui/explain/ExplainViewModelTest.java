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
        vm.dataProperty().set(ViewModelTesting.split(dir, ref.toString(), tgt.toString()));
        vm.refresh();
        assertThat(vm.problemProperty().get()).isEmpty();
        Explanation e = vm.resultProperty().get().explanation();
        assertThat(e.w2sq()).isCloseTo(9, within(1e-9));
        assertThat(e.curve().get(0).percentExplained()).isCloseTo(100, within(1e-6));
        assertThat(vm.summaryProperty().get()).contains("W2²");
    }
}
