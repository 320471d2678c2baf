package org.shiftscope.embedding;

/**
 * One embedding vector per row, row-major: row i is {@code values[i * d .. (i + 1) * d)}.
 *
 * @param device where they were computed, e.g. "cpu()" or "gpu(0)"; "none" when no model ran
 */
public record Embeddings(int n, int d, float[] values, String device) {

    public Embeddings {
        if ((long) n * d != values.length) {
            throw new IllegalArgumentException(n + " x " + d + " embeddings need " + (long) n * d + " values, not "
                    + values.length);
        }
    }

    /** The values in double precision, row-major like {@link #values()}. */
    public double[] toDoubles() {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
