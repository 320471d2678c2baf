package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/**
 * The port to a trained built-in network that test-time methods change in place (implemented over the embedding
 * module's DJL encoder). Inputs are n rows, row-major, shaped as in training.
 */
public interface TrainableNetwork {

    /** The network's class probabilities (n x classes) and predicted classes. */
    Output encode(float[] x, int n, TaskMonitor monitor);

    /** @param predicted argmax class of each row */
    record Output(double[] probabilities, int[] predicted, int classes) {
    }

    /**
     * Re-estimates the batch-norm statistics on the rows, mixed alpha x learnt + (1 - alpha) x these rows'; returns
     * the layers changed.
     */
    int adaptBatchNorm(float[] x, int n, double alpha, TaskMonitor monitor);

    /** TENT's entropy minimisation of the batch-norm scale and shift; returns the loss per step. */
    double[] tent(float[] x, int n, int epochs, double learningRate, TaskMonitor monitor);

    /** Continues training on labelled rows; returns the loss per step. */
    double[] fineTune(float[] x, int n, int[] labels, int epochs, long seed, TaskMonitor monitor);

    /** A copy of every parameter, in a fixed order. */
    float[][] parameters();

    /** Sets every parameter to (1 - alpha) x a + alpha x b. */
    void interpolate(float[][] a, float[][] b, double alpha);
}
