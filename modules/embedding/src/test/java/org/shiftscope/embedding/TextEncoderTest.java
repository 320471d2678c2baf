package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

class TextEncoderTest {

    private static final List<String> TEXTS = List.of(
            "The patient was discharged after three days.",
            "After three days in hospital the patient went home.",
            "Stock prices fell sharply on Monday.",
            "a",
            "Distribution shift happens when the data a model meets in deployment differ from its training data, "
                    + "for example when a hospital changes its scanner or a bank enters a new market.");

    private static double cosine(float[] a, int offset, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < b.length; k++) {
            dot += a[offset + k] * b[k];
            na += a[offset + k] * a[offset + k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void matchesLangchain4jsOwnMiniLmAndKeepsMeaning() {
        Embeddings e;
        // DJL's OnnxRuntime engine first: it must own the ONNX Runtime environment (stack.md)
        try (TextEncoder enc = TextEncoder.load()) {
            e = enc.embed(TEXTS, TaskMonitor.NONE);
            assertThat(enc.device()).isEqualTo("cpu()");
        }
        assertThat(e.n()).isEqualTo(TEXTS.size());
        assertThat(e.d()).isEqualTo(384);
        // the independent reference: langchain4j's own tokenisation, ONNX session and pooling of the same model
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        float[] v = e.values();
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] want = reference.embed(TEXTS.get(i)).content().vector();
            assertThat(cosine(v, i * 384, want)).as(TEXTS.get(i)).isGreaterThan(0.99999);
            double norm = 0;
            for (int k = 0; k < 384; k++) {
                norm += v[i * 384 + k] * v[i * 384 + k];
            }
            assertThat(norm).isCloseTo(1, within(1e-5));
        }
        // a text beyond 256 tokens is truncated, not refused
        try (TextEncoder enc = TextEncoder.load()) {
            Embeddings longText = enc.embed(List.of("shift ".repeat(600)), TaskMonitor.NONE);
            assertThat(longText.values()).hasSize(384).doesNotContain(Float.NaN);
        }
        // the paraphrase is nearer than the unrelated sentence
        float[] first = java.util.Arrays.copyOfRange(v, 0, 384);
        assertThat(cosine(v, 384, first)).isGreaterThan(cosine(v, 2 * 384, first) + 0.3);
    }
}
