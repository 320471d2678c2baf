package org.shiftscope.adaptation.method;

import java.util.function.ToDoubleFunction;

/**
 * What a method reports besides the adapted outputs: each method has its own record (Jackson-annotated, so a run is
 * stored and printed with the method's fields beside the common ones).
 */
public interface MethodReport {

    /**
     * This report completed with target scores once the run's scorer knows the target's labels (the method itself
     * never sees them); most reports have nothing to add.
     *
     * @param targetAccuracy accuracy on the labelled target rows of n x k target probabilities
     */
    /** One line for people: what the method found or did ("" when the outputs say it all). */
    default String summary() {
        return "";
    }

    /** Values as "(0.400, 0.600)". */
    static String tuple(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f", v[i]));
        }
        return b.append(')').toString();
    }

    default MethodReport scored(ToDoubleFunction<double[]> targetAccuracy) {
        return this;
    }
}
