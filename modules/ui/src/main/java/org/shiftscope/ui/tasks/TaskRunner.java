package org.shiftscope.ui.tasks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.shiftscope.core.CancelledException;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.ui.DialogService;
import org.shiftscope.workflow.BackgroundJob;

/**
 * Runs {@link BackgroundJob}s off the JavaFX thread as JavaFX tasks, so the status bar can show their progress and
 * message and the user can cancel them. Jobs under the same key are latest-wins: submitting one cancels the
 * previous, and only the newest may publish its result. Results and failures are delivered on the FX thread.
 */
public final class TaskRunner {

    private final ExecutorService executor;
    private final DialogService dialogs;
    private final Map<String, Task<?>> latest = new HashMap<>();
    private final ObjectProperty<Task<?>> current = new SimpleObjectProperty<>();

    public TaskRunner(DialogService dialogs) {
        this.dialogs = dialogs;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "shiftscope-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** The task the status bar follows: the most recently started one. */
    public ReadOnlyObjectProperty<Task<?>> currentProperty() {
        return current;
    }

    /**
     * Submits a job. Must be called on the FX thread.
     *
     * @param onProblem receives a {@link DataException} (bad input the user can fix); other failures go to the
     *                  dialog route
     */
    public <T> Task<T> submit(String key, String title, BackgroundJob<T> job, Consumer<T> onSuccess,
                              Consumer<DataException> onProblem) {
        Task<?> previous = latest.get(key);
        if (previous != null && previous.isRunning()) {
            previous.cancel();
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                updateMessage(title + "…");
                updateProgress(-1, 1);
                return job.run(new TaskMonitor() {
                    @Override
                    public void progress(double fraction, String message) {
                        updateProgress(fraction < 0 ? -1 : Math.min(1, fraction), 1);
                        if (message != null && !message.isEmpty()) {
                            updateMessage(message);
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return Thread.currentThread().isInterrupted() || isCancelledTask();
                    }
                });
            }

            private boolean isCancelledTask() {
                return isCancelled();
            }
        };
        latest.put(key, task);
        task.setOnSucceeded(e -> {
            if (latest.get(key) == task) {
                onSuccess.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (latest.get(key) != task) {
                return;
            }
            Throwable problem = task.getException();
            if (problem instanceof CancelledException) {
                return;
            }
            if (problem instanceof DataException de && onProblem != null) {
                onProblem.accept(de);
            } else {
                dialogs.showError(title, problem);
            }
        });
        current.set(task);
        executor.execute(task);
        return task;
    }

    /** Cancels the latest job of a key, if any: its result, if it still arrives, is dropped. FX thread only. */
    public void cancel(String key) {
        Task<?> t = latest.remove(key);
        if (t != null && t.isRunning()) {
            t.cancel();
        }
    }

    /** Cancels the task the status bar shows. */
    public void cancelCurrent() {
        Task<?> t = current.get();
        if (t != null && t.isRunning()) {
            t.cancel();
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
