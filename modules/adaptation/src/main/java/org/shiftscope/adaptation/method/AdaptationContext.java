package org.shiftscope.adaptation.method;

import java.util.function.Supplier;
import org.shiftscope.core.DataException;

/**
 * What a method sees of a run: the trained classifier's outputs on the held-out reference rows (with their labels)
 * and on the target (never its labels), the rows it trained on, and the trainer to train another. Probabilities and
 * features are row-major.
 *
 * @param classes             k, the label's classes
 * @param train               the reference rows the classifier trained on (empty for a user's model)
 * @param trainLabels         the classes the source priors are counted from: the training rows', or for a user's
 *                            model the held-out rows'
 * @param trainGroups         the group of each training row, or null without a group column in the reference
 * @param held                the held-out reference rows (labelled rows the classifier did not train on)
 * @param heldProbabilities   held-out reference rows x k
 * @param heldLabels          their classes
 * @param heldFeatures        their embeddings (x featureDim)
 * @param targetProbabilities every target row x k, from the classifier as trained
 * @param adaptedTargetProbabilities the target's after a test-time method's step (else null)
 * @param targetFeatures      every target row's embedding (x featureDim)
 * @param images              the rows are images (the built-in CNN), not table rows (the MLP)
 * @param features            the tabular features of both sides (only for table rows)
 * @param trainer             trains another classifier on this split (null for a user's model)
 */
public record AdaptationContext(int classes, int[] train, int[] trainLabels, String[] trainGroups,
                                int[] held, double[] heldProbabilities, int[] heldLabels, double[] heldFeatures,
                                double[] targetProbabilities, double[] adaptedTargetProbabilities,
                                double[] targetFeatures, int featureDim, int targetRows, boolean images,
                                Supplier<TabularFeatures> features, ClassifierTrainer trainer, int epochs,
                                long seed) {

    /** The groups of the training rows, for a method that needs them. */
    public String[] requireTrainGroups(String method) {
        if (trainGroups == null) {
            throw DataException.setting("group", method + " needs a group column of the reference");
        }
        return trainGroups;
    }

    /** A request for a classifier like the run's: its epochs and seed, on the given reference rows. */
    public TrainingRequest.Builder request(int[] rows) {
        return TrainingRequest.builder().setRows(rows).setEpochs(epochs).setSeed(seed);
    }

    /**
     * The target probabilities of the classifier retrained on a resample of the training rows drawn with probability
     * proportional to their weights (weighted empirical risk, in expectation).
     */
    public double[] retrainWeighted(double[] weights, org.shiftscope.core.TaskMonitor monitor) {
        int[] picked = org.shiftscope.adaptation.ImportanceWeights.resample(weights, train.length, seed);
        int[] rows = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            rows[i] = train[picked[i]];
        }
        return trainer.train(request(rows).build(), monitor).targetProbabilities();
    }
}
