package org.shiftscope.adaptation.method;

import org.shiftscope.adaptation.Lame;
import org.shiftscope.core.TaskMonitor;

/**
 * Test-time, output-only: the target's probabilities adjusted to agree with their nearest neighbours in the
 * classifier's features (see {@link Lame}).
 */
public record LameMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("lame",
            "LAME, neighbour-consistent outputs (test-time, output-only)",
            true, false);

    /** LAME reports nothing beyond the adapted outputs. */
    public record Report() implements MethodReport {
    }

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        monitor.progress(0.5, "LAME: nearest neighbours of the target in the classifier's features");
        return new Outcome(Lame.adjust(c.targetProbabilities(), c.classes(), c.targetFeatures(), c.featureDim()),
                new Report());
    }
}
