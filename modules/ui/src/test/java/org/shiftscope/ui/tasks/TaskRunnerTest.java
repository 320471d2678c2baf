package org.shiftscope.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shiftscope.core.CancelledException;
import org.shiftscope.core.DataException;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TaskRunnerTest {

    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private TaskRunner runner;

    @Start
    void start(Stage stage) {
        runner = new TaskRunner((title, problem) -> dialogs.add(title));
        stage.setScene(new Scene(new Pane(), 10, 10));
        stage.show();
    }

    /** A job that reports progress and spins until cancelled, checking its monitor like real loops do. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    private String spinUntilCancelled(org.shiftscope.core.TaskMonitor m, CountDownLatch running) {
        running.countDown();
        try {
            for (int i = 0; ; i++) {
                m.progress(-1, "spinning " + i);
                m.checkCancelled();
                Thread.onSpinWait();
            }
        } finally {
            stopped.countDown();
        }
    }

    @Test
    void cancelStopsTheJobAndNothingIsPublished(FxRobot robot) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Task<?>[] task = new Task<?>[1];
        robot.interact(() -> {
            runner.submit("k", "spin", m -> spinUntilCancelled(m, running), published::add,
                    e -> problems.add(e.getMessage()));
            task[0] = runner.currentProperty().get();
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        robot.interact(runner::cancelCurrent);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> task[0].isCancelled());
        assertThat(stopped.await(5, TimeUnit.SECONDS)).as("the job's loop saw the cancellation and ended").isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(published).isEmpty();
        assertThat(dialogs).isEmpty();
    }

    @Test
    void onlyTheNewestJobOfAKeyPublishes(FxRobot robot) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        robot.interact(() -> {
            runner.submit("split", "first", m -> spinUntilCancelled(m, running), published::add, null);
            runner.submit("split", "second", m -> "second result", published::add, null);
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !published.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(published).containsExactly("second result");
    }

    @Test
    void badInputGoesInlineAndBugsGoToTheDialog(FxRobot robot) throws Exception {
        robot.interact(() -> {
            runner.<String>submit("a", "load", m -> {
                throw DataException.inFile("x.csv", "the file is empty");
            }, published::add, e -> problems.add(e.getMessage()));
            runner.<String>submit("b", "compute", m -> {
                throw new IllegalStateException("bug");
            }, published::add, e -> problems.add(e.getMessage()));
            runner.<String>submit("c", "cancelled", m -> {
                throw new CancelledException();
            }, published::add, e -> problems.add(e.getMessage()));
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> problems.size() == 1 && dialogs.size() == 1);
        assertThat(problems).containsExactly("x.csv: the file is empty");
        assertThat(dialogs).containsExactly("compute");
    }

    @Test
    void aRunnerOnADirectExecutorDeliversBeforeSubmitReturns() {
        // what view-model tests use: no toolkit, no threads
        TaskRunner direct = new TaskRunner((title, problem) -> dialogs.add(title), Runnable::run);
        List<String> got = new java.util.ArrayList<>();
        direct.submit("a", "load", m -> "loaded", got::add, e -> problems.add(e.getMessage()));
        direct.<String>submit("b", "bad", m -> {
            throw org.shiftscope.core.DataException.of("no such column 'x'");
        }, got::add, e -> problems.add(e.getMessage()));
        direct.<String>submit("c", "bug", m -> {
            throw new IllegalStateException("a bug");
        }, got::add, e -> problems.add(e.getMessage()));
        assertThat(got).containsExactly("loaded");
        assertThat(problems).containsExactly("no such column 'x'");
        assertThat(dialogs).containsExactly("bug");
        List<String> ui = new java.util.ArrayList<>();
        direct.onUiThread(() -> ui.add("ran"));
        assertThat(ui).containsExactly("ran");
    }

    /** The app's workers run at nice 10 (Linux; elsewhere, or without renice, the test is skipped with a reason). */
    @Test
    void workersYieldToTheWindow(FxRobot robot) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isSymbolicLink(
                java.nio.file.Path.of("/proc/thread-self")) && java.nio.file.Files.isExecutable(
                java.nio.file.Path.of("/usr/bin/renice")), "no /proc/thread-self or renice on this system");
        robot.interact(() -> runner.submit("nice", "priority", m -> java.nio.file.Files.readString(
                java.nio.file.Path.of("/proc/thread-self/stat")), published::add, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !published.isEmpty());
        String stat = published.get(0);
        // field 19 of stat (the 17th after the command's closing parenthesis) is the nice value
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(Integer.parseInt(fields[16])).isEqualTo(BackgroundPriority.NICE);
    }
}
