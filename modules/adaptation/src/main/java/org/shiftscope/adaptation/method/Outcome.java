package org.shiftscope.adaptation.method;

/**
 * What a method produced.
 *
 * @param targetProbabilities the adapted classifier's n x k target probabilities (row-major)
 * @param report              the method's own report
 * @param lossCurve           an iterative method's loss per step, or null
 */
public record Outcome(double[] targetProbabilities, MethodReport report, double[] lossCurve) {

    public Outcome(double[] targetProbabilities, MethodReport report) {
        this(targetProbabilities, report, null);
    }
}
