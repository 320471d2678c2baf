package org.shiftscope.transport;

import java.util.Locale;
import org.shiftscope.core.TaskMonitor;

/**
 * The debiased Sinkhorn divergence S_eps(X, Y) = OT_eps(X, Y) - (OT_eps(X, X) + OT_eps(Y, Y)) / 2. Unlike OT_eps it
 * is not inflated by the entropic bias (S_eps(X, X) = 0) and it tends to W2^2 as eps goes to 0.
 *
 * <p>Reference: J. Feydy, T. Sejourne, F.-X. Vialard, S. Amari, A. Trouve, G. Peyre, "Interpolating between optimal
 * transport and MMD using Sinkhorn divergences", AISTATS 2019.
 */
public final class SinkhornDivergence implements W2Estimator {

    private final SinkhornSolver.Options options;

    public SinkhornDivergence(SinkhornSolver.Options options) {
        this.options = options;
    }

    public SinkhornSolver.Options options() {
        return options;
    }

    @Override
    public double w2sq(Points x, Points y, TaskMonitor monitor) {
        return debiased(x, y, SinkhornSolver.solve(x, y, options, monitor), monitor);
    }

    @Override
    public Coupling couple(Points x, Points y, TaskMonitor monitor) {
        SinkhornSolver.Solved xy = SinkhornSolver.solvePlan(x, y, options, monitor);
        return new Coupling(debiased(x, y, xy.result(), monitor), SinkhornSolver.barycentricProjection(xy));
    }

    private double debiased(Points x, Points y, SinkhornSolver.Result xy, TaskMonitor monitor) {
        double xx = SinkhornSolver.solveSymmetric(x, options, monitor).value();
        double yy = SinkhornSolver.solveSymmetric(y, options, monitor).value();
        return xy.value() - 0.5 * (xx + yy);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "sinkhorn-debiased(eps=%.4g, tol=%.2g)", options.epsilon(), options.tolerance());
    }
}
