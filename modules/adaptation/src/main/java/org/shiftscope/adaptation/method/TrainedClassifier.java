package org.shiftscope.adaptation.method;

/**
 * A trained classifier's outputs, row-major.
 *
 * @param referenceProbabilities     scored reference rows x classes
 * @param referenceFeatures          the scored reference rows' embeddings (penultimate layer), x featureDim
 * @param targetProbabilities        every target row x classes
 * @param targetFeatures             every target row's embedding
 * @param adaptedTargetProbabilities the target's probabilities after the request's test-time step (else null)
 * @param trainAccuracy              accuracy on the rows it trained on
 * @param lossCurve                  the loss per step of a loop with its own loss (else null)
 * @param domainAccuracy             the domain-adversarial loop's domain-head accuracy (else NaN)
 */
public record TrainedClassifier(double[] referenceProbabilities, double[] referenceFeatures,
                                double[] targetProbabilities, double[] targetFeatures, int featureDim,
                                double[] adaptedTargetProbabilities, double trainAccuracy, double[] lossCurve,
                                double domainAccuracy) {
}
