package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/**
 * The port through which methods train the built-in classifier (the workflow implements it with the embedding
 * module's DJL network, bound to one split and label). Rows are reference row indices of that split.
 */
public interface ClassifierTrainer {

    /** Trains as the request says and runs the model over the scored reference rows and every target row. */
    TrainedClassifier train(TrainingRequest request, TaskMonitor monitor);
}
