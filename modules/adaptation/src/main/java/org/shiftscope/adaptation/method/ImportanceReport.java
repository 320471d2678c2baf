package org.shiftscope.adaptation.method;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.shiftscope.adaptation.ImportanceWeights;
import org.shiftscope.core.Quantiles;

/** Importance weighting's weights of the training rows (IW, KLIEP), summarised. */
public record ImportanceReport(@JsonProperty("importance_weights") Summary weights) implements MethodReport {

    @Override
    public String summary() {
        return String.format(java.util.Locale.ROOT, "importance weights: effective sample size %,.0f of %,d, median"
                + " %.2f, max %.2f (clipped at their %.0f %% quantile)", weights.effectiveSampleSize(), weights.n(),
                weights.median(), weights.max(), 100 * weights.clippedAtQuantile());
    }

    /**
     * @param clippedAtQuantile the quantile the weights were clipped at
     */
    public record Summary(@JsonProperty("n") int n,
                          @JsonProperty("effective_sample_size") double effectiveSampleSize,
                          @JsonProperty("clipped_at_quantile") double clippedAtQuantile,
                          @JsonProperty("min") double min, @JsonProperty("median") double median,
                          @JsonProperty("max") double max) {

        static Summary of(ImportanceWeights.Result r) {
            double[] sorted = r.weights().clone();
            Arrays.sort(sorted);
            return new Summary(sorted.length, r.ess(), ImportanceWeights.CLIP_QUANTILE, sorted[0],
                    Quantiles.linear(sorted, 0.5), sorted[sorted.length - 1]);
        }
    }
}
