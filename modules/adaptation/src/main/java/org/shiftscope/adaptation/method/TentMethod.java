package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/**
 * Test-time: TENT (D. Wang et al., "Tent: fully test-time adaptation by entropy minimization", ICLR 2021): BN-adapt,
 * then the batch-norm scale and shift trained to minimise the entropy of the target's predictions.
 */
public record TentMethod(Options options) implements TestTimeMethod<double[]> {

    public static final MethodInfo INFO = new MethodInfo("tent",
            "TENT, entropy minimisation (test-time, images)", false,
            false, "TENT: mean prediction entropy per step").onTheNetwork();

    /** @param epochs passes over the target; learningRate Adam's (Wang et al. use one pass at 1e-3) */
    public record Options(int epochs, double learningRate) {
        public Options {
            if (epochs < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("TENT needs at least one pass and a positive learning rate");
            }
        }
    }

    public TentMethod() {
        this(new Options(1, 1e-3));
    }

    /** TENT's report is its loss curve (the mean prediction entropy per step). */
    public record Report() implements MethodReport {
    }

    @Override
    public void checkInputs(boolean images) {
        BatchNormMethod.requireImages(id(), images);
    }

    @Override
    public double[] adaptNetwork(TrainableNetwork network, float[] train, int[] trainClasses, float[] target, int n,
                                 long seed, TaskMonitor monitor) {
        return network.tent(target, n, options.epochs(), options.learningRate(), monitor);
    }

    @Override
    public Outcome finish(AdaptationContext context, double[] curve) {
        return new Outcome(context.adaptedTargetProbabilities(), new Report(), curve);
    }
}
