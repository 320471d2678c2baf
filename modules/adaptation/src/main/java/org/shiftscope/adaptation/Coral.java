package org.shiftscope.adaptation;

/**
 * CORAL, correlation alignment: the reference features are whitened by their own covariance and re-coloured by
 * the target's, x' = x Cs^(-1/2) Ct^(1/2) with Cs = cov(reference) + lambda I and Ct = cov(target) + lambda I, so
 * that a classifier trained on x' meets target features with the covariance it learnt on. Matrix powers come from a
 * Jacobi eigendecomposition of the symmetric covariance matrices.
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

    /** S^p for a symmetric positive definite S: V diag(lambda^p) V^T from its eigendecomposition. */
    static double[] power(double[] s, int d, double p) {
        double[][] eig = jacobi(s, d);
        double[] values = eig[0];
        double[] v = eig[1];
        double[] out = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += v[a * d + k] * Math.pow(Math.max(values[k], 1e-12), p) * v[b * d + k];
                }
                out[a * d + b] = sum;
            }
        }
        return out;
    }

    /**
     * Eigenvalues [0] and eigenvectors [1] (columns of a d x d row-major matrix) of a symmetric matrix, by cyclic
     * Jacobi rotations until the off-diagonal mass is below 1e-22 of the total (at most 100 sweeps).
     */
    static double[][] jacobi(double[] s, int d) {
        double[] a = s.clone();
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1;
        }
        double total = 0;
        for (double x : a) {
            total += x * x;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p * d + q] * a[p * d + q];
                }
            }
            if (off <= 1e-22 * total) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = a[p * d + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k * d + p];
                        double akq = a[k * d + q];
                        a[k * d + p] = c * akp - sn * akq;
                        a[k * d + q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p * d + k];
                        double aqk = a[q * d + k];
                        a[p * d + k] = c * apk - sn * aqk;
                        a[q * d + k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k * d + p];
                        double vkq = v[k * d + q];
                        v[k * d + p] = c * vkp - sn * vkq;
                        v[k * d + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i * d + i];
        }
        return new double[][] {values, v};
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
