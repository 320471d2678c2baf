package org.shiftscope.transport;

import java.util.List;
import org.shiftscope.core.DataException;

/**
 * How an explanation treats the features of mixed data (Kulinski and Inouye's second experiment): which are
 * discrete, what k-cluster maps cluster, and how many samples of the discrete features each PercentExplained
 * averages.
 *
 * @param discrete binary and categorical features (empty: every column is continuous)
 * @param repeats  samples of the discrete features per map (1 when there are none)
 */
public record Treatment(List<DiscreteFeature> discrete, Pairing pairing, int repeats) {

    /** Most samples per map. */
    public static final int MAX_REPEATS = 1000;

    /** Samples per map by default when some features are discrete. */
    public static final int DEFAULT_REPEATS = 10;

    public Treatment {
        discrete = List.copyOf(discrete);
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw DataException.setting("repeats", "the samples per map must lie in 1.." + MAX_REPEATS + ", not "
                    + repeats);
        }
    }

    /** Every column continuous, clusters on the reference points: the first wave's behaviour. */
    public static Treatment continuous() {
        return new Treatment(List.of(), Pairing.REFERENCE, 1);
    }

    /** Samples each map is evaluated on: {@link #repeats()} with discrete features, 1 without. */
    public int samples() {
        return discrete.isEmpty() ? 1 : repeats;
    }
}
