package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/**
 * A method that changes the trained network itself, using the target's inputs, before the target is scored again.
 *
 * @param <S> what the step hands to {@link #finish}
 */
public sealed interface TestTimeMethod<S> extends AdaptationMethod permits BatchNormMethod, AlphaBatchNormMethod,
        TentMethod, WiseFtMethod {

    /** Changes the trained network (see {@link TestTimeStep}). */
    S adaptNetwork(TrainableNetwork network, float[] train, int[] trainClasses, float[] target, int n, long seed,
                   TaskMonitor monitor);

    /** The outcome, the context's adapted target probabilities being the changed network's. */
    Outcome finish(AdaptationContext context, S state);
}
