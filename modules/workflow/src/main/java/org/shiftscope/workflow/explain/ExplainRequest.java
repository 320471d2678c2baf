package org.shiftscope.workflow.explain;

import org.shiftscope.core.DataException;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * A transport explanation as the CLI and the Explain view ask for it; the defaults are defined here once.
 *
 * @param kmax          the largest k of the PercentExplained curve
 * @param seed          seed of k-means (k-cluster)
 * @param columnsChosen the user named the split's columns (then each must be numeric)
 */
public record ExplainRequest(ExplanationMethod method, int kmax, TransportAnalysis.Options options, long seed,
                             boolean columnsChosen) {

    public static final ExplanationMethod DEFAULT_METHOD = ExplanationMethod.KCLUSTER;
    public static final int DEFAULT_KMAX = 6;

    public ExplainRequest {
        if (kmax < 1) {
            throw DataException.setting("kmax", "the largest k must be at least 1, not " + kmax);
        }
        org.shiftscope.core.Limits.check("kmax", kmax, 1, org.shiftscope.core.Limits.KMAX);
    }

    /** The defaults: k-cluster up to {@value #DEFAULT_KMAX}, raw units, automatic solver, seed 0. */
    public static ExplainRequest defaults() {
        return new ExplainRequest(DEFAULT_METHOD, DEFAULT_KMAX, TransportAnalysis.Options.defaults(), 0, false);
    }
}
