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

    /**
     * W2^2(x, y) started from a similar problem's dual prices (one per point of y; see {@link Coupling#prices()}),
     * where the estimator can use them; the same number as {@link #w2sq(Points, Points, TaskMonitor)}.
     */
    default double w2sq(Points x, Points y, double[] prices, TaskMonitor monitor) {
        return w2sq(x, y, monitor);
    }

    /**
     * W2^2 and the barycentric projection of one solve.
     *
     * @param assignment the solve's assignment and dual prices when it was one (n = m, exact), else null
     */
    record Coupling(double w2sq, Points projection, Assignment assignment) {

        public Coupling(double w2sq, Points projection) {
            this(w2sq, projection, null);
        }

        /** The assignment's prices, or null. */
        public double[] prices() {
            return assignment == null ? null : assignment.prices();
        }
    }

    /** An optimal assignment (the target point of each reference point) and the target points' dual prices. */
    record Assignment(int[] rowToCol, double[] prices) {
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
        public double w2sq(Points x, Points y, double[] prices, TaskMonitor monitor) {
            if (prices == null || x.n() != y.n()) {
                return w2sq(x, y, monitor);
            }
            return ExactSolver.assign(x, y, prices, monitor).plan().cost(x, y);
        }

        @Override
        public Coupling couple(Points x, Points y, TaskMonitor monitor) {
            if (x.n() == y.n()) {
                ExactSolver.Assigned a = ExactSolver.assign(x, y, null, monitor);
                return new Coupling(a.plan().cost(x, y), a.plan().barycentricProjection(y),
                        new Assignment(a.plan().cols(), a.prices()));
            }
            TransportPlan plan = ExactSolver.solve(x, y, monitor);
            return new Coupling(plan.cost(x, y), plan.barycentricProjection(y));
        }

        @Override
        public String describe() {
            return "exact";
        }
    };
}
