package org.shiftscope.ui.tasks;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action once calls to it stop for a while: a slider dragged through ten values recomputes once, for the
 * value it stops at. View models take one, so their tests can run the action at once without the JavaFX toolkit.
 */
@FunctionalInterface
public interface Debounce {

    /** Runs {@code action} later, unless this is called again first (then only the later action runs). */
    void call(Runnable action);

    /** On the JavaFX thread, {@code quiet} after the last call (a {@link PauseTransition}, made on first use). */
    static Debounce after(Duration quiet) {
        PauseTransition[] pause = {null};
        return action -> {
            if (pause[0] == null) {
                pause[0] = new PauseTransition(quiet);
            }
            pause[0].setOnFinished(e -> action.run());
            pause[0].playFromStart();
        };
    }

    /** Every call runs its action at once (tests). */
    static Debounce immediate() {
        return Runnable::run;
    }
}
