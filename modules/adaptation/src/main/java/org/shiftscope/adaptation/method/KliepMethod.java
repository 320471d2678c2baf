package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/**
 * Covariate shift: importance weights by KLIEP (kernel density-ratio fit, see
 * {@link org.shiftscope.adaptation.Kliep}), the classifier retrained on a weighted resample.
 */
public record KliepMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("kliep",
            "importance weighting, KLIEP (covariate shift)",
            false, false);

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        return ImportanceWeightingMethod.reweight(c, true, monitor);
    }
}
