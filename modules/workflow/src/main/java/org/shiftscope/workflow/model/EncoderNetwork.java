package org.shiftscope.workflow.model;

import org.shiftscope.adaptation.method.TrainableNetwork;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.BuiltInEncoder;

/** The embedding module's trained encoder seen through the adaptation methods' port. */
final class EncoderNetwork implements TrainableNetwork {

    private final BuiltInEncoder encoder;

    EncoderNetwork(BuiltInEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public Output encode(float[] x, int n, TaskMonitor monitor) {
        BuiltInEncoder.Output out = encoder.encode(x, n, monitor);
        return new Output(out.probabilities(), out.predicted(), out.classes());
    }

    @Override
    public int adaptBatchNorm(float[] x, int n, double alpha, TaskMonitor monitor) {
        return encoder.adaptBatchNorm(x, n, alpha, monitor);
    }

    @Override
    public double[] tent(float[] x, int n, int epochs, double learningRate, TaskMonitor monitor) {
        return encoder.tent(x, n, epochs, learningRate, monitor);
    }

    @Override
    public double[] fineTune(float[] x, int n, int[] labels, int epochs, long seed, TaskMonitor monitor) {
        return encoder.fineTune(x, n, labels, epochs, seed, monitor);
    }

    @Override
    public float[][] parameters() {
        return encoder.parameters();
    }

    @Override
    public void interpolate(float[][] a, float[][] b, double alpha) {
        encoder.interpolate(a, b, alpha);
    }
}
