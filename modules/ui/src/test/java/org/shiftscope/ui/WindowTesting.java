package org.shiftscope.ui;

import org.shiftscope.ui.common.DialogService;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.ui.common.Theme;

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
    private FxWatchdog watchdog;

    /** Opens the window on the demo project; each test class calls it from its {@code @Start} method. */
    protected void open(Stage stage) {
        DialogService dialogs = (title, problem) -> errors.add(title + ": " + DialogService.userMessage(problem));
        vm = new MainViewModel(new TaskRunner(dialogs), dialogs);
        MainWindow window = new MainWindow(vm, () -> { });
        // as the application does: the light theme's user-agent stylesheet and ours on the scene
        Theme.LIGHT.apply();
        Scene scene = Theme.style(new Scene(window.root(), 1200, 800));
        stage.setScene(scene);
        stage.show();
        vm.show(Project.demo(), null);
        // as the application does once its window is up: the other views are made while the window is idle
        window.prepareViews();
    }

    /**
     * Starts the watchdog once start-up is over: the window's first styling and layout, the views prepared in idle
     * frames after it, and the JIT's compiling of what that made hot (in a cold JVM: loading the controls' classes
     * and skins, compiling the styling code; the installer's cold-start check measures the first window). The
     * watchdog measures the use after it.
     */
    @org.junit.jupiter.api.BeforeEach
    void startWatchdog() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !WaitForAsyncUtils.asyncFx(FrameFeed::pending).get());
        WaitForAsyncUtils.waitForFxEvents();
        jitSettled();
        watchdog = new FxWatchdog();
    }

    /**
     * Waits (at most 5 s) until the JIT has compiled what start-up made hot: no compilation for 300 ms. On two cores
     * its compiler threads otherwise take most of a core from the test's first actions (a wait of 92 ms held 42 ms
     * of FX work in the first window test of a JVM).
     */
    private static void jitSettled() throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = jit.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    /**
     * Longest the FX thread may stay busy while a test runs (a user would see the window freeze): 100 ms. Views
     * put their sections in place one a frame and are prepared while the window is idle, tables take new rows a
     * frame after they change ({@code FrameFeed}), files and databases are read off the FX thread.
     */
    static final long FX_LIMIT_MS = Long.getLong("shiftscope.fxLimitMs", 100);

    /** The test's longest wait of the FX thread; fails above {@link #FX_LIMIT_MS} with what the thread was doing. */
    @org.junit.jupiter.api.AfterEach
    void fxThreadNeverBlocked() {
        if (watchdog == null) {
            return;
        }
        watchdog.stop();
        FxWatchdog.Wait worst = watchdog.worst();
        System.out.println("FX watchdog: " + getClass().getSimpleName() + " longest FX wait " + worst.describe());
        if (worst.ms() > FX_LIMIT_MS) {
            throw new AssertionError("the FX thread was busy for " + worst.describe() + " (limit " + FX_LIMIT_MS
                    + " ms)");
        }
    }

    protected static void waitFor(FxRobot robot, String query, String text) {
        try {
            // the lookup walks the scene graph off the FX thread; a walk that races a layout pass is simply retried
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
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
