package org.shiftscope.ui;


import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.project.Project;

/**
 * The desktop application. Started through a launcher class that does not extend {@link Application} (see
 * ../shared/docs/stack.md). Accepts {@code --project FILE}; without it, opens the built-in demo project.
 */
public final class ShiftScopeApp extends Application {

    private TaskRunner tasks;

    @Override
    public void start(Stage stage) {
        FxDialogService dialogs = new FxDialogService(stage, getHostServices());
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> dialogs.showError("Unexpected problem", e));
        tasks = new TaskRunner(dialogs);
        MainViewModel vm = new MainViewModel(tasks, dialogs);
        MainWindow window = new MainWindow(vm, Platform::exit);
        org.shiftscope.ui.common.Theme.of(vm.preferences().theme()).apply();
        Scene scene = org.shiftscope.ui.common.Theme.style(new Scene(window.root(), 1280, 820));
        stage.setScene(scene);
        stage.getIcons().add(new javafx.scene.image.Image(ShiftScopeApp.class.getResourceAsStream("/icons/shiftscope.png")));
        stage.titleProperty().bind(vm.titleBinding());
        stage.setOnCloseRequest(e -> {
            if (!vm.confirmLeave()) {
                e.consume(); // the user cancelled: keep the window and the changes
            }
        });
        stage.show();
        StartupTiming.watch();
        window.prepareViews();
        Path project = projectArgument(getParameters().getRaw());
        if (project != null) {
            vm.openProject(project);
        } else {
            vm.show(vm.newProject(), null);
        }
    }

    static Path projectArgument(List<String> args) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--project")) {
                return Path.of(args.get(i + 1));
            }
        }
        return null;
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.shutdown();
        }
    }
}
