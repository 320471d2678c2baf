package org.shiftscope.workflow.explain;

import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The Explain view's settings as a project keeps them.
 *
 * @param onMap explain the Map view's points (its embeddings) rather than the split's columns
 */
public record ExplainSettings(ExplanationMethod method, int kmax, TransportAnalysis.Standardize standardize,
                              TransportAnalysis.Solver solver, long seed, boolean onMap) {

    /** The request these settings make (the columns are the split's, as the view uses them). */
    public ExplainRequest request() {
        return new ExplainRequest(method, kmax, new TransportAnalysis.Options(standardize, solver, Double.NaN), seed,
                false);
    }

    public static ExplainSettings defaults() {
        ExplainRequest d = ExplainRequest.defaults();
        return new ExplainSettings(d.method(), d.kmax(), d.options().standardize(), d.options().solver(), d.seed(),
                false);
    }
}
