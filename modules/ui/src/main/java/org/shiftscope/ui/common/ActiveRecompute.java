package org.shiftscope.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;

/**
 * Recomputes a view's result when one of its inputs changes, but only while the view is shown: a view opened after
 * its inputs changed recomputes then, and a hidden view costs nothing.
 */
public final class ActiveRecompute {

    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final Runnable recompute;
    private boolean stale = true;

    public ActiveRecompute(Runnable recompute) {
        this.recompute = recompute;
        active.addListener((o, a, now) -> {
            if (now && stale) {
                recompute.run();
            }
        });
    }

    /** Marks the result stale whenever one of these changes. */
    public void watch(ObservableValue<?>... inputs) {
        for (ObservableValue<?> input : inputs) {
            input.addListener((o, a, b) -> {
                stale = true;
                if (active.get()) {
                    recompute.run();
                }
            });
        }
    }

    /** The result now matches the inputs (a computation started or a result was published). */
    public void fresh() {
        stale = false;
    }

    /** True while the view is shown. */
    public BooleanProperty activeProperty() {
        return active;
    }
}
