package org.shiftscope.transport;

import java.util.Objects;

/**
 * n points in d dimensions, row-major ({@code values[i * d + k]} is coordinate k of point i). Immutable by
 * convention: methods that change points return new instances.
 */
public record Points(int n, int d, double[] values) {

    public Points {
        Objects.requireNonNull(values, "values");
        if (n < 0 || d <= 0 || values.length != (long) n * d) {
            throw new IllegalArgumentException("values hold " + values.length + " numbers, not " + n + " x " + d);
        }
    }

    public static Points of(double[][] rows) {
        int d = rows.length == 0 ? 1 : rows[0].length;
        double[] v = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, not " + d);
            }
            System.arraycopy(rows[i], 0, v, i * d, d);
        }
        return new Points(rows.length, d, v);
    }

    public double get(int i, int k) {
        return values[i * d + k];
    }

    public double[] row(int i) {
        double[] r = new double[d];
        System.arraycopy(values, i * d, r, 0, d);
        return r;
    }

    /** Squared Euclidean distance between point i of this set and point j of {@code other}. */
    public double sqDist(int i, Points other, int j) {
        double s = 0;
        int a = i * d;
        int b = j * d;
        for (int k = 0; k < d; k++) {
            double t = values[a + k] - other.values[b + k];
            s += t * t;
        }
        return s;
    }

    /** Column means. */
    public double[] mean() {
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mu[k] += values[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mu[k] /= n;
        }
        return mu;
    }

    /** Mean squared Frobenius distance to {@code other} (same shape): ||A - B||_F^2 / n. */
    public double meanSqDistance(Points other) {
        if (other.n != n || other.d != d) {
            throw new IllegalArgumentException("shapes differ");
        }
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            double t = values[i] - other.values[i];
            s += t * t;
        }
        return n == 0 ? 0 : s / n;
    }
}
