package org.shiftscope.workflow.explain;

import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The Explain view's settings as a project keeps them.
 *
 * @param onMap explain the Map view's points (its embeddings) rather than the split's columns
 * @param mixed how binary and categorical features are treated
 */
public record ExplainSettings(ExplanationMethod method, int kmax, TransportAnalysis.Standardize standardize,
                              TransportAnalysis.Solver solver, long seed, boolean onMap, ExplainRequest.Mixed mixed) {

    /** Settings with every column a number (the first wave's explanations). */
    public ExplainSettings(ExplanationMethod method, int kmax, TransportAnalysis.Standardize standardize,
                           TransportAnalysis.Solver solver, long seed, boolean onMap) {
        this(method, kmax, standardize, solver, seed, onMap, ExplainRequest.Mixed.continuous());
    }

    /** The request these settings make (the columns are the split's, as the view uses them). */
    public ExplainRequest request() {
        return new ExplainRequest(method, kmax, new TransportAnalysis.Options(standardize, solver, Double.NaN), seed,
                false, mixed);
    }

    /** The same settings in other units and with another seed. */
    public ExplainSettings with(TransportAnalysis.Standardize units, long newSeed) {
        return new ExplainSettings(method, kmax, units, solver, newSeed, onMap, mixed);
    }

    public static ExplainSettings defaults() {
        ExplainRequest d = ExplainRequest.defaults();
        return new ExplainSettings(d.method(), d.kmax(), d.options().standardize(), d.options().solver(), d.seed(),
                false, d.mixed());
    }
}
