package org.shiftscope.core;

/**
 * Eigen-decomposition of a small symmetric matrix (shared numerics: principal planes, Gaussian maps, CORAL) by cyclic Jacobi rotations, and functions of it (square root,
 * inverse square root). Accurate to machine precision for the feature counts explanations use (d up to ~100).
 *
 * <p>Reference: G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed., section 8.5.
 */
public final class SymmetricEigen {

    private final double[] values;
    private final double[][] vectors; // columns are eigenvectors

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** The eigenvalues, unordered (the same array each call: do not change it). */
    public double[] values() {
        return values;
    }

    /** The eigenvectors as columns, in the order of {@link #values()} (the same array each call). */
    public double[][] vectors() {
        return vectors;
    }

    public static SymmetricEigen of(double[][] s) {
        int d = s.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = s[i].clone();
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** V diag(f(lambda)) V^T, with eigenvalues below {@code floor} raised to it (for PSD round-off). */
    public double[][] apply(java.util.function.DoubleUnaryOperator f, double floor) {
        int d = values.length;
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double fk = f.applyAsDouble(Math.max(values[k], floor));
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] += vectors[i][k] * fk * vectors[j][k];
                }
            }
        }
        return out;
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }
}
