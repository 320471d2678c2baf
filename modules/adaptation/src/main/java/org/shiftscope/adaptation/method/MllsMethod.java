package org.shiftscope.adaptation.method;

import org.shiftscope.adaptation.Calibration;
import org.shiftscope.adaptation.LabelShift;
import org.shiftscope.core.TaskMonitor;

/**
 * Maximum-likelihood label shift by EM on probabilities calibrated by BCTS (Alexandari et al. 2020), from the source
 * priors of the rows the classifier learnt from. See {@link LabelShift#mlls}.
 */
public record MllsMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("mlls",
            "MLLS / EM with BCTS calibration (label shift)", true, false);

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        int k = c.classes();
        Calibration.Bcts bcts = Calibration.bcts(c.heldProbabilities(), c.heldLabels(), k);
        double[] calibrated = bcts.apply(c.targetProbabilities(), k);
        double[] priors = new double[k];
        for (int y : c.trainLabels()) {
            priors[y] += 1.0 / c.trainLabels().length;
        }
        LabelShift.Estimate estimate = LabelShift.mlls(calibrated, priors, k);
        return new Outcome(LabelShift.correct(calibrated, k, estimate.weights()),
                LabelShiftReport.of(estimate, bcts.temperature()));
    }
}
