package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/** A method that corrects the trained classifier's outputs, or trains another classifier through the port. */
public sealed interface OutputMethod extends AdaptationMethod permits BbseMethod, BbseSoftMethod, MllsMethod,
        ImportanceWeightingMethod, KliepMethod, CoralMethod, LameMethod, PseudoLabelMethod, GroupUpweightMethod,
        GroupDroMethod, DannMethod {

    Outcome adapt(AdaptationContext context, TaskMonitor monitor);
}
