package org.shiftscope.transport;

import org.shiftscope.core.SymmetricEigen;

/**
 * The closed-form optimal transport map between the Gaussian fits of X and Y (Bures map):
 * T(x) = mu_y + A (x - mu_x), A = Sx^-1/2 (Sx^1/2 Sy Sx^1/2)^1/2 Sx^-1/2, with biased (1/n) covariances. A feature
 * that is constant in X makes Sx singular; its eigenvalue is floored at 1e-12 times the trace.
 *
 * <p>Reference: D. C. Dowson and B. V. Landau, "The Frechet distance between multivariate normal distributions",
 * J. Multivariate Analysis 12 (1982); A. Takatsu, "Wasserstein geometry of Gaussian measures", Osaka J. Math. (2011).
 */
public record GaussianMap(double[] meanX, double[] meanY, double[][] a) {

    public static GaussianMap fit(Points x, Points y) {
        double[] mx = x.mean();
        double[] my = y.mean();
        double[][] sx = covariance(x, mx);
        double[][] sy = covariance(y, my);
        double floor = 1e-12 * Math.max(trace(sx), 1e-300);
        SymmetricEigen ex = SymmetricEigen.of(sx);
        double[][] sxHalf = ex.apply(Math::sqrt, floor);
        double[][] sxInvHalf = ex.apply(v -> 1 / Math.sqrt(v), floor);
        double[][] middle = SymmetricEigen.multiply(SymmetricEigen.multiply(sxHalf, sy), sxHalf);
        symmetrise(middle);
        double[][] middleHalf = SymmetricEigen.of(middle).apply(Math::sqrt, 0);
        double[][] a = SymmetricEigen.multiply(SymmetricEigen.multiply(sxInvHalf, middleHalf), sxInvHalf);
        return new GaussianMap(mx, my, a);
    }

    public Points apply(Points x) {
        int d = x.d();
        double[] out = new double[x.n() * d];
        double[] centred = new double[d];
        for (int i = 0; i < x.n(); i++) {
            for (int k = 0; k < d; k++) {
                centred[k] = x.get(i, k) - meanX[k];
            }
            for (int r = 0; r < d; r++) {
                double s = meanY[r];
                for (int k = 0; k < d; k++) {
                    s += a[r][k] * centred[k];
                }
                out[i * d + r] = s;
            }
        }
        return new Points(x.n(), d, out);
    }

    static double[][] covariance(Points p, double[] mean) {
        int d = p.d();
        double[][] s = new double[d][d];
        for (int i = 0; i < p.n(); i++) {
            for (int r = 0; r < d; r++) {
                double dr = p.get(i, r) - mean[r];
                for (int k = r; k < d; k++) {
                    s[r][k] += dr * (p.get(i, k) - mean[k]);
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int k = r; k < d; k++) {
                s[r][k] /= p.n();
                s[k][r] = s[r][k];
            }
        }
        return s;
    }

    private static double trace(double[][] s) {
        double t = 0;
        for (int i = 0; i < s.length; i++) {
            t += s[i][i];
        }
        return t;
    }

    private static void symmetrise(double[][] s) {
        for (int i = 0; i < s.length; i++) {
            for (int j = i + 1; j < s.length; j++) {
                double v = (s[i][j] + s[j][i]) / 2;
                s[i][j] = v;
                s[j][i] = v;
            }
        }
    }
}
