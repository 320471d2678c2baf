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
}
