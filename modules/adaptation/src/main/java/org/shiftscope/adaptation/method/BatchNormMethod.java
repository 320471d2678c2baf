package org.shiftscope.adaptation.method;

import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Test-time: the CNN's batch-norm statistics re-estimated on the target images (BN-adapt: S. Schneider et al.,
 * NeurIPS 2020), every learnt weight kept.
 */
public record BatchNormMethod() implements TestTimeMethod<Integer> {

    public static final MethodInfo INFO = new MethodInfo("bn",
            "BN-adapt (test-time, images)", false, false).onTheNetwork();

    /** BN-adapt reports nothing beyond the adapted outputs. */
    public record Report() implements MethodReport {
    }

    @Override
    public void checkInputs(boolean images) {
        requireImages(id(), images);
    }

    /** The batch-norm methods' refusal of table rows. */
    static void requireImages(String id, boolean images) {
        if (!images) {
            throw DataException.of(id + " adapts the batch-norm layers of the built-in image CNN; the data are not"
                    + " images (use iw, bbse or mlls)");
        }
    }

    @Override
    public Integer adaptNetwork(TrainableNetwork network, float[] train, int[] trainClasses, float[] target, int n,
                                long seed, TaskMonitor monitor) {
        return network.adaptBatchNorm(target, n, 0, monitor);
    }

    @Override
    public Outcome finish(AdaptationContext context, Integer layers) {
        return new Outcome(context.adaptedTargetProbabilities(), new Report());
    }
}
