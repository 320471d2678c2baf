package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
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
import java.util.Locale;
import java.util.Properties;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * A user's model from disk, ONNX (DJL's OnnxRuntime engine) or TorchScript (DJL's PyTorch engine), run in batches to
 * embed rows: the embedding is one of the model's outputs, flattened per row. Runs on the GPU when DJL sees one,
 * else on the CPU; {@link #device()} says which. Nothing is downloaded: the native libraries come from jars on the
 * class path and DJL runs offline.
 */
public final class ModelEmbedder implements AutoCloseable {

    public enum Format {
        ONNX("OnnxRuntime"), TORCHSCRIPT("PyTorch");

        private final String engine;

        Format(String engine) {
            this.engine = engine;
        }

        /** How to make a model ShiftScope runs, for messages. */
        static final String EXPORT = "export the model with torch.onnx.export(model, example, 'model.onnx') or"
                + " torch.jit.trace(model, example).save('model.pt')";

        /**
         * By the file's extension: .onnx, or .pt / .pth / .torchscript; files that hold only weights or a pickle
         * (torch.save state dicts, safetensors, .bin, .pkl, Keras .h5) are refused unread, with how to export.
         */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String shown = file.getFileName().toString();
            if (name.endsWith(".onnx")) {
                return ONNX;
            }
            if (name.endsWith(".safetensors")) {
                throw DataException.inFile(shown, "a safetensors file holds weights only, not the network; " + EXPORT);
            }
            if (name.endsWith(".pkl") || name.endsWith(".pickle") || name.endsWith(".bin")) {
                throw DataException.inFile(shown, "a pickle (or pytorch_model.bin) is never opened: loading one runs"
                        + " code from it; " + EXPORT);
            }
            if (name.endsWith(".h5") || name.endsWith(".keras")) {
                throw DataException.inFile(shown, "a Keras model; convert it with tf2onnx (python -m tf2onnx.convert"
                        + " --keras model.h5 --output model.onnx)");
            }
            if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript")) {
                requireTorchScript(file, shown);
                return TORCHSCRIPT;
            }
            throw DataException.inFile(shown, "not a model this version reads (use an .onnx file or a TorchScript .pt"
                    + " file)");
        }

        /**
         * A TorchScript archive is a zip holding the network's code ({@code code/}); torch.save of a state dict or
         * a pickled module is a zip without it, or a bare pickle: weights and pickled objects, refused unread.
         */
        private static void requireTorchScript(Path file, String shown) {
            if (!Files.isRegularFile(file)) {
                return; // load() says the file is missing
            }
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                boolean code = zip.stream().anyMatch(e -> e.getName().contains("/code/")
                        || e.getName().startsWith("code/"));
                if (!code) {
                    throw DataException.inFile(shown, "saved with torch.save (a state dict or a pickled module:"
                            + " weights without TorchScript code), so it is not opened; " + EXPORT);
                }
            } catch (java.io.IOException e) {
                throw DataException.inFile(shown, "not a TorchScript archive (a legacy torch.save pickle, or damaged),"
                        + " so it is not opened; " + EXPORT);
            }
        }
    }

    static {
        configureOffline();
    }

    private final Path file;
    private final Format format;
    private final ZooModel<NDList, NDList> model;
    private final Device device;

    private ModelEmbedder(Path file, Format format, ZooModel<NDList, NDList> model, Device device) {
        this.file = file;
        this.format = format;
        this.model = model;
        this.device = device;
    }

    /** Loads the model; a file that is missing or that the engine cannot read gets a message naming it. */
    public static ModelEmbedder load(Path file) {
        return load(file, false);
    }

    /**
     * Loads the model; {@code trainable} loads a TorchScript module's tensors outside PyTorch's inference mode, so
     * training-mode passes may update its batch-norm statistics ({@link #adaptBatchNorm}).
     */
    public static ModelEmbedder load(Path file, boolean trainable) {
        String name = file.getFileName().toString();
        Format format = Format.of(file);
        if (!Files.isRegularFile(file)) {
            throw DataException.inFile(name, "no such model file");
        }
        if (format == Format.ONNX) {
            OnnxExternalData.check(file, name);
        }
        Device device = ComputeDevice.device(format.engine);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath())
                .optEngine(format.engine)
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                .optOption("trainParam", Boolean.toString(trainable && format == Format.TORCHSCRIPT))
                .build();
        try {
            return new ModelEmbedder(file, format, criteria.loadModel(), device);
        } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException e) {
            throw DataException.inFile(name, "cannot be loaded as " + (format == Format.ONNX ? "an ONNX" : "a TorchScript")
                    + " model (" + firstLine(e) + ")");
        }
    }

    /**
     * The shape of one row of the model's first input as the model declares it (batch dimension left out; -1 for a
     * dimension it leaves free), or null when the format does not say (TorchScript).
     */
    public long[] inputShape() {
        long[] full = declaredInput();
        return full == null || full.length == 0 ? null : java.util.Arrays.copyOfRange(full, 1, full.length);
    }

    /** The batch size the model's first input fixes (an ONNX export without a dynamic batch axis), or 0 for any. */
    public int fixedBatch() {
        long[] full = declaredInput();
        return full == null || full.length == 0 || full[0] < 1 ? 0 : (int) full[0];
    }

    private long[] declared;

    /** The first input's declared shape, batch included, read once; null when the format does not say. */
    private synchronized long[] declaredInput() {
        if (declared == null) {
            declared = readDeclaredInput();
        }
        return declared.length == 0 ? null : declared;
    }

    private long[] readDeclaredInput() {
        if (format != Format.ONNX) {
            return new long[0];
        }
        try (ai.onnxruntime.OrtSession session = ai.onnxruntime.OrtEnvironment.getEnvironment()
                .createSession(file.toAbsolutePath().toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
            ai.onnxruntime.NodeInfo first = session.getInputInfo().values().iterator().next();
            if (!(first.getInfo() instanceof ai.onnxruntime.TensorInfo t)) {
                return new long[0];
            }
            return t.getShape();
        } catch (ai.onnxruntime.OrtException | RuntimeException e) {
            return new long[0]; // the engine loaded it; its declared shape is only advice
        }
    }

    /**
     * BN-adapt for a user's TorchScript network: {@code batches} batches of the target rows (in order, starting over
     * when they run out) go through it in training mode, so each batch-norm layer's running mean and variance move
     * toward the target's by its own momentum (PyTorch's default 0.1: after b batches the reference statistics keep
     * a weight of 0.9^b); the weights are untouched and the model is back in evaluation mode for the next embedding.
     * DJL does not expose a TorchScript module's running statistics, so the module moves them itself, as PyTorch
     * users do with {@code model.train()}; layers that also act in training mode (dropout) act during these passes.
     * The model must be loaded with {@code load(file, true)}.
     *
     * @throws DataException for an ONNX model (ONNX Runtime runs inference only), and for a network whose outputs
     *                       did not move (a traced network keeps batch norm in evaluation mode)
     */
    public void adaptBatchNorm(Rows rows, int n, long[] rowShape, int batch, int batches, TaskMonitor monitor) {
        if (format != Format.TORCHSCRIPT) {
            throw DataException.inFile(file.getFileName().toString(), "batch-norm adaptation of a user's model needs"
                    + " its TorchScript export (torch.jit.script(model).save('model.pt')): ONNX models run inference"
                    + " only");
        }
        long rowSize = new Shape(rowShape).size();
        ai.djl.nn.Block block = model.getBlock();
        int probe = Math.min(n, Math.max(2, batch));
        float[] before = embed(rows, probe, rowShape, 0, probe, TaskMonitor.NONE).values();
        int start = 0;
        for (int done = 0; done < batches; done++) {
            monitor.checkCancelled();
            if (start >= n || n - start < 2) {
                start = 0; // a batch of one row cannot be normalised in training mode: start over
            }
            int b = Math.min(batch, n - start);
            float[] chunk = new float[(int) (b * rowSize)];
            rows.fill(start, b, chunk);
            long[] shape = new long[rowShape.length + 1];
            shape[0] = b;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            try (NDManager manager = model.getNDManager().newSubManager(device)) {
                block.forward(new ai.djl.training.ParameterStore(manager, false),
                        new NDList(manager.create(chunk, new Shape(shape))), true);
            } catch (EngineException e) {
                throw DataException.inFile(file.getFileName().toString(), "failed in training mode ("
                        + allLines(e) + ")");
            }
            start += b;
            monitor.progress((double) (done + 1) / batches, String.format(Locale.ROOT,
                    "re-estimating batch-norm statistics: batch %d of %d", done + 1, batches));
        }
        if (batches > 0
                && java.util.Arrays.equals(before, embed(rows, probe, rowShape, 0, probe, TaskMonitor.NONE).values())) {
            throw DataException.inFile(file.getFileName().toString(), "has no batch norm that training mode moves:"
                    + " a traced network (torch.jit.trace) keeps batch norm in evaluation mode; export it with"
                    + " torch.jit.script(model).save('model.pt') to adapt its batch norm");
        }
    }

    /** Where the model runs: "cpu()" or "gpu(0)". */
    public String device() {
        return device.toString();
    }

    public Format format() {
        return format;
    }

    /** The model file it was loaded from. */
    public Path file() {
        return file;
    }

    /**
     * Runs the model on n rows of {@code input} (row-major, each row of shape {@code rowShape}) in batches and keeps
     * output number {@code output}, flattened per row.
     */
    public Embeddings embed(float[] input, int n, long[] rowShape, int output, int batch, TaskMonitor monitor) {
        long rowSize = new Shape(rowShape).size();
        if (rowSize * n != input.length) {
            throw new IllegalArgumentException(n + " rows of shape " + new Shape(rowShape) + " need "
                    + rowSize * n + " values, not " + input.length);
        }
        return embed((start, count, into) -> System.arraycopy(input, (int) (start * rowSize), into, 0,
                (int) (count * rowSize)), n, rowShape, output, batch, monitor);
    }

    /** Fills one batch of model input: rows start..start+count-1, row-major, from index 0 of {@code into}. */
    @FunctionalInterface
    public interface Rows {
        void fill(int start, int count, float[] into);
    }

    /**
     * Runs the model on n rows that {@code rows} produces batch by batch (so the whole input never has to be in
     * memory: images are decoded and preprocessed as their batch comes), keeping output number {@code output},
     * flattened per row.
     */
    public Embeddings embed(Rows rows, int n, long[] rowShape, int output, int batchSize, TaskMonitor monitor) {
        long rowSize = new Shape(rowShape).size();
        // a model exported with a fixed batch (often 1) runs at that batch; the last batch is padded to it
        int fixed = fixedBatch();
        int batch = fixed > 0 ? fixed : batchSize;
        float[] out = null;
        int d = -1;
        float[] chunk = new float[(int) (Math.min(batch, n) * rowSize)];
        try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
            for (int start = 0; start < n; start += batch) {
                monitor.checkCancelled();
                int b = Math.min(batch, n - start);
                int runRows = fixed > 0 ? fixed : b;
                try (NDManager manager = model.getNDManager().newSubManager(device)) {
                    long[] shape = new long[rowShape.length + 1];
                    shape[0] = runRows;
                    System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
                    if (chunk.length != runRows * rowSize) {
                        chunk = new float[(int) (runRows * rowSize)];
                    }
                    rows.fill(start, b, chunk);
                    for (int pad = b; pad < runRows; pad++) { // the fixed batch's unused rows repeat the last one
                        System.arraycopy(chunk, (int) ((b - 1) * rowSize), chunk, (int) (pad * rowSize),
                                (int) rowSize);
                    }
                    NDArray x = manager.create(chunk, new Shape(shape));
                    NDList result = predictor.predict(new NDList(x));
                    if (output < 0 || output >= result.size()) {
                        throw DataException.inFile(file.getFileName().toString(), "has " + result.size()
                                + " output(s); output " + output + " does not exist");
                    }
                    NDArray y = result.get(output).toType(DataType.FLOAT32, false);
                    if (y.getShape().dimension() == 0 || y.getShape().get(0) != runRows) {
                        throw DataException.inFile(file.getFileName().toString(), "output " + output + " has shape "
                                + y.getShape() + ", not one row per input row");
                    }
                    int rowOut = (int) (y.size() / runRows);
                    if (out == null) {
                        d = rowOut;
                        out = new float[Math.multiplyExact(n, d)];
                    }
                    System.arraycopy(y.toFloatArray(), 0, out, start * d, b * d);
                }
                monitor.progress((double) Math.min(n, start + b) / n,
                        String.format(Locale.ROOT, "embedding rows %,d of %,d on %s", Math.min(n, start + b), n,
                                device));
            }
        } catch (TranslateException | EngineException e) {
            throw DataException.inFile(file.getFileName().toString(), "failed on input rows of shape "
                    + new Shape(rowShape) + " (" + allLines(e) + ")");
        }
        return new Embeddings(n, Math.max(d, 0), out == null ? new float[0] : out, ComputeDevice.describe(device.toString()));
    }

    @Override
    public void close() {
        model.close();
    }

    /** The deepest message, its lines joined: engines put the expected and given dimensions on later lines. */
    private static String allLines(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.toString() : root.getMessage();
        return String.join("; ", m.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /**
     * DJL must not download anything: it runs offline and takes the PyTorch natives that this build ships (version
     * and flavour from {@code djl.properties}), unless the user set these properties or variables.
     */
    static void configureOffline() {
        ComputeDevice.prepare(); // first: the GPU pack, when chosen, sets the flavour these defaults would
        setDefault("ai.djl.offline", "true");
        Properties p = new Properties();
        try (InputStream in = ModelEmbedder.class.getResourceAsStream("djl.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("djl.properties is unreadable", e);
        }
        for (String key : p.stringPropertyNames()) {
            if (System.getenv(key) == null) {
                setDefault(key, p.getProperty(key));
            }
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
