package org.shiftscope.ui;

import org.shiftscope.ui.common.DialogService;
import org.shiftscope.ui.common.Styles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.project.Project;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle), opened on the demo project for each test; what the window tests share. */
@ExtendWith(ApplicationExtension.class)
public abstract class WindowTesting {

    @TempDir
    protected Path dir;

    protected MainViewModel vm;
    protected final List<String> errors = new ArrayList<>();

    /** Opens the window on the demo project; each test class calls it from its {@code @Start} method. */
    protected void open(Stage stage) {
        DialogService dialogs = (title, problem) -> errors.add(title + ": " + DialogService.userMessage(problem));
        vm = new MainViewModel(new TaskRunner(dialogs), dialogs);
        MainWindow window = new MainWindow(vm, () -> { });
        Scene scene = new Scene(window.root(), 1200, 800);
        scene.getStylesheets().add(getClass().getResource(Styles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.show(Project.demo(), null);
    }

    protected static void waitFor(FxRobot robot, String query, String text) {
        try {
            // the lookup walks the scene graph off the FX thread; a walk that races a layout pass is simply retried
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
                try {
                    return robot.lookup(query).queryAs(Label.class).getText().contains(text);
                } catch (IndexOutOfBoundsException | java.util.ConcurrentModificationException e) {
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("'" + query + "' never showed '" + text + "'; it shows '"
                    + robot.lookup(query).queryAs(Label.class).getText() + "'");
        }
    }
}
