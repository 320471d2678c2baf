package org.shiftscope.app;

import org.shiftscope.workflow.TransportAnalysis;
import picocli.CommandLine.Option;

/** Options shared by the optimal-transport commands. */
final class TransportOptions {

    @Option(names = "--standardize", paramLabel = "none|zscore|reference",
            description = "Feature scaling: none (raw units; ot's default), zscore (pooled mean and sd) or reference"
                    + " (the reference side's mean and sd, as Kulinski & Inouye scale; explain's default).")
    String standardize;

    @Option(names = "--solver", paramLabel = "exact|sinkhorn|auto", defaultValue = "auto",
            description = "exact (network flow / assignment), sinkhorn (debiased Sinkhorn divergence), or auto"
                    + " (exact while the cost matrix fits, and for sides of unequal size up to 12.5 million point pairs;"
                    + " default).")
    String solver;

    @Option(names = "--epsilon", paramLabel = "E",
            description = "Sinkhorn regularisation in squared units (default: 0.3%% of the mean squared distance).")
    Double epsilon;

    /** The options, with {@code standardizeDefault} when --standardize is not given. */
    TransportAnalysis.Options options(TransportAnalysis.Standardize standardizeDefault) {
        return new TransportAnalysis.Options(standardize == null ? standardizeDefault
                : TransportAnalysis.Standardize.parse(standardize),
                TransportAnalysis.Solver.parse(solver), epsilon == null ? Double.NaN : epsilon);
    }
}
