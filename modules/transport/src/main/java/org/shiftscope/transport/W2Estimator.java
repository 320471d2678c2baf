package org.shiftscope.transport;

import org.shiftscope.core.TaskMonitor;

/** Estimates W2^2 between two point sets and, for maps that need it, the barycentric projection of X onto Y. */
public interface W2Estimator {

    /** W2^2(x, y) (uniform weights, squared Euclidean cost). */
    double w2sq(Points x, Points y, TaskMonitor monitor);

    /**
     * W2^2(x, y) and where the optimal plan sends each point of x on average, Z = diag(G 1)^-1 G Y, from one solve.
     */
    Coupling couple(Points x, Points y, TaskMonitor monitor);

    /** W2^2 and the barycentric projection of one solve. */
    record Coupling(double w2sq, Points projection) {
    }

    /** Which solver and tolerance produced the numbers, e.g. {@code exact} or {@code sinkhorn-debiased(eps=0.01)}. */
    String describe();

    /** The exact solver. */
    W2Estimator EXACT = new W2Estimator() {
        @Override
        public double w2sq(Points x, Points y, TaskMonitor monitor) {
            return ExactSolver.solve(x, y, monitor).cost(x, y);
        }

        @Override
        public Coupling couple(Points x, Points y, TaskMonitor monitor) {
            TransportPlan plan = ExactSolver.solve(x, y, monitor);
            return new Coupling(plan.cost(x, y), plan.barycentricProjection(y));
        }

        @Override
        public String describe() {
            return "exact";
        }
    };
}
