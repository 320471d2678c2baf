package org.shiftscope.core;

/** Helpers for n x k tables stored row by row in one array ({@code values[i * k + j]}). */
public final class RowMajor {

    private RowMajor() {
    }

    /** The column of the largest value of each row (the first on ties), e.g. the predicted class. */
    public static int[] argmax(double[] values, int k) {
        int[] out = new int[values.length / k];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (values[i * k + j] > values[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Replaces row i of an n x k table by its softmax (shifted by the row's maximum, so large values cannot overflow). */
    public static void softmaxRow(double[] z, int i, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[i * k + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            z[i * k + j] = Math.exp(z[i * k + j] - max);
            sum += z[i * k + j];
        }
        for (int j = 0; j < k; j++) {
            z[i * k + j] /= sum;
        }
    }
}
