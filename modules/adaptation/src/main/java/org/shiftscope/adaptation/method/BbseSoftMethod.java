package org.shiftscope.adaptation.method;

import org.shiftscope.core.TaskMonitor;

/** Black-box shift estimation on predicted probabilities (less variable than on classes). */
public record BbseSoftMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("bbse-soft",
            "BBSE-soft (label shift, probabilities)", true, false);

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        return BbseMethod.correct(c, true);
    }
}
