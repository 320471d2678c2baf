package org.shiftscope.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.ui.ViewModelTesting;
import org.shiftscope.ui.tasks.Debounce;
import org.shiftscope.workflow.lab.LabAnalysis;

class LabViewModelTest {

    @Test
    void slidingComputesTheFrameAtTheRoundedIntensityAndGrowsTheAccuracyCurve() {
        ViewModelTesting t = new ViewModelTesting();
        LabViewModel vm = new LabViewModel(t.tasks, Debounce.immediate());
        // hidden: moving the slider computes nothing
        vm.intensityProperty().set(0.2);
        assertThat(vm.frameProperty().get()).isNull();
        vm.setActive(true);
        LabAnalysis.Frame first = vm.frameProperty().get();
        assertThat(first.intensity()).isEqualTo(0.2);
        assertThat(first.scenario().id()).isEqualTo("covariate-mean");
        // intensities are shown and computed to the hundredth: 0.904 is the frame at 0.9
        vm.intensityProperty().set(0.904);
        LabAnalysis.Frame f = vm.frameProperty().get();
        assertThat(f.intensity()).isEqualTo(0.9);
        // the same frame as the use case computes on its own (seed 0, the lab's rows)
        LabAnalysis.Frame direct = LabAnalysis.run("covariate-mean", 0.9, LabViewModel.ROWS, 0, TaskMonitor.NONE);
        assertThat(f.accuracy()).isEqualTo(direct.accuracy());
        assertThat(f.mmd().pValue()).isEqualTo(direct.mmd().pValue());
        assertThat(vm.verdictProperty().get()).isEqualTo(String.format(Locale.ROOT, "%s  (MMD test p = %.3f)",
                direct.mmd().pValue() < 0.05 ? "SHIFT DETECTED" : "no shift detected", direct.mmd().pValue()));
        // one point per intensity seen: (accuracy, worst group's accuracy)
        assertThat(vm.accuracyCurve().keySet()).containsExactly(0.2, 0.9);
        double[] at = vm.accuracyCurve().get(0.9);
        assertThat(at[0]).isEqualTo(direct.accuracy());
        assertThat(at[1]).isEqualTo(direct.worstGroup().getValue());
        // another scenario starts its own curve
        vm.scenarioProperty().set("subpopulation");
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.frameProperty().get().scenario().id()).isEqualTo("subpopulation");
        assertThat(vm.accuracyCurve().keySet()).containsExactly(0.9);
        // the mixture ring has no label: its frames show the shift and say why there is no accuracy
        vm.scenarioProperty().set("mixture-ring");
        assertThat(vm.problemProperty().get()).isEmpty();
        LabAnalysis.Frame ring = vm.frameProperty().get();
        assertThat(ring.scenario().id()).isEqualTo("mixture-ring");
        assertThat(ring.labelled()).isFalse();
        assertThat(ring.accuracy()).isNaN();
        assertThat(ring.shiftDetected()).isTrue(); // every component moved from radius 10 to 19
        assertThat(vm.accuracyProperty().get()).startsWith("no label in this scenario");
        assertThat(vm.accuracyCurve()).isEmpty();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(t.dialogs).isEmpty();
    }

    @Test
    void everyBuiltInScenarioOfTheListRunsInTheLab() {
        ViewModelTesting t = new ViewModelTesting();
        LabViewModel vm = new LabViewModel(t.tasks, Debounce.immediate());
        vm.setActive(true);
        List<String> builtIn = LabViewModel.scenarios().stream().filter(s -> !s.startsWith("fashion-")).toList();
        assertThat(builtIn).contains("mixture-ring", "gaussian-mean-shift", "covariate-mean", "spurious-colour");
        for (String s : builtIn) {
            vm.scenarioProperty().set(s);
            assertThat(vm.problemProperty().get()).as(s).isEmpty();
            assertThat(vm.frameProperty().get().scenario().id()).isEqualTo(s);
        }
    }
}
