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

    /** Samples per map by default: 0, automatic ({@link #samples(int)}). */
    public static final int DEFAULT_REPEATS = 0;

    public Treatment {
        discrete = List.copyOf(discrete);
        if (repeats < 0 || repeats > MAX_REPEATS) {
            throw DataException.setting("repeats", "the samples per map must lie in 0.." + MAX_REPEATS + " (0: as"
                    + " many as the rows need), not " + repeats);
        }
    }

    /** Every column continuous, clusters on the reference points: the first wave's behaviour. */
    public static Treatment continuous() {
        return new Treatment(List.of(), Pairing.REFERENCE, 1);
    }

    /**
     * Samples each map of n reference rows is evaluated on: 1 without discrete features; {@link #repeats()} when
     * set; else automatic: 10 up to 2,000 rows, 20,000 / n between, 2 from 10,000 rows (the samples' spread shrinks
     * as the rows grow, and each sample is a transport solve).
     */
    public int samples(int n) {
        if (discrete.isEmpty()) {
            return 1;
        }
        return repeats > 0 ? repeats : Math.max(2, Math.min(10, 20_000 / Math.max(1, n)));
    }
}
