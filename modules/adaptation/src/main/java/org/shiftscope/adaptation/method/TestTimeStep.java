package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/** Changes a trained network using the target's inputs (never its labels), before the target is scored again. */
@FunctionalInterface
public interface TestTimeStep {

    /**
     * @param train        the rows the network trained on, as it saw them, with their classes
     * @param target       the n target rows
     */
    void adapt(TrainableNetwork network, float[] train, int[] trainClasses, float[] target, int n,
               TaskMonitor monitor);
}
