package org.shiftscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.ui.WindowTesting;
import org.shiftscope.workflow.slice.Slice;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A map selection saved as a named slice: coloured on the map, a group in Subgroups and Adapt, kept in the project. */
class SliceWindowTest extends WindowTesting {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSelectedClusterBecomesAGroupEverywhere(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        robot.clickOn("#nav-map");
        waitFor(robot, "#map-summary", "8 clusters");
        TableView<Subpopulations.Cluster> table = robot.lookup("#subpopulation-table").queryAs(TableView.class);
        Subpopulations.Cluster first = table.getItems().get(0);
        robot.interact(() -> table.getSelectionModel().select(first));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.map().selectionProperty().get()).hasSize(first.nReference() + first.nTarget());
        robot.clickOn("#map-slice-name").write("ring part");
        robot.clickOn("#map-slice-save");
        waitFor(robot, "#map-slice-status", String.format(java.util.Locale.ROOT, "saved ring part: %,d reference rows",
                first.nReference()));
        Slice s = vm.map().slices().get(0);
        assertThat(s.reference()).hasSize(first.nReference());
        assertThat(s.target()).hasSize(first.nTarget());
        // the demo drops no rows, so a slice's rows are the cluster's points themselves
        int[] clusterOf = vm.map().resultProperty().get().referenceCluster();
        for (int r : s.reference()) {
            assertThat(clusterOf[r]).isEqualTo(first.id());
        }
        // coloured by the slice: its points in one colour, the rest in another
        robot.interact(() -> {
            vm.map().colourByProperty().set(MapViewModel.ColourBy.COLUMN);
            vm.map().colourColumnProperty().set("slice: ring part");
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.HBox legend = robot.lookup("#map-legend").queryAs(javafx.scene.layout.HBox.class);
        assertThat(legend.getChildren().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList())
                .containsExactly("in ring part", "not in ring part");
        // selecting it again gives the same points
        robot.interact(() -> vm.map().selectionProperty().set(new int[0]));
        robot.interact(() -> vm.map().selectSlice(s));
        assertThat(vm.map().selectionProperty().get()).hasSize(first.nReference() + first.nTarget());
        // a group in the Subgroups and Adapt views
        robot.clickOn("#nav-subgroups");
        assertThat(robot.lookup("#subgroups-group").queryAs(ChoiceBox.class).getItems()).contains("slice: ring part");
        robot.clickOn("#nav-adapt");
        assertThat(robot.lookup("#adapt-group").queryAs(ChoiceBox.class).getItems()).contains("slice: ring part");
        robot.interact(() -> {
            vm.adapt().labelProperty().set("component");
            vm.adapt().groupProperty().set("slice: ring part");
            vm.adapt().methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("mlls"));
        });
        robot.clickOn("#adapt-run");
        // the rows are read on the FX thread, which fills them (a read from here could race the filling)
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> vm.adapt().rows()
                .stream().anyMatch(r -> r.metric().startsWith("accuracy[in] (n "))).get());
        // the target's group sizes: every target row is scored, so "in" holds the slice's target rows
        assertThat(vm.adapt().rows().stream().map(org.shiftscope.ui.adapt.AdaptViewModel.Row::metric))
                .contains("accuracy[in] (n " + first.nTarget() + ")",
                        "accuracy[out] (n " + (1_500 - first.nTarget()) + ")");
        // kept in the project, and back when it opens
        Path saved = dir.resolve("slices.shiftscope.json");
        robot.interact(() -> vm.saveAs(saved));
        robot.interact(() -> vm.map().slices().clear());
        robot.interact(() -> vm.openProject(saved));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.map().slices()).containsExactly(s);
        assertThat(errors).isEmpty();
    }
}
