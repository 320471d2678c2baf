package org.shiftscope.ui.common;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;

/**
 * A pane that paints one Canvas (no node per point): it repaints once per new size, in the layout pass that set both
 * width and height, and when the theme or presentation mode changes (listened to weakly, so a canvas of a closed
 * window is not kept alive by the application-wide settings).
 */
public abstract class PaintedPane extends Pane {

    protected final Canvas canvas = new Canvas();
    private final InvalidationListener restyled = o -> redraw();
    private double drawnWidth = -1;
    private double drawnHeight = -1;

    protected PaintedPane() {
        getChildren().add(canvas);
        Theme.currentProperty().addListener(new WeakInvalidationListener(restyled));
        Theme.presentingProperty().addListener(new WeakInvalidationListener(restyled));
    }

    /** Paints the canvas at the pane's size. */
    protected abstract void redraw();

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (getWidth() != drawnWidth || getHeight() != drawnHeight) {
            drawnWidth = getWidth();
            drawnHeight = getHeight();
            redraw();
        }
    }
}
