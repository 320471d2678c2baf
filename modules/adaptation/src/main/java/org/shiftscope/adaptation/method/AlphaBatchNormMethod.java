package org.shiftscope.adaptation.method;

import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Test-time: the CNN's batch-norm statistics mixed, alpha x the reference's + (1 - alpha) x the target's
 * (Z. Nado et al., "Evaluating prediction-time batch normalization for robustness under covariate shift", 2020).
 */
public record AlphaBatchNormMethod(Options options) implements TestTimeMethod<Integer> {

    public static final MethodInfo INFO = new MethodInfo("alpha-bn",
            "alpha-BN, mixed by alpha (test-time, images)", false, true).onTheNetwork();

    /** @param alpha the weight of the reference's statistics, in [0, 1] */
    public record Options(double alpha) {
        public Options {
            requireUnit(alpha);
        }
    }

    /** An alpha weight's check. */
    static void requireUnit(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw DataException.of("alpha must lie in [0, 1], not " + alpha);
        }
    }

    /** alpha-BN reports nothing beyond the adapted outputs (its alpha is among the run's options). */
    public record Report() implements MethodReport {
    }

    @Override
    public void checkInputs(boolean images) {
        BatchNormMethod.requireImages(id(), images);
    }

    @Override
    public Integer adaptNetwork(TrainableNetwork network, float[] train, int[] trainClasses, float[] target, int n,
                                long seed, TaskMonitor monitor) {
        return network.adaptBatchNorm(target, n, options.alpha(), monitor);
    }

    @Override
    public Outcome finish(AdaptationContext context, Integer layers) {
        return new Outcome(context.adaptedTargetProbabilities(), new Report());
    }
}
