package org.shiftscope.workflow.explain;

import org.shiftscope.core.DataException;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.transport.Pairing;
import org.shiftscope.transport.Treatment;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * A transport explanation as the CLI and the Explain view ask for it; the defaults are defined here once.
 *
 * @param kmax          the largest k of the PercentExplained curve
 * @param seed          seed of k-means (k-cluster) and of the discrete features' samples
 * @param columnsChosen the user named the split's columns (then each must be one the explanation can use)
 * @param mixed         how binary and categorical features are treated
 */
public record ExplainRequest(ExplanationMethod method, int kmax, TransportAnalysis.Options options, long seed,
                             boolean columnsChosen, Mixed mixed) {

    public static final ExplanationMethod DEFAULT_METHOD = ExplanationMethod.KCLUSTER;
    public static final int DEFAULT_KMAX = 6;

    /**
     * The treatment of mixed data.
     *
     * @param discrete binary columns (two distinct values) and named categorical ones are discrete features: a map
     *                 draws them from a target distribution instead of moving them by a fraction
     * @param pairing  what k-cluster maps cluster
     * @param repeats  samples of the discrete features each PercentExplained is the mean of
     */
    public record Mixed(boolean discrete, Pairing pairing, int repeats) {

        public Mixed {
            new Treatment(java.util.List.of(), pairing, repeats);
        }

        /** Kulinski and Inouye's treatment: discrete features sampled, clusters of paired points. */
        public static Mixed paper() {
            return new Mixed(true, Pairing.PAIRED, Treatment.DEFAULT_REPEATS);
        }

        /** Every column a number, clusters of reference points (the first wave's explanations). */
        public static Mixed continuous() {
            return new Mixed(false, Pairing.REFERENCE, 1);
        }
    }

    public ExplainRequest {
        if (kmax < 1) {
            throw DataException.setting("kmax", "the largest k must be at least 1, not " + kmax);
        }
        org.shiftscope.core.Limits.check("kmax", kmax, 1, org.shiftscope.core.Limits.KMAX);
    }

    /** Every column a number, clusters of reference points: {@link Mixed#continuous()}. */
    public ExplainRequest(ExplanationMethod method, int kmax, TransportAnalysis.Options options, long seed,
                          boolean columnsChosen) {
        this(method, kmax, options, seed, columnsChosen, Mixed.continuous());
    }

    /** The same request on other columns (e.g. embeddings, which the user did not name one by one). */
    public ExplainRequest withColumnsChosen(boolean chosen) {
        return new ExplainRequest(method, kmax, options, seed, chosen, mixed);
    }

    /**
     * The defaults: k-cluster up to {@value #DEFAULT_KMAX}, the paper's treatment of tables (units of the
     * reference's standard deviations, discrete features sampled, clusters of paired points), automatic solver,
     * seed 0.
     */
    public static ExplainRequest defaults() {
        return new ExplainRequest(DEFAULT_METHOD, DEFAULT_KMAX, new TransportAnalysis.Options(
                TransportAnalysis.Standardize.REFERENCE, TransportAnalysis.Solver.AUTO, Double.NaN), 0, false,
                Mixed.paper());
    }
}
