package org.shiftscope.workflow;

import org.shiftscope.core.TaskMonitor;

/**
 * A unit of heavy work, free of any UI type: it reports progress to, and checks cancellation with, the monitor it
 * is given. The desktop app runs jobs off the JavaFX thread; the CLI and tests run them directly.
 */
@FunctionalInterface
public interface BackgroundJob<T> {

    T run(TaskMonitor monitor) throws Exception;
}
