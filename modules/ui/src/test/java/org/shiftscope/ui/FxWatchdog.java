package org.shiftscope.ui;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the JavaFX thread stays busy: every {@value #PERIOD_MS} ms it posts a no-op to the FX thread and
 * records how long the no-op waited. While a wait is long, the FX thread's stack is sampled every
 * {@value #SAMPLE_MS} ms, and the wait records how much CPU the FX thread used and how long the garbage collector
 * ran meanwhile, so a test that fails says what blocked it.
 */
final class FxWatchdog {

    static final long PERIOD_MS = 10;
    static final long SAMPLE_MS = 20;
    private static final long SAMPLE_FROM_MS = 50;

    private final AtomicLong posted = new AtomicLong();
    private volatile Wait worst = new Wait(0, 0, 0, List.of());
    private volatile boolean running = true;
    private volatile Thread fxThread;
    private final Thread watcher;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** One wait of the FX thread: how long, the FX thread's CPU time and the collector's time in it, its stacks. */
    record Wait(long ms, long fxCpuMs, long gcMs, List<String> samples) {

        String describe() {
            return ms + " ms (FX thread on CPU " + fxCpuMs + " ms, garbage collection " + gcMs + " ms)"
                    + (samples.isEmpty() ? "" : "; the FX thread was at\n    " + String.join("\n    ", samples));
        }
    }

    FxWatchdog() {
        Platform.runLater(() -> fxThread = Thread.currentThread());
        watcher = new Thread(this::watch, "fx-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (running) {
            long at = System.nanoTime();
            long gcAt = gcMillis();
            Thread fx = fxThread;
            long cpuAt = fx == null ? -1 : threads.getThreadCpuTime(fx.threadId());
            posted.set(at);
            Platform.runLater(() -> posted.set(0));
            List<String> samples = new ArrayList<>();
            long nextSample = SAMPLE_FROM_MS;
            while (running && posted.get() == at) {
                long waited = (System.nanoTime() - at) / 1_000_000;
                if (waited >= nextSample && fx != null && samples.size() < 25) {
                    samples.add(waited + " ms: " + frames(fx.getStackTrace()));
                    nextSample = waited + SAMPLE_MS;
                }
                sleep(1);
            }
            long waited = (System.nanoTime() - at) / 1_000_000;
            if (waited > worst.ms()) {
                long cpu = cpuAt < 0 ? -1 : (threads.getThreadCpuTime(fx.threadId()) - cpuAt) / 1_000_000;
                worst = new Wait(waited, cpu, gcMillis() - gcAt, samples);
            }
            sleep(PERIOD_MS);
        }
    }

    /** The stack's first frames, and its first frames of ShiftScope's own code. */
    private static String frames(StackTraceElement[] stack) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(6, stack.length); i++) {
            shown.add(stack[i].toString());
        }
        int own = 0;
        for (int i = 6; i < stack.length && own < 3; i++) {
            if (stack[i].getClassName().startsWith("org.shiftscope")) {
                shown.add("... " + stack[i]);
                own++;
            }
        }
        return String.join("\n        ", shown);
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Wait worst() {
        return worst;
    }

    void stop() {
        running = false;
    }
}
