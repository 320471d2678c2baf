package org.shiftscope.adaptation.method;

import org.shiftscope.adaptation.Coral;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Feature alignment: every reference row's features re-coloured to the target's covariance (see {@link Coral}), the
 * classifier retrained on the aligned features and scored on the target's own.
 */
public record CoralMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("coral",
            "CORAL, covariance alignment (feature alignment)",
            false, false);

    /** CORAL reports nothing beyond the adapted outputs. */
    public record Report() implements MethodReport {
    }

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        if (c.images()) {
            throw DataException.of("CORAL aligns tabular features; the data are images");
        }
        TabularFeatures f = c.features().get();
        int nr = f.reference().length / Math.max(1, f.d());
        monitor.progress(0.5, "aligning the reference's feature covariance to the target's");
        double[] aligned = Coral.align(f.reference(), nr, f.target(), c.targetRows(), f.d(), 1);
        return new Outcome(c.trainer().train(c.request(c.train()).optFeatures(new TabularFeatures(aligned,
                f.target(), f.d())).build(), monitor.range(0.5, 1)).targetProbabilities(), new Report());
    }
}
