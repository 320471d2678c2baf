package org.shiftscope.ui;

import java.time.Duration;
import java.time.Instant;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures the cold start: from the process's start (as the OS recorded it, so the launcher and the JVM's own start
 * count) to the second frame after the first window is shown, when the first frame is on screen and the window
 * answers input. On when {@code -Dshiftscope.startupReport=print} (prints one line to stderr) or {@code =exit}
 * (prints, then quits: for installers/smoke-test.sh and docs/benchmarks.md); or the variable
 * {@code SHIFTSCOPE_STARTUP_REPORT}, which reaches an installed launcher too.
 */
final class StartupTiming {

    private StartupTiming() {
    }

    static void watch() {
        String mode = System.getProperty("shiftscope.startupReport", System.getenv("SHIFTSCOPE_STARTUP_REPORT"));
        if (mode == null) {
            return;
        }
        Instant start = ProcessHandle.current().info().startInstant().orElse(null);
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) {
                    return;
                }
                stop();
                long ms = start == null ? -1 : Duration.between(start, Instant.now()).toMillis();
                System.err.println("first window after " + ms + " ms (process start to the second frame)");
                if (mode.equals("exit")) {
                    Platform.exit();
                }
            }
        }.start();
    }
}
