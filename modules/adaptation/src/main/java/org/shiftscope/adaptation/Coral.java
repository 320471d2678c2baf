package org.shiftscope.adaptation;

import org.shiftscope.core.SymmetricEigen;

/**
 * CORAL, correlation alignment: the reference features are whitened by their own covariance and re-coloured by
 * the target's, x' = x Cs^(-1/2) Ct^(1/2) with Cs = cov(reference) + lambda I and Ct = cov(target) + lambda I, so
 * that a classifier trained on x' meets target features with the covariance it learnt on. Matrix powers come from
 * the transport module's Jacobi eigendecomposition.
 *
 * <p>Reference: B. Sun, J. Feng and K. Saenko, "Return of frustratingly easy domain adaptation", AAAI 2016
 * (lambda = 1 on standardised features, as there).
 */
public final class Coral {

    private Coral() {
    }

    /**
     * @param reference n x d, row-major
     * @param target    m x d, row-major
     * @return the n x d aligned reference features
     */
    public static double[] align(double[] reference, int n, double[] target, int m, int d, double lambda) {
        double[] cs = covariance(reference, n, d, lambda);
        double[] ct = covariance(target, m, d, lambda);
        double[] a = multiply(power(cs, d, -0.5), power(ct, d, 0.5), d);
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int r = 0; r < d; r++) {
                    s += reference[i * d + r] * a[r * d + c];
                }
                out[i * d + c] = s;
            }
        }
        return out;
    }

    /** The d x d covariance (divided by n - 1) plus lambda on the diagonal. */
    static double[] covariance(double[] x, int n, int d, double lambda) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += x[i * d + a] / n;
            }
        }
        double[] c = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double da = x[i * d + a] - mean[a];
                for (int b = a; b < d; b++) {
                    c[a * d + b] += da * (x[i * d + b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                c[a * d + b] /= Math.max(1, n - 1);
                c[b * d + a] = c[a * d + b];
            }
            c[a * d + a] += lambda;
        }
        return c;
    }

    /** S^p for a symmetric positive definite S (row-major d x d), from its eigendecomposition. */
    static double[] power(double[] s, int d, double p) {
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(s, a * d, m[a], 0, d);
        }
        double[][] r = SymmetricEigen.of(m).apply(x -> Math.pow(x, p), 1e-12);
        double[] out = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(r[a], 0, out, a * d, d);
        }
        return out;
    }

    private static double[] multiply(double[] x, double[] y, int d) {
        double[] out = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int k = 0; k < d; k++) {
                double xa = x[a * d + k];
                for (int b = 0; b < d; b++) {
                    out[a * d + b] += xa * y[k * d + b];
                }
            }
        }
        return out;
    }
}
