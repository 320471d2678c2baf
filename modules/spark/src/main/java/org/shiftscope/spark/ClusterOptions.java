package org.shiftscope.spark;

import org.shiftscope.core.DataException;
import picocli.CommandLine.Option;

/** The k-means clusters' options of {@code spark detect --out}, {@code spark map} and {@code spark explain}. */
final class ClusterOptions {

    @Option(names = "--clusters", paramLabel = "K", defaultValue = "8",
            description = "k-means clusters (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--cluster-fit", paramLabel = "N", defaultValue = "200000",
            description = "Rows k-means is fitted on, a seeded sample (default ${DEFAULT-VALUE}); every row is then"
                    + " assigned.")
    int fit;

    void check() {
        if (clusters < 1 || clusters > 1000) {
            throw DataException.setting("--clusters", "must lie in 1..1000, not " + clusters);
        }
        if (fit < clusters) {
            throw DataException.setting("--cluster-fit", "must be at least --clusters (" + clusters + "), not " + fit);
        }
    }
}
