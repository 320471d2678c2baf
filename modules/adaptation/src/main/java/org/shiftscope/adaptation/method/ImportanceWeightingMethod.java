package org.shiftscope.adaptation.method;

import org.shiftscope.adaptation.ImportanceWeights;
import org.shiftscope.adaptation.Kliep;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Covariate shift: importance weights of the training rows from a domain classifier (see {@link ImportanceWeights}),
 * the classifier retrained on a weighted resample of them.
 */
public record ImportanceWeightingMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("iw",
            "importance weighting, domain classifier (covariate shift)",
            false, false);

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        return reweight(c, false, monitor);
    }

    /** Fits the weights (by a domain classifier, or by KLIEP) on the training rows vs the target, and retrains. */
    static Outcome reweight(AdaptationContext c, boolean kliep, TaskMonitor monitor) {
        if (c.images()) {
            throw DataException.of("importance weighting works on tabular features; the data are images");
        }
        TabularFeatures f = c.features().get();
        int[] train = c.train();
        int nt = c.targetRows();
        int d = f.d();
        double[] pooled = new double[(train.length + nt) * d];
        for (int i = 0; i < train.length; i++) {
            System.arraycopy(f.reference(), train[i] * d, pooled, i * d, d);
        }
        System.arraycopy(f.target(), 0, pooled, train.length * d, nt * d);
        ImportanceWeights.Result weights = kliep
                ? Kliep.fit(pooled, train.length + nt, d, train.length, c.seed())
                : ImportanceWeights.fit(pooled, train.length + nt, d, train.length, c.seed(), monitor.range(0, 0.5));
        monitor.progress(0.5, "retraining on the importance-weighted sample");
        double[] adapted = c.retrainWeighted(weights.weights(), monitor.range(0.5, 1));
        return new Outcome(adapted, new ImportanceReport(ImportanceReport.Summary.of(weights)));
    }
}
