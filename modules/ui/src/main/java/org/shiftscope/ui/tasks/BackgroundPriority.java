package org.shiftscope.ui.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Background work yields to the window: a worker thread lowers its own scheduling priority (Linux nice
 * {@value #NICE}; the parallel helpers it starts inherit it), so that on a machine with few cores the FX thread
 * gets a core when it needs one instead of a third of one. Java's thread priorities do nothing on Linux, hence
 * {@code renice} on the thread's own id (any user may lower a priority). Elsewhere, or without {@code renice}, the
 * thread keeps its priority.
 */
final class BackgroundPriority {

    static final int NICE = 10;

    private BackgroundPriority() {
    }

    /** Lowers the calling thread's priority where it can; never fails. */
    static void lowerCurrentThread() {
        try {
            Path self = Path.of("/proc/thread-self");
            if (!Files.isSymbolicLink(self)) {
                return;
            }
            String tid = Files.readSymbolicLink(self).getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
            }
        } catch (IOException | RuntimeException e) {
            // no renice here: the thread keeps its priority
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
