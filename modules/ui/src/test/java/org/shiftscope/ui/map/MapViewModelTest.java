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
}
