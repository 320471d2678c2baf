package org.shiftscope.workflow.model;

import org.shiftscope.core.DataException;
import org.shiftscope.core.RowMajor;
import org.shiftscope.embedding.Embeddings;

/** A user's model's outputs read as class probabilities. */
public final class ModelProbabilities {

    private ModelProbabilities() {
    }

    /**
     * The outputs as class probabilities: as they are when they already are (non-negative, rows summing to 1), else a
     * softmax of them (logits).
     */
    public static double[] of(Embeddings out, int k, java.nio.file.Path file) {
        if (out.d() != k) {
            throw DataException.inFile(file.getFileName().toString(), "gives " + out.d() + " values per row, but the"
                    + " label has " + k + " classes (choose the model's output with one value per class)")
                    .about("model-output");
        }
        double[] v = out.toDoubles();
        boolean probabilities = true;
        for (int i = 0; i < out.n() && probabilities; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                probabilities &= v[i * k + j] >= 0;
                sum += v[i * k + j];
            }
            probabilities &= Math.abs(sum - 1) < 1e-3;
        }
        if (probabilities) {
            return v;
        }
        double[] p = v.clone();
        for (int i = 0; i < out.n(); i++) {
            RowMajor.softmaxRow(p, i, k);
        }
        return p;
    }
}
