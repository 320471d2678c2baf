package org.shiftscope.adaptation.method;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.shiftscope.adaptation.LabelShift;

/**
 * A label-shift method's estimate (BBSE, BBSE-soft, MLLS) and the BCTS temperature of the calibrated posteriors it
 * re-weighted.
 *
 * @param emIterations MLLS's EM iterations (null for BBSE)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelShiftReport(@JsonProperty("source_priors") double[] sourcePriors,
                               @JsonProperty("estimated_target_priors") double[] targetPriors,
                               @JsonProperty("weights") double[] weights,
                               @JsonProperty("em_iterations") Integer emIterations,
                               @JsonProperty("temperature") double temperature) implements MethodReport {

    @Override
    public String summary() {
        return "source priors " + MethodReport.tuple(sourcePriors) + ", target priors estimated "
                + MethodReport.tuple(targetPriors);
    }

    static LabelShiftReport of(LabelShift.Estimate e, double temperature) {
        return new LabelShiftReport(e.sourcePriors(), e.targetPriors(), e.weights(),
                e.iterations() > 0 ? e.iterations() : null, temperature);
    }
}
