package org.shiftscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shiftscope.ui.common.DialogService;
import org.shiftscope.ui.common.Theme;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.project.Preferences;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Edit > Undo / Redo of the analysis settings, and Edit > Preferences with the dark theme applied at once. */
@ExtendWith(ApplicationExtension.class)
class PreferencesUndoTest {

    private MainViewModel vm;
    private Scene scene;

    @Start
    void start(Stage stage) {
        DialogService dialogs = (title, problem) -> { };
        vm = new MainViewModel(new TaskRunner(dialogs), dialogs);
        scene = Theme.style(new Scene(new MainWindow(vm, () -> { }).root(), 1280, 800));
        stage.setScene(scene);
        stage.show();
        vm.show(vm.newProject(), null);
    }

    @AfterEach
    void back(FxRobot robot) {
        robot.interact(() -> Theme.LIGHT.apply());
        Preferences.defaults().save();
    }

    @Test
    void undoPutsTheLastAnalysisSettingsBackAndRedoReappliesThem(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.data().resultProperty().get() != null);
        assertThat(vm.canUndoProperty().get()).isFalse();
        int k = vm.map().settings().clustering().k();
        robot.interact(() -> {
            vm.map().clustersProperty().set(k + 3);
            vm.map().load(vm.map().settings());
            vm.data().apply(); // an analysis starts with the changed settings: one undo step
        });
        assertThat(vm.canUndoProperty().get()).isTrue();
        robot.clickOn("Edit").clickOn("#menu-undo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.currentProject().mapSettings().clustering().k()).isEqualTo(k);
        assertThat(vm.canRedoProperty().get()).isTrue();
        assertThat(vm.canUndoProperty().get()).isFalse();
        robot.clickOn("Edit").clickOn("#menu-redo");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.currentProject().mapSettings().clustering().k()).isEqualTo(k + 3);
        assertThat(vm.canRedoProperty().get()).isFalse();
    }

    @Test
    void ctrlRRunsTheCurrentViewsAnalysis(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.data().resultProperty().get() != null);
        Object before = vm.tasks().currentProperty().get();
        robot.clickOn("#nav-data");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.R)
                .release(javafx.scene.input.KeyCode.R, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.tasks().currentProperty().get()).isNotNull().isNotSameAs(before);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.data().resultProperty().get() != null);
    }

    @Test
    void preferencesApplyTheThemeAtOnceAndNewProjectsStartWithTheSeedAndUnits(FxRobot robot) throws Exception {
        robot.clickOn("Edit").clickOn("#menu-preferences");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            robot.lookup("#pref-theme").<ChoiceBox<String>>query().setValue("Dark");
            robot.lookup("#pref-units").<ChoiceBox<String>>query().setValue("raw units");
            robot.lookup("#pref-seed").<Spinner<Integer>>query().getValueFactory().setValue(7);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#pref-cache-size").queryLabeled()
                .getText().endsWith(" MB in " + org.shiftscope.workflow.AppFolders.cache()));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Theme.current()).isEqualTo(Theme.DARK);
        assertThat(scene.getRoot().getStyleClass()).contains("theme-dark");
        assertThat(Preferences.load()).isEqualTo(new Preferences("dark", TransportAnalysis.Standardize.NONE, 7, null));
        assertThat(vm.newProject().explain().seed()).isEqualTo(7);
        assertThat(vm.newProject().explain().standardize()).isEqualTo(TransportAnalysis.Standardize.NONE);
    }
}
