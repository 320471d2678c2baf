package org.shiftscope.transport;

import org.shiftscope.core.Pca;

/**
 * The plane of the two leading principal components of the pooled reference and target points, for drawing
 * scatters and transport arrows in 2-D ({@link Pca}, each axis signed so its largest coordinate is positive).
 */
public record PrincipalPlane(double[] mean, double[] axis1, double[] axis2) {

    /** The plane of the pooled points (a single axis and a zero second axis for one-dimensional points). */
    public static PrincipalPlane fit(Points x, Points y) {
        int d = x.d();
        int n = x.n() + y.n();
        double[] pooled = new double[n * d];
        System.arraycopy(x.values(), 0, pooled, 0, x.n() * d);
        System.arraycopy(y.values(), 0, pooled, x.n() * d, y.n() * d);
        Pca pca = Pca.fit(pooled, n, d, Math.min(2, d), 0);
        return new PrincipalPlane(pca.mean(), pca.component(0), d > 1 ? pca.component(1) : new double[d]);
    }

    /** Coordinates of a point (length d) in the plane. */
    public double[] project(double[] p) {
        double u = 0;
        double w = 0;
        for (int k = 0; k < mean.length; k++) {
            u += (p[k] - mean[k]) * axis1[k];
            w += (p[k] - mean[k]) * axis2[k];
        }
        return new double[] {u, w};
    }
}
