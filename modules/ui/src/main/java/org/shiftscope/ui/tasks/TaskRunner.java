package org.shiftscope.ui.tasks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.shiftscope.core.CancelledException;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.ui.common.DialogService;
import org.shiftscope.workflow.BackgroundJob;

/**
 * Runs {@link BackgroundJob}s for the view models. Jobs under the same key are latest-wins: submitting one cancels
 * the previous, and only the newest may publish its result. Bad input (a {@link DataException}) goes to the caller's
 * handler, anything else to the dialog route; a cancelled job publishes nothing.
 *
 * <p>The app's runner ({@link #TaskRunner(DialogService)}) runs jobs off the JavaFX thread as JavaFX tasks, so the
 * status bar can show their progress and message and the user can cancel them, and delivers results on the FX
 * thread. A runner built on an executor ({@link #TaskRunner(DialogService, Executor)}) runs jobs there and delivers
 * results on the same thread: with {@code Runnable::run}, view-model tests run synchronously, without a toolkit.
 */
public final class TaskRunner {

    private final ExecutorService pool;
    private final Executor executor;
    private final DialogService dialogs;
    private final Map<String, Runnable> latest = new HashMap<>();
    private final ObjectProperty<Task<?>> current = new SimpleObjectProperty<>();

    /**
     * The app's runner: two worker threads at a lower scheduling priority than the window's, results on the JavaFX
     * thread, progress in the status bar.
     */
    public TaskRunner(DialogService dialogs) {
        this.dialogs = dialogs;
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(() -> {
                BackgroundPriority.lowerCurrentThread(); // the window first when the cores are busy
                r.run();
            }, "shiftscope-worker");
            t.setDaemon(true);
            return t;
        });
        this.executor = null;
    }

    /** A runner on the given executor, results delivered on the thread that ran the job. */
    public TaskRunner(DialogService dialogs, Executor executor) {
        this.dialogs = dialogs;
        this.pool = null;
        this.executor = executor;
    }

    /** The task the status bar follows: the most recently started one (the app's runner only). */
    public ReadOnlyObjectProperty<Task<?>> currentProperty() {
        return current;
    }

    /** Runs a small piece of UI work where results are delivered (the FX thread in the app). */
    public void onUiThread(Runnable r) {
        if (executor == null) {
            javafx.application.Platform.runLater(r);
        } else {
            r.run();
        }
    }

    /**
     * Submits a job. In the app, call it on the FX thread.
     *
     * @param onProblem receives a {@link DataException} (bad input the user can fix); other failures go to the
     *                  dialog route
     */
    public <T> void submit(String key, String title, BackgroundJob<T> job, Consumer<T> onSuccess,
                           Consumer<DataException> onProblem) {
        cancel(key);
        if (executor == null) {
            submitTask(key, title, job, onSuccess, onProblem);
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable handle = () -> cancelled.set(true);
        latest.put(key, handle);
        executor.execute(() -> {
            T value;
            try {
                value = job.run(new TaskMonitor() {
                    @Override
                    public void progress(double fraction, String message) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled.get();
                    }
                });
            } catch (Exception e) { // the job's failure, routed like the app's: never lost, never swallowed
                if (latest.get(key) == handle) {
                    failed(title, e, onProblem);
                }
                return;
            }
            if (latest.get(key) == handle && !cancelled.get()) {
                onSuccess.accept(value);
            }
        });
    }

    private <T> void submitTask(String key, String title, BackgroundJob<T> job, Consumer<T> onSuccess,
                                Consumer<DataException> onProblem) {
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
        Runnable handle = () -> {
            if (task.isRunning()) {
                task.cancel();
            }
        };
        latest.put(key, handle);
        task.setOnSucceeded(e -> {
            if (latest.get(key) == handle) {
                onSuccess.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (latest.get(key) == handle) {
                failed(title, task.getException(), onProblem);
            }
        });
        current.set(task);
        pool.execute(task);
    }

    private void failed(String title, Throwable problem, Consumer<DataException> onProblem) {
        if (problem instanceof CancelledException) {
            return;
        }
        if (problem instanceof DataException de && onProblem != null) {
            onProblem.accept(de);
        } else {
            dialogs.showError(title, problem);
        }
    }

    /** Cancels the latest job of a key, if any: its result, if it still arrives, is dropped. */
    public void cancel(String key) {
        Runnable t = latest.remove(key);
        if (t != null) {
            t.run();
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
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
