package org.shiftscope.adaptation.method;

import org.shiftscope.adaptation.Calibration;
import org.shiftscope.adaptation.LabelShift;
import org.shiftscope.core.TaskMonitor;

/**
 * Black-box shift estimation (label shift) on predicted classes: the target priors from the held-out confusion
 * matrix, the BCTS-calibrated posteriors re-weighted by them (the weights need no calibration; re-weighting
 * posteriors does: Alexandari et al. 2020). See {@link LabelShift#bbse}.
 */
public record BbseMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("bbse",
            "BBSE (label shift, predicted classes)", true, false);

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        return correct(c, false);
    }

    /** BBSE, hard or soft: the estimate and the calibrated posteriors re-weighted by it. */
    static Outcome correct(AdaptationContext c, boolean soft) {
        int k = c.classes();
        LabelShift.Estimate estimate = LabelShift.bbse(c.heldProbabilities(), c.heldLabels(),
                c.targetProbabilities(), k, soft);
        Calibration.Bcts bcts = Calibration.bcts(c.heldProbabilities(), c.heldLabels(), k);
        return new Outcome(LabelShift.correct(bcts.apply(c.targetProbabilities(), k), k, estimate.weights()),
                LabelShiftReport.of(estimate, bcts.temperature()));
    }
}
