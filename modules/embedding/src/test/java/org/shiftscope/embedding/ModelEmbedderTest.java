package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.NpyReader;

/** DJL's outputs against torch's own on the fixtures that make_models.py wrote. */
class ModelEmbedderTest {

    private static final Path MODELS = Path.of("src/test/resources/models");

    /** A .npy matrix as row-major floats. */
    static float[] matrix(String name) {
        Dataset d = NpyReader.read(MODELS.resolve(name), TaskMonitor.NONE);
        List<Column> cols = d.columns();
        float[] out = new float[d.rowCount() * cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            double[] v = ((NumericColumn) cols.get(j)).values();
            for (int i = 0; i < v.length; i++) {
                out[i * cols.size() + j] = (float) v[i];
            }
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("value %d", i)
                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void torchScriptAndOnnxGiveTorchsOutputsInAnyBatchSize() {
        float[] x = matrix("input.npy");
        for (String file : List.of("tiny_mlp.pt", "tiny_mlp.onnx")) {
            try (ModelEmbedder m = ModelEmbedder.load(MODELS.resolve(file))) {
                assertThat(m.device()).startsWith("cpu");
                // batches of 3 leave a last batch of 1
                Embeddings hidden = m.embed(x, 10, new long[] {4}, 0, 3, TaskMonitor.NONE);
                assertThat(hidden.n()).isEqualTo(10);
                assertThat(hidden.d()).isEqualTo(8);
                assertClose(hidden.values(), matrix("hidden.npy"));
                Embeddings logits = m.embed(x, 10, new long[] {4}, 1, 16, TaskMonitor.NONE);
                assertThat(logits.d()).isEqualTo(3);
                assertClose(logits.values(), matrix("logits.npy"));
            }
        }
    }

    @Test
    void badModelsAndInputsAreExplained(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "not a model");
        assertThatThrownBy(() -> ModelEmbedder.load(junk)).isInstanceOf(DataException.class)
                .hasMessage("junk.onnx: not a readable ONNX model (its protobuf is damaged)");
        // well-formed protobuf that is no model: the engine's refusal, named
        Path empty = dir.resolve("empty.onnx");
        Files.write(empty, new byte[] {0x08, 0x01});
        assertThatThrownBy(() -> ModelEmbedder.load(empty)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("empty.onnx").hasMessageContaining("cannot be loaded as an ONNX model");
        assertThatThrownBy(() -> ModelEmbedder.load(dir.resolve("missing.pt")))
                .hasMessageContaining("missing.pt").hasMessageContaining("no such model file");
        assertThatThrownBy(() -> ModelEmbedder.load(dir.resolve("model.h5")))
                .hasMessageContaining("a Keras model; convert it with tf2onnx");
        assertThatThrownBy(() -> ModelEmbedder.load(dir.resolve("model.tflite")))
                .hasMessageContaining("use an .onnx file or a TorchScript .pt file");
        try (ModelEmbedder m = ModelEmbedder.load(MODELS.resolve("tiny_mlp.onnx"))) {
            assertThatThrownBy(() -> m.embed(new float[10], 2, new long[] {5}, 0, 8, TaskMonitor.NONE))
                    .isInstanceOf(DataException.class).hasMessageStartingWith("tiny_mlp.onnx")
                    .hasMessageContaining("failed on input rows of shape (5)");
            assertThatThrownBy(() -> m.embed(new float[8], 2, new long[] {4}, 2, 8, TaskMonitor.NONE))
                    .hasMessageContaining("has 2 output(s); output 2 does not exist");
        }
    }
}
