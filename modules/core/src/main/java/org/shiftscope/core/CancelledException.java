package org.shiftscope.core;

/** Thrown by {@link TaskMonitor#checkCancelled()} once the user cancelled; callers let it propagate. */
public class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
