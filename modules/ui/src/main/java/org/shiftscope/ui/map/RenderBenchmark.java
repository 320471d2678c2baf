package org.shiftscope.ui.map;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Times the Map view's canvas on the JavaFX thread: the milliseconds each pan or zoom event takes to recompute and
 * draw the density image of a set of points (the work that decides whether panning a million points is smooth).
 * The toolkit must be running (the CLI's benchmark starts it headless).
 */
public final class RenderBenchmark {

    private RenderBenchmark() {
    }

    /**
     * Shows the points in a canvas of the given size, then replays {@code frames} events (alternately a 7-pixel
     * drag and a scroll step in or out) and returns each event's milliseconds.
     *
     * @param xy   2-D coordinates, x0, y0, x1, y1, ...
     * @param argb colour of each point
     */
    public static double[] frameMillis(float[] xy, int[] argb, int width, int height, int frames)
            throws InterruptedException {
        CompletableFuture<double[]> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                MapCanvas canvas = new MapCanvas();
                Scene scene = new Scene(canvas, width, height);
                canvas.resize(width, height);
                boolean[] shown = new boolean[argb.length];
                java.util.Arrays.fill(shown, true);
                canvas.show(xy, argb, shown, true);
                double[] ms = new double[frames];
                for (int f = 0; f < frames; f++) {
                    long start = System.nanoTime();
                    if (f % 2 == 0) {
                        canvas.pan(7, -4);
                    } else {
                        canvas.zoomAt(width / 2.0, height / 2.0, f % 4 == 1 ? 1.1 : 1 / 1.1);
                    }
                    ms[f] = (System.nanoTime() - start) / 1e6;
                }
                done.complete(ms);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
