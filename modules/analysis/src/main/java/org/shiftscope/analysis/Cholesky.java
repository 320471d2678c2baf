package org.shiftscope.analysis;

/** Cholesky factors of symmetric positive-definite matrices, row-major, read from their lower triangle. */
final class Cholesky {

    private Cholesky() {
    }

    /** The lower-triangular factor L (L L' = M) of the d x d block of {@code m} at {@code off}, or null when M is
     * not positive definite (a pivot is not above 0). */
    static double[] factor(double[] m, int off, int d) {
        double[] l = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double s = m[off + a * d + b];
                for (int j = 0; j < b; j++) {
                    s -= l[a * d + j] * l[b * d + j];
                }
                if (a == b) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[a * d + a] = Math.sqrt(s);
                } else {
                    l[a * d + b] = s / l[b * d + b];
                }
            }
        }
        return l;
    }

    /** Solves L L' w = b for the factor L of a d x d matrix. */
    static double[] solve(double[] l, int d, double[] b) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * d + k] * z[k];
            }
            z[i] = s / l[i * d + i];
        }
        double[] w = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * w[k];
            }
            w[i] = s / l[i * d + i];
        }
        return w;
    }
}
