package org.shiftscope.transport;

/**
 * A transport plan between n reference and m target points, stored sparsely: entry e moves {@code mass[e]} from
 * reference point {@code rows[e]} to target point {@code cols[e]}. The masses of a row sum to 1/n and of a column
 * to 1/m (uniform marginals).
 */
public record TransportPlan(int n, int m, int[] rows, int[] cols, double[] mass) {

    /** Barycentric projection Z = diag(G 1)^-1 G Y: where the plan sends each reference point on average. */
    public Points barycentricProjection(Points y) {
        double[] z = new double[n * y.d()];
        double[] rowMass = new double[n];
        for (int e = 0; e < rows.length; e++) {
            int i = rows[e];
            int j = cols[e];
            rowMass[i] += mass[e];
            for (int k = 0; k < y.d(); k++) {
                z[i * y.d() + k] += mass[e] * y.values()[j * y.d() + k];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < y.d(); k++) {
                z[i * y.d() + k] /= rowMass[i];
            }
        }
        return new Points(n, y.d(), z);
    }

    /** Sum of mass times squared Euclidean cost. */
    public double cost(Points x, Points y) {
        double c = 0;
        for (int e = 0; e < rows.length; e++) {
            c += mass[e] * x.sqDist(rows[e], y, cols[e]);
        }
        return c;
    }
}
