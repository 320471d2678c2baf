package org.shiftscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the JavaFX thread stays busy: every {@value #PERIOD_MS} ms it posts a no-op to the FX thread and
 * records how long the no-op waited. While a wait passes {@link #limitMs}, the FX thread's stack is sampled, so a
 * test that fails says what blocked it.
 */
final class FxWatchdog {

    static final long PERIOD_MS = 10;

    private final long limitMs;
    private final AtomicLong posted = new AtomicLong();
    private volatile long worst;
    private volatile String worstStack = "";
    private volatile boolean running = true;
    private volatile Thread fxThread;
    private final Thread watcher;

    FxWatchdog(long limitMs) {
        this.limitMs = limitMs;
        Platform.runLater(() -> fxThread = Thread.currentThread());
        watcher = new Thread(this::watch, "fx-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (running) {
            long at = System.nanoTime();
            posted.set(at);
            Platform.runLater(() -> posted.set(0));
            List<String> sample = new ArrayList<>();
            while (running && posted.get() == at) {
                long waited = (System.nanoTime() - at) / 1_000_000;
                if (waited > Math.min(limitMs, 80) && sample.isEmpty() && fxThread != null) {
                    for (StackTraceElement e : fxThread.getStackTrace()) {
                        sample.add(e.toString());
                        if (sample.size() == 40) {
                            break;
                        }
                    }
                }
                sleep(1);
            }
            long waited = (System.nanoTime() - at) / 1_000_000;
            if (waited > worst) {
                worst = waited;
                worstStack = String.join("\n    ", sample);
            }
            sleep(PERIOD_MS);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a fresh measurement (after the window opened: its first layout is not a user's action). */
    void reset() {
        worst = 0;
        worstStack = "";
    }

    long worstMs() {
        return worst;
    }

    String worstStack() {
        return worstStack;
    }

    void stop() {
        running = false;
    }
}
