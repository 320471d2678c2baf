package org.shiftscope.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Work for the FX thread spread over frames, one step a frame. Styling a control, making its skin and its first
 * layout cost a few milliseconds each; a whole view at once (hundreds of nodes: tables, charts, forms) held the
 * window 100-200 ms on a two-core machine. A view instead puts its sections in place one a frame, so no frame
 * holds the window longer than one section's styling. FX thread only.
 */
public final class FrameFeed {

    private record Step(Object owner, Runnable work) { }

    private static final Deque<Step> STEPS = new ArrayDeque<>();
    /** Steps for frames with nothing else to do: preparing views the user has not opened yet. */
    private static final Deque<Step> IDLE = new ArrayDeque<>();
    private static final AnimationTimer TIMER = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Step next = poll();
            if (next == null) {
                stop();
            } else {
                next.work().run();
            }
        }
    };

    private FrameFeed() {
    }

    /** Runs {@code work} in a later frame, after the steps already waiting; {@code owner} can cancel it. */
    public static void later(Object owner, Runnable work) {
        STEPS.addLast(new Step(owner, work));
        TIMER.start();
    }

    /** Runs {@code work} in a later frame once no {@link #later} step is waiting. */
    public static void whenIdle(Object owner, Runnable work) {
        IDLE.addLast(new Step(owner, work));
        TIMER.start();
    }

    /** Drops the steps of {@code owner} that have not run (its content was replaced meanwhile). */
    public static void cancel(Object owner) {
        STEPS.removeIf(s -> s.owner() == owner);
        IDLE.removeIf(s -> s.owner() == owner);
    }

    /**
     * A stand-in for {@code node} that a later frame fills with it; its parent lays the stand-in out from the
     * start (the node's VBox / HBox grow and margin and SplitPane resizing, where set on the node, are copied onto
     * the stand-in when the node arrives).
     */
    public static StackPane later(Node node) {
        StackPane standIn = new StackPane();
        later(standIn, () -> {
            standIn.getChildren().setAll(node);
            if (VBox.getVgrow(node) != null) {
                VBox.setVgrow(standIn, VBox.getVgrow(node));
            }
            if (VBox.getMargin(node) != null) {
                VBox.setMargin(standIn, VBox.getMargin(node));
            }
            if (HBox.getHgrow(node) != null) {
                HBox.setHgrow(standIn, HBox.getHgrow(node));
            }
            if (HBox.getMargin(node) != null) {
                HBox.setMargin(standIn, HBox.getMargin(node));
            }
            if (!SplitPane.isResizableWithParent(node)) {
                SplitPane.setResizableWithParent(standIn, false);
            }
        });
        return standIn;
    }

    /**
     * A copy of {@code source} that takes each change a frame later: a table over it styles its new rows in a frame
     * of its own, not in the frame where every view hears of a new result.
     */
    public static <T> ObservableList<T> mirror(ObservableList<T> source) {
        ObservableList<T> copy = FXCollections.observableArrayList(source);
        source.addListener((ListChangeListener<T>) c -> {
            cancel(copy);
            later(copy, () -> copy.setAll(source));
        });
        return copy;
    }

    /** Runs every waiting step now (for a snapshot, which renders without frames). */
    public static void completeAll() {
        TIMER.stop();
        for (Step next = poll(); next != null; next = poll()) {
            next.work().run();
        }
    }

    private static Step poll() {
        return STEPS.isEmpty() ? IDLE.pollFirst() : STEPS.pollFirst();
    }

    /** Whether steps are waiting. */
    public static boolean pending() {
        return !STEPS.isEmpty() || !IDLE.isEmpty();
    }
}
