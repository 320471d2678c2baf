package org.shiftscope.app;

import org.shiftscope.workflow.TransportAnalysis;
import picocli.CommandLine.Option;

/** Options shared by the optimal-transport commands. */
final class TransportOptions {

    @Option(names = "--standardize", paramLabel = "none|zscore", defaultValue = "none",
            description = "Feature scaling: none (raw units, default) or zscore (pooled mean and sd).")
    String standardize;

    @Option(names = "--solver", paramLabel = "exact|sinkhorn|auto", defaultValue = "auto",
            description = "exact (network flow / assignment), sinkhorn (debiased Sinkhorn divergence), or auto"
                    + " (exact while the cost matrix fits, and for sides of unequal size up to 12.5 million point pairs;"
                    + " default).")
    String solver;

    @Option(names = "--epsilon", paramLabel = "E",
            description = "Sinkhorn regularisation in squared units (default: 0.3%% of the mean squared distance).")
    Double epsilon;

    TransportAnalysis.Options options() {
        return new TransportAnalysis.Options(TransportAnalysis.Standardize.parse(standardize),
                TransportAnalysis.Solver.parse(solver), epsilon == null ? Double.NaN : epsilon);
    }
}
