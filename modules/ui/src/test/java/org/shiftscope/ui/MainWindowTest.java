package org.shiftscope.ui;

import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewId;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.TilePane;
import org.controlsfx.control.CheckListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.shiftscope.ui.lab.LabViewModel;
import org.shiftscope.workflow.project.ProjectStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle) tests of the real window: demo on start, loading a file, re-splitting, saving, the lab, the tour. */
class MainWindowTest extends WindowTesting {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void opensOnTheDemoWithBothSidesAndCharts(FxRobot robot) {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        assertThat(robot.lookup("#row-counts").queryAs(Label.class).getText())
                .contains("Target: 1,500 rows").contains("3 columns analysed");
        assertThat(robot.lookup("#reference-schema").queryAs(TableView.class).getItems()).hasSize(3);
        TilePane tiles = robot.lookup("#column-charts").queryAs(TilePane.class);
        chartsShown(tiles, 3); // charts arrive one a frame
        CheckListView<?> picker = robot.lookup("#column-picker").queryAs(CheckListView.class);
        assertThat(picker.getCheckModel().getCheckedItems()).hasSize(3);
        // the ring moves in x and y; the component shares are equal by construction (250 rows each side)
        assertThat(robot.lookup("#drift-verdict").queryAs(Label.class).getText())
                .startsWith("Shift detected in 2 of 3 columns");
        assertThat(robot.lookup("#drift-x").queryAs(Label.class).getText()).startsWith("DRIFT · KS D = ");
        assertThat(robot.lookup("#drift-component").queryAs(Label.class).getText()).startsWith("no drift · chi² = 0");
        // sorted by effect size: the unshifted component comes last
        assertThat(tiles.getChildren().get(2).getId()).isEqualTo("chart-component");
        assertThat(errors).isEmpty();
    }

    @Test
    void uncheckingAColumnLeavesItOut(FxRobot robot) {
        waitFor(robot, "#row-counts", "3 columns analysed");
        CheckListView<?> picker = robot.lookup("#column-picker").queryAs(CheckListView.class);
        robot.interact(() -> picker.getCheckModel().clearCheck(2));
        waitFor(robot, "#row-counts", "2 columns analysed");
        assertThat(vm.data().chosenColumns()).containsExactly("x", "y");
        assertThat(picker.getCheckModel().getCheckedItems()).hasSize(2);
        chartsShown(robot.lookup("#column-charts").queryAs(TilePane.class), 2);
    }

    private static void chartsShown(TilePane tiles, int n) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> tiles.getChildren().size() == n);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(tiles.getChildren().size() + " charts, not " + n);
        }
    }

    @Test
    void loadsAFileAndTheSplitUpdatesTheCounts(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "age,sex,score\n30,Male,1\n41,Female,?\n25,Female,3\n52,Male,4\n38,Female,5\n");
        robot.clickOn("#mode-one-file");
        robot.clickOn("#data-path").write(csv.toString());
        robot.clickOn("#reference-where").write("sex=Male");
        robot.clickOn("#target-where").write("sex=Female");
        robot.clickOn("#apply-split");
        waitFor(robot, "#row-counts", "Reference: 2 rows");
        assertThat(robot.lookup("#row-counts").queryAs(Label.class).getText())
                .contains("Target: 3 rows (2 used, 1 dropped for missing values)").contains("2 columns analysed");

        robot.doubleClickOn("#reference-where").eraseText(8).write("age>=30");
        robot.doubleClickOn("#target-where").eraseText(10).write("age<30");
        robot.clickOn("#apply-split");
        waitFor(robot, "#row-counts", "Reference: 4 rows");
        assertThat(robot.lookup("#row-counts").queryAs(Label.class).getText()).contains("Target: 1 rows");
        assertThat(errors).isEmpty();
    }

    @Test
    void aBadFilterIsExplainedInline(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "age,sex\n30,Male\n41,Female\n");
        robot.interact(() -> {
            vm.data().dataPathProperty().set(csv.toString());
            vm.data().referenceWhereProperty().set("gender=Male");
            vm.data().targetWhereProperty().set("sex=Female");
            vm.data().modeProperty().set(org.shiftscope.ui.data.SourceMode.ONE_FILE);
            vm.data().apply();
        });
        waitFor(robot, "#split-problem", "names column 'gender', which does not exist");
        assertThat(errors).isEmpty();
    }

    @Test
    void droppingTwoFilesMakesThemReferenceAndTarget(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        Path ref = dir.resolve("ref.csv");
        Path tgt = dir.resolve("tgt.csv");
        Files.writeString(ref, "x,y\n1,a\n2,b\n3,a\n");
        Files.writeString(tgt, "x,y\n5,b\n6,b\n");
        robot.interact(() -> vm.data().openFiles(List.of(ref, tgt)));
        waitFor(robot, "#row-counts", "Reference: 3 rows");
        assertThat(robot.lookup("#row-counts").queryAs(Label.class).getText()).contains("Target: 2 rows");
        assertThat(vm.data().modeProperty().get()).isEqualTo(org.shiftscope.ui.data.SourceMode.TWO_FILES);
        assertThat(robot.lookup("#target-path").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo(tgt.toString());
    }

    @Test
    void aTargetShiftTypedInTheDataViewIsAppliedAndSaved(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        // keep no target row of ring component c1 (250 of the 1,500) and every other row
        robot.clickOn("#target-shift").write("reweight=component:c1=0");
        robot.clickOn("#apply-split");
        waitFor(robot, "#row-counts", "Target: 1,250 rows");
        Path file = dir.resolve("shifted.shiftscope.json");
        robot.interact(() -> vm.saveAs(file));
        assertThat(ProjectStore.load(file).split().targetShift().text()).isEqualTo("reweight=component:c1=0");
        robot.doubleClickOn("#target-shift").eraseText(30).write("reweight=component");
        robot.clickOn("#apply-split");
        waitFor(robot, "#split-problem", "expected reweight=COLUMN:value=weight");
        assertThat(errors).isEmpty();
    }

    @Test
    void labFollowsTheSliderDebouncedAndLatestWins(FxRobot robot) throws Exception {
        robot.clickOn("#nav-lab");
        waitFor(robot, "#lab-accuracy", "accuracy");
        assertThat(vm.lab().frameProperty().get().intensity()).isEqualTo(0.5);
        // a slider dragged through nine values in one go computes once, for the last
        robot.interact(() -> {
            for (int i = 1; i <= 9; i++) {
                vm.lab().intensityProperty().set(i / 10.0);
            }
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.lab().frameProperty().get().intensity() == 0.9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.lab().accuracyCurve().keySet()).containsExactly(0.5, 0.9);
        // covariate-mean: x1's mean moves 2.7 at 0.9, off the reference's support: detected, and the classifier
        // cannot extrapolate its wave
        assertThat(robot.lookup("#lab-verdict").queryAs(Label.class).getText()).startsWith("SHIFT DETECTED");
        assertThat(vm.lab().accuracyCurve().get(0.9)[0]).isLessThan(vm.lab().accuracyCurve().get(0.5)[0]);
        // another shift starts a fresh curve
        robot.interact(() -> vm.lab().scenarioProperty().set("concept-rotation"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.lab().frameProperty().get().scenario().id()
                .equals("concept-rotation"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.lab().accuracyCurve()).hasSize(1);
        assertThat(robot.lookup("#lab-description").queryAs(Label.class).getText()).contains("boundary rotates");
        // the scenario on screen, as files and a project
        Path out = dir.resolve("lab-export");
        robot.interact(() -> vm.lab().export(out));
        waitFor(robot, "#lab-exported", "Wrote concept-rotation at intensity 0.9");
        assertThat(Files.readAllLines(out.resolve("target.csv"))).hasSize(LabViewModel.ROWS + 1);
        assertThat(out.resolve("concept-rotation.shiftscope.json")).exists();
        assertThat(errors).isEmpty();
    }

    @Test
    void guidedTourWalksFromDetectToAdaptAndPresentationModeEnlargesEverything(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        robot.clickOn("Help");
        robot.clickOn("Guided tour");
        waitFor(robot, "#tour-caption", "1. Two samples");
        assertThat(vm.viewProperty().get()).isEqualTo(ViewId.DATA);
        for (int i = 0; i < 4; i++) {
            robot.clickOn("#tour-next");
        }
        // step 5 opens the Lab on a covariate shift at 0.75
        waitFor(robot, "#tour-caption", "5. Dial a shift");
        assertThat(vm.viewProperty().get()).isEqualTo(ViewId.LAB);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.lab().frameProperty().get() != null
                && vm.lab().frameProperty().get().intensity() == 0.75);
        robot.clickOn("#tour-next");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.lab().frameProperty().get().scenario().id()
                .equals("concept-rotation"));
        robot.clickOn("#tour-back");
        assertThat(vm.lab().scenarioProperty().get()).isEqualTo("covariate-mean");
        robot.clickOn("#tour-end");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tour-bar").query().isVisible()).isFalse();
        // presentation mode: the navigation and the view shown take the presentation style (large type, high
        // contrast) at once, the hidden views in the frames after
        javafx.scene.Parent nav = robot.lookup("#nav-data").queryAs(javafx.scene.Parent.class).getParent();
        javafx.scene.Parent lab = robot.lookup("#lab-view").queryAs(javafx.scene.Parent.class);
        javafx.scene.Parent map = robot.lookup("#map-view").queryAs(javafx.scene.Parent.class);
        robot.interact(() -> vm.presentationProperty().set(true));
        assertThat(nav.getStyleClass()).contains(Styles.PRESENTATION);
        // the hidden views in the idle frames after: the Lab view's verdict in large type, the Map view styled
        Label verdict = robot.lookup("#lab-verdict").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> lab.getStyleClass().contains(Styles.PRESENTATION) && map.getStyleClass().contains(
                        Styles.PRESENTATION) && verdict.getFont().getSize() >= 30).get());
        robot.interact(() -> vm.presentationProperty().set(false));
        assertThat(nav.getStyleClass()).doesNotContain(Styles.PRESENTATION);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> !lab.getStyleClass().contains(Styles.PRESENTATION) && verdict.getFont().getSize() < 30).get());
        assertThat(errors).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void explainViewExplainsTheMixtureRing(FxRobot robot) {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        robot.clickOn("#nav-explain");
        waitFor(robot, "#explain-summary", "W2²");
        assertThat(robot.lookup("#explain-summary").queryAs(Label.class).getText()).contains("exact");
        LineChart<Number, Number> pe = robot.lookup("#percent-chart").queryAs(LineChart.class);
        assertThat(pe.getData().get(0).getData()).hasSize(6);
        waitFor(robot, "#k-label", "k = 6");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<Object> clusters = robot.lookup("#cluster-table").queryAs(TableView.class);
        assertThat(clusters.getItems()).hasSize(6);
        robot.interact(() -> clusters.getSelectionModel().select(0));
        TableView<Object> rows = robot.lookup("#cluster-rows").queryAs(TableView.class);
        assertThat(rows.getItems()).hasSize(250); // one ring component
        robot.interact(() -> vm.explain().methodProperty().set(org.shiftscope.transport.ExplanationMethod.KSPARSE_MEAN));
        waitFor(robot, "#k-label", "k = 2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pe.getData().get(0).getData()).hasSize(2);
        assertThat(clusters.getItems()).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void savedProjectReopensTheSameSplit(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        Path file = dir.resolve("demo.shiftscope.json");
        robot.interact(() -> vm.saveAs(file));
        assertThat(ProjectStore.load(file)).isEqualTo(vm.currentProject());
        assertThat(vm.titleBinding().get()).isEqualTo("ShiftScope — demo.shiftscope.json");
    }
}
