package org.shiftscope.workflow.map;

import java.util.List;
import java.util.Map;

import org.shiftscope.analysis.Subpopulations;

/**
 * What the built-in encoder's classifier said about each mapped point: its predicted class, its confidence (the
 * largest class probability) and whether it was right.
 *
 * @param classes              class names, by class index
 * @param reference            predicted class index of each reference point
 * @param target               predicted class index of each target point
 * @param referenceConfidence  largest softmax probability of each reference point
 * @param targetConfidence     largest softmax probability of each target point
 * @param correct              per point whether the prediction is right (or unlabelled)
 */
public record Predictions(List<String> classes, int[] reference, int[] target, double[] referenceConfidence,
                          double[] targetConfidence, Subpopulations.Correct correct) {

    /** Class names in index order from a name-to-index map. */
    static List<String> names(Map<String, Integer> classOf) {
        String[] out = new String[classOf.size()];
        classOf.forEach((name, index) -> out[index] = name);
        return List.of(out);
    }

    /** The largest of each row's {@code classes} probabilities. */
    static double[] confidence(double[] probabilities, int classes) {
        int n = probabilities.length / classes;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double best = 0;
            for (int c = 0; c < classes; c++) {
                best = Math.max(best, probabilities[i * classes + c]);
            }
            out[i] = best;
        }
        return out;
    }

    /** The predicted class name of point {@code i} of the pooled points (reference first). */
    public String predictedName(int i) {
        int nr = reference.length;
        return classes.get(i < nr ? reference[i] : target[i - nr]);
    }

    /** The confidence of point {@code i} of the pooled points (reference first). */
    public double confidence(int i) {
        int nr = reference.length;
        return i < nr ? referenceConfidence[i] : targetConfidence[i - nr];
    }
}
