package org.shiftscope.transport;

import org.shiftscope.core.SymmetricEigen;

/**
 * The plane of the two leading principal components of the pooled reference and target points, for drawing
 * scatters and transport arrows in 2-D.
 */
public record PrincipalPlane(double[] mean, double[] axis1, double[] axis2) {

    public static PrincipalPlane fit(Points x, Points y) {
        int d = x.d();
        int n = x.n() + y.n();
        double[] mean = new double[d];
        for (Points p : new Points[] {x, y}) {
            for (int i = 0; i < p.n(); i++) {
                for (int k = 0; k < d; k++) {
                    mean[k] += p.get(i, k) / n;
                }
            }
        }
        double[][] cov = new double[d][d];
        for (Points p : new Points[] {x, y}) {
            for (int i = 0; i < p.n(); i++) {
                for (int a = 0; a < d; a++) {
                    double da = p.get(i, a) - mean[a];
                    for (int b = a; b < d; b++) {
                        cov[a][b] += da * (p.get(i, b) - mean[b]) / n;
                    }
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(cov);
        int first = 0;
        for (int k = 1; k < d; k++) {
            if (e.values()[k] > e.values()[first]) {
                first = k;
            }
        }
        int second = -1;
        for (int k = 0; k < d; k++) {
            if (k != first && (second < 0 || e.values()[k] > e.values()[second])) {
                second = k;
            }
        }
        double[] a1 = column(e.vectors(), first, d);
        double[] a2 = second < 0 ? new double[d] : column(e.vectors(), second, d);
        return new PrincipalPlane(mean, a1, a2);
    }

    private static double[] column(double[][] v, int k, int d) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = v[i][k];
        }
        return out;
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
