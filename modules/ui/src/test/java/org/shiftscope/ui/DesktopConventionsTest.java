package org.shiftscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.ui.common.DialogService;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewId;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.project.Project;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What desktop users expect: view shortcuts, recent projects, a prompt before unsaved changes are lost, About. */
@ExtendWith(ApplicationExtension.class)
class DesktopConventionsTest {

    @TempDir
    Path dir;

    private MainViewModel vm;
    private final List<String> asked = new ArrayList<>();
    private DialogService.Unsaved answer = DialogService.Unsaved.CANCEL;
    private String info = "";
    private Path opened;

    @Start
    void start(Stage stage) {
        DialogService dialogs = new DialogService() {
            @Override
            public void showError(String title, Throwable problem) {
                asked.add("error: " + title);
            }

            @Override
            public Unsaved confirmUnsaved(String project) {
                asked.add(project);
                return answer;
            }

            @Override
            public void showInfo(String title, String text) {
                info = title + "\n" + text;
            }

            @Override
            public void openFolder(Path folder) {
                opened = folder;
            }
        };
        vm = new MainViewModel(new TaskRunner(dialogs), dialogs);
        Scene scene = new Scene(new MainWindow(vm, () -> { }).root(), 1200, 800);
        scene.getStylesheets().add(getClass().getResource(Styles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.show(Project.demo(), null);
    }

    @Test
    void shortcutsRecentProjectsAndUnsavedChanges(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.data().resultProperty().get() != null);
        // Ctrl+1..7 go to the views in their order
        robot.clickOn("#nav-data");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.viewProperty().get()).isEqualTo(ViewId.EXPLAIN);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.viewProperty().get()).isEqualTo(ViewId.DATA);
        // saving puts the project at the top of the recent ones
        Path first = dir.resolve("first.shiftscope.json");
        Path second = dir.resolve("second.shiftscope.json");
        robot.interact(() -> vm.saveAs(first));
        robot.interact(() -> vm.saveAs(second));
        assertThat(vm.recentProjects()).startsWith(second, first);
        assertThat(vm.unsaved()).isFalse();
        // a changed setting is an unsaved change: leaving asks, and Cancel keeps the project open
        robot.interact(() -> vm.map().clustersProperty().set(5));
        robot.interact(() -> vm.map().load(vm.map().settings())); // the project now holds a map
        assertThat(vm.unsaved()).isTrue();
        robot.interact(() -> vm.openProject(first));
        assertThat(asked).containsExactly("second.shiftscope.json");
        assertThat(vm.currentProject().mapSettings().clustering().k()).isEqualTo(5);
        // Save writes the changes, then the other project opens
        answer = DialogService.Unsaved.SAVE;
        robot.interact(() -> vm.openProject(first));
        assertThat(org.shiftscope.workflow.project.ProjectStore.load(second).mapSettings().clustering().k())
                .isEqualTo(5);
        assertThat(vm.recentProjects().get(0)).isEqualTo(first);
        // About says which versions run and where the log is
        robot.interact(vm::showAbout);
        assertThat(info).startsWith("About ShiftScope\nShiftScope ").contains("Java " + Runtime.version())
                .contains("Log: " + org.shiftscope.workflow.AppFolders.log()).contains("\nDevice: CPU");
        // Help > Open log folder shows the log's folder, made if it was not there yet
        robot.clickOn("Help").clickOn("#menu-open-logs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).isEqualTo(org.shiftscope.workflow.AppFolders.log().getParent());
        assertThat(opened).isDirectory();
        // the status bar says where embeddings run (this machine has no GPU)
        assertThat(robot.lookup("#status-device").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith("Device: CPU");
    }
}
