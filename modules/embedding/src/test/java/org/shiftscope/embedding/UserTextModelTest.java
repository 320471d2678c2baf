package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * A user's Hugging Face text model: a folder with model.onnx and tokenizer.json. Checked two ways: the built-in
 * MiniLM laid out as such a folder gives the built-in encoder's embeddings exactly; a tiny transformer with only
 * input_ids and attention_mask (text/make_fixtures.py) pools torch's own hidden states as mean and CLS pooling say.
 */
class UserTextModelTest {

    @TempDir
    Path dir;

    private static final List<String> TEXTS = List.of("the river floods every spring", "Quarterly revenue rose 4%.");

    private void copyResource(String resource, Path to) throws Exception {
        try (InputStream in = TextEncoder.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
    }

    @Test
    void theBuiltInModelAsAFolderGivesTheBuiltInEmbeddings() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("minilm/onnx"));
        copyResource("/all-minilm-l6-v2-q.onnx", folder.resolve("model.onnx")); // optimum's onnx/ layout
        copyResource("/all-minilm-l6-v2-q-tokenizer.json", dir.resolve("minilm/tokenizer.json"));
        Embeddings builtIn;
        try (TextEncoder enc = TextEncoder.load()) {
            builtIn = enc.embed(TEXTS, TaskMonitor.NONE);
        }
        try (TextEncoder user = TextEncoder.load(dir.resolve("minilm"), TextEncoder.Settings.defaults())) {
            Embeddings e = user.embed(TEXTS, TaskMonitor.NONE);
            assertThat(e.d()).isEqualTo(384);
            assertThat(e.values()).containsExactly(builtIn.values());
            assertThat(user.name()).isEqualTo("minilm, mean pooling, 256 tokens, unit length");
        }
    }

    @Test
    void aTwoInputTransformerPoolsTorchsHiddenStates() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("tiny"));
        Files.copy(Path.of("src/test/resources/text/tiny.onnx"), folder.resolve("model.onnx"));
        copyResource("/all-minilm-l6-v2-q-tokenizer.json", folder.resolve("tokenizer.json"));
        float[][] hidden = {npy("hidden_0.npy", 7), npy("hidden_1.npy", 8)};
        try (TextEncoder mean = TextEncoder.load(folder, new TextEncoder.Settings(TextEncoder.Pooling.MEAN, 64,
                false));
             TextEncoder cls = TextEncoder.load(folder, new TextEncoder.Settings(TextEncoder.Pooling.CLS, 64, true))) {
            Embeddings m = mean.embed(TEXTS, TaskMonitor.NONE);
            Embeddings c = cls.embed(TEXTS, TaskMonitor.NONE);
            assertThat(m.d()).isEqualTo(8);
            for (int t = 0; t < 2; t++) {
                int tokens = hidden[t].length / 8;
                double norm = 0;
                for (int k = 0; k < 8; k++) {
                    norm += hidden[t][k] * hidden[t][k];
                }
                for (int k = 0; k < 8; k++) {
                    double avg = 0;
                    for (int i = 0; i < tokens; i++) {
                        avg += hidden[t][i * 8 + k] / tokens;
                    }
                    assertThat((double) m.values()[t * 8 + k]).isCloseTo(avg, within(1e-4));
                    assertThat((double) c.values()[t * 8 + k]).isCloseTo(hidden[t][k] / Math.sqrt(norm),
                            within(1e-4));
                }
            }
        }
    }

    @Test
    void anIncompleteFolderSaysWhatIsMissing() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("half"));
        assertThatThrownBy(() -> TextEncoder.load(folder, TextEncoder.Settings.defaults()))
                .isInstanceOf(DataException.class).hasMessageStartingWith("half: has no tokenizer.json");
        copyResource("/all-minilm-l6-v2-q-tokenizer.json", folder.resolve("tokenizer.json"));
        assertThatThrownBy(() -> TextEncoder.load(folder, TextEncoder.Settings.defaults()))
                .isInstanceOf(DataException.class).hasMessageStartingWith("half: has no model.onnx, onnx/model.onnx"
                        + " or model.pt");
    }

    /** A (tokens, 8) float32 .npy fixture, row-major. */
    private static float[] npy(String name, int tokens) throws Exception {
        return Fixtures.float32(Path.of("src/test/resources/text").resolve(name), tokens * 8);
    }
}
