package org.shiftscope.ui.common;

/** The one route by which errors reach the user. */
public interface DialogService {

    /**
     * Shows a problem. A {@link org.shiftscope.core.DataException} is shown with its message as it is; anything else
     * is an unexpected error, shown with its type and message and printed (once) with its stack trace to stderr.
     */
    void showError(String title, Throwable problem);

    /** What to do with a project's unsaved changes. */
    enum Unsaved { SAVE, DISCARD, CANCEL }

    /** Asks whether to save the changes to a project before they would be lost (tests: discard them). */
    default Unsaved confirmUnsaved(String project) {
        return Unsaved.DISCARD;
    }

    /** Shows a folder in the desktop's file manager (Help > Open log folder). */
    default void openFolder(java.nio.file.Path folder) {
    }

    /** Shows a piece of information (Help > About). */
    default void showInfo(String title, String text) {
    }

    /** The text a user sees for a problem: never a stack trace. */
    static String userMessage(Throwable problem) {
        Throwable t = problem;
        while (t.getCause() != null && !(t instanceof org.shiftscope.core.DataException)) {
            if (t.getCause() instanceof org.shiftscope.core.DataException) {
                t = t.getCause();
                break;
            }
            t = t.getCause();
        }
        if (t instanceof org.shiftscope.core.DataException) {
            return t.getMessage();
        }
        String msg = t.getMessage();
        return "Unexpected error (" + t.getClass().getSimpleName() + ")" + (msg == null ? "" : ": " + msg)
                + ". Details were written to the log.";
    }
}
