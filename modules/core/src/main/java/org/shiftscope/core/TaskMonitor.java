package org.shiftscope.core;

/**
 * How long-running code reports progress and learns that the user cancelled. Loops call
 * {@link #checkCancelled()} at least every few milliseconds of work.
 */
public interface TaskMonitor {

    /** A monitor that ignores progress and is never cancelled. */
    TaskMonitor NONE = new TaskMonitor() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * @param fraction done so far in [0, 1], or a negative value when unknown
     * @param message  what is being done, for the status bar
     */
    void progress(double fraction, String message);

    boolean isCancelled();

    /**
     * A value of a named series as an iterative job goes on (a training loss per step), for a live plot; ignored
     * unless the caller listens.
     */
    default void value(String series, double value) {
    }

    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** This monitor seen by a sub-task: its fractions 0..1 are reported as {@code from..to} of this one. */
    default TaskMonitor range(double from, double to) {
        TaskMonitor outer = this;
        return new TaskMonitor() {
            @Override
            public void progress(double fraction, String message) {
                outer.progress(from + (to - from) * fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return outer.isCancelled();
            }

            @Override
            public void value(String series, double value) {
                outer.value(series, value);
            }
        };
    }
}
