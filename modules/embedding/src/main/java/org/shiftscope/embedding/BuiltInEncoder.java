package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * The built-in encoders, for users without a model, trained with DJL on the reference rows to predict their label
 * (Adam at 1e-3, softmax cross-entropy, seeded; batches of 256 rows or 64 images); the embedding is the penultimate
 * layer.
 * <ul>
 *   <li>{@link #mlp}: tabular rows; input, {@code hidden} ReLU units, {@code dim} ReLU units, one logit per class.</li>
 *   <li>{@link #cnn}: images (c x h x w, e.g. 1 x 28 x 28 Fashion-MNIST or 3 x 32 x 32 RGB); two blocks of 3x3
 *       convolution (16 then 32 filters), batch normalisation, ReLU and 2x2 max-pooling, then {@code dim} ReLU
 *       units, one logit per class. Its batch-norm statistics can be re-estimated on target images
 *       ({@link #adaptBatchNorm}).</li>
 * </ul>
 */
public final class BuiltInEncoder implements AutoCloseable {

    private static final int EMBED_BATCH = 512;

    private final Model model;
    private final SequentialBlock encoder;
    /** The classifier's last layer: logits from the embedding. */
    private final Block head;
    private final long[] rowShape;
    private final double trainAccuracy;
    private final Device device;

    private BuiltInEncoder(Model model, SequentialBlock encoder, Block head, long[] rowShape, double trainAccuracy,
                           Device device) {
        this.model = model;
        this.encoder = encoder;
        this.head = head;
        this.rowShape = rowShape;
        this.trainAccuracy = trainAccuracy;
        this.device = device;
    }

    /**
     * @param x      n x d inputs, row-major
     * @param labels class of each row, 0..classes-1
     */
    public static BuiltInEncoder mlp(float[] x, int n, int d, int[] labels, int classes, int hidden, int dim,
                                     int epochs, long seed, TaskMonitor monitor) {
        SequentialBlock encoder = new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(dim).build()).add(Activation.reluBlock());
        return train(encoder, x, n, new long[] {d}, labels, classes, epochs, 256, seed, monitor);
    }

    /**
     * @param x     n images, each {@code shape} = (channels, height, width) values in [0, 1], row-major
     */
    public static BuiltInEncoder cnn(float[] x, int n, long[] shape, int[] labels, int classes, int dim, int epochs,
                                     long seed, TaskMonitor monitor) {
        if (shape.length != 3 || shape[1] < 4 || shape[2] < 4) {
            throw DataException.of("the built-in image encoder needs images of at least 4 x 4 pixels, not "
                    + Arrays.toString(shape));
        }
        SequentialBlock encoder = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(dim).build()).add(Activation.reluBlock());
        return train(encoder, x, n, shape, labels, classes, epochs, 64, seed, monitor);
    }

    private static BuiltInEncoder train(SequentialBlock encoder, float[] x, int n, long[] rowShape, int[] labels,
                                        int classes, int epochs, int batchSize, long seed, TaskMonitor monitor) {
        if (n < 2 || classes < 2) {
            throw DataException.of("training the built-in encoder needs at least 2 rows and 2 classes (got " + n
                    + " rows, " + classes + " classes)");
        }
        ModelEmbedder.configureOffline();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        Device device = engine.defaultDevice();
        Block head = Linear.builder().setUnits(classes).build();
        SequentialBlock net = new SequentialBlock().add(encoder).add(head);
        Model model = Model.newInstance("shiftscope-encoder", device, "PyTorch");
        model.setBlock(net);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                .optDevices(new Device[] {device});
        int batch = Math.min(batchSize, n);
        try (Trainer trainer = model.newTrainer(config);
             NDManager manager = model.getNDManager().newSubManager(device)) {
            trainer.initialize(shape(batch, rowShape));
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels[i];
            }
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(manager.create(x, shape(n, rowShape)))
                    .optLabels(manager.create(y, new Shape(n)))
                    .setSampling(batch, true)
                    .build();
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (Batch b : trainer.iterateDataset(data)) {
                    monitor.checkCancelled();
                    EasyTrain.trainBatch(trainer, b);
                    trainer.step();
                    b.close();
                }
                monitor.progress((epoch + 1.0) / epochs, String.format(Locale.ROOT,
                        "training the built-in encoder: epoch %d of %d on %s", epoch + 1, epochs, device));
            }
            int[] right = {0};
            inBatches(net, manager, x, n, rowShape, TaskMonitor.NONE, (from, logits) -> {
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    right[0] += predicted[i] == labels[from + i] ? 1 : 0;
                }
            });
            return new BuiltInEncoder(model, encoder, head, rowShape, (double) right[0] / n, device);
        } catch (IOException | TranslateException e) {
            model.close();
            throw new IllegalStateException("training the built-in encoder failed", e);
        }
    }

    private static Shape shape(long n, long[] row) {
        long[] s = new long[row.length + 1];
        s[0] = n;
        System.arraycopy(row, 0, s, 1, row.length);
        return new Shape(s);
    }

    /** Accuracy of the trained classifier on its own training rows (a sanity check, not a test accuracy). */
    public double trainAccuracy() {
        return trainAccuracy;
    }

    /** The penultimate layer for n rows of inputs (row-major, shaped as in training), in batches. */
    public Embeddings embed(float[] x, int n, TaskMonitor monitor) {
        return encode(x, n, monitor).embeddings();
    }

    /**
     * Embeddings, the classifier's predicted class (0..classes-1) of each row and its class probabilities (softmax
     * of the logits; n x classes, row-major).
     */
    public record Output(Embeddings embeddings, int[] predicted, double[] probabilities, int classes) {
    }

    /** The penultimate layer, the predicted class and the class probabilities for n rows, in one batched pass. */
    public Output encode(float[] x, int n, TaskMonitor monitor) {
        float[][] out = {new float[0]};
        int[] dim = {0};
        int[] predicted = new int[n];
        double[][] probs = {new double[0]};
        int[] classes = {0};
        try (NDManager manager = model.getNDManager().newSubManager(device)) {
            inBatches(encoder, manager, x, n, rowShape, monitor, (from, e) -> {
                int m = (int) e.getShape().get(0);
                if (from == 0) {
                    dim[0] = (int) e.getShape().get(1);
                    out[0] = new float[n * dim[0]];
                }
                System.arraycopy(e.toFloatArray(), 0, out[0], from * dim[0], m * dim[0]);
                NDArray logits = head.forward(new ParameterStore(e.getManager(), false), new NDList(e), false)
                        .singletonOrThrow();
                if (from == 0) {
                    classes[0] = (int) logits.getShape().get(1);
                    probs[0] = new double[n * classes[0]];
                }
                float[] p = logits.softmax(1).toFloatArray();
                for (int i = 0; i < p.length; i++) {
                    probs[0][from * classes[0] + i] = p[i];
                }
                long[] best = logits.argMax(1).toLongArray();
                for (int i = 0; i < m; i++) {
                    predicted[from + i] = (int) best[i];
                }
            });
        }
        return new Output(new Embeddings(n, dim[0], out[0], device.toString()), predicted, probs[0], classes[0]);
    }

    /**
     * Runs a block (inference mode) over n rows of x in batches of {@value #EMBED_BATCH}, each batch in its own
     * NDManager, handing each output with the index of its first row to {@code each}.
     */
    private static void inBatches(Block block, NDManager parent, float[] x, int n, long[] rowShape,
                                  TaskMonitor monitor, BiConsumer<Integer, NDArray> each) {
        int per = (int) (x.length / Math.max(1, n));
        for (int from = 0; from < n; from += EMBED_BATCH) {
            monitor.checkCancelled();
            int m = Math.min(EMBED_BATCH, n - from);
            try (NDManager part = parent.newSubManager()) {
                float[] chunk = from == 0 && m == n ? x : Arrays.copyOfRange(x, from * per, (from + m) * per);
                each.accept(from, block.forward(new ParameterStore(part, false),
                        new NDList(part.create(chunk, shape(m, rowShape))), false).singletonOrThrow());
            }
            monitor.progress((double) (from + m) / n, "embedding with the built-in encoder");
        }
    }

    /**
     * Test-time adaptation of the batch-norm layers (BN-adapt; alpha-BN when {@code alpha > 0}): layer by layer, the
     * per-channel mean and variance of the layer's input over the n target rows replace its running statistics,
     * mixed with the ones learnt on the reference: alpha x reference + (1 - alpha) x target. Learnt weights stay as
     * they are. Returns the number of layers adapted (0 for a model without batch norm).
     *
     * <p>References: S. Schneider et al., "Improving robustness against common corruptions by covariate shift
     * adaptation", NeurIPS 2020; Y. Li et al., "Revisiting batch normalization for practical domain adaptation",
     * ICLR workshop 2017; Z. Nado et al., "Evaluating prediction-time batch normalization for robustness under
     * covariate shift", 2020 (prior strength, as alpha here).
     */
    public int adaptBatchNorm(float[] x, int n, double alpha, TaskMonitor monitor) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw DataException.of("alpha must lie in [0, 1], not " + alpha);
        }
        List<Block> layers = encoder.getChildren().values();
        int adapted = 0;
        int per = (int) (x.length / Math.max(1, n));
        for (int j = 0; j < layers.size(); j++) {
            if (!(layers.get(j) instanceof BatchNorm bn)) {
                continue;
            }
            double[] sum = null;
            double[] sumSq = null;
            long count = 0;
            try (NDManager manager = model.getNDManager().newSubManager(device)) {
                for (int from = 0; from < n; from += EMBED_BATCH) {
                    monitor.checkCancelled();
                    int m = Math.min(EMBED_BATCH, n - from);
                    try (NDManager part = manager.newSubManager()) {
                        NDArray a = part.create(Arrays.copyOfRange(x, from * per, (from + m) * per), shape(m, rowShape));
                        ParameterStore store = new ParameterStore(part, false);
                        for (int i = 0; i < j; i++) {
                            a = layers.get(i).forward(store, new NDList(a), false).singletonOrThrow();
                        }
                        int[] axes = a.getShape().dimension() == 4 ? new int[] {0, 2, 3} : new int[] {0};
                        float[] s1 = a.sum(axes).toFloatArray();
                        float[] s2 = a.square().sum(axes).toFloatArray();
                        if (sum == null) {
                            sum = new double[s1.length];
                            sumSq = new double[s1.length];
                        }
                        for (int c = 0; c < s1.length; c++) {
                            sum[c] += s1[c];
                            sumSq[c] += s2[c];
                        }
                        count += a.getShape().size() / s1.length;
                    }
                }
            }
            NDArray mean = parameter(bn, "runningMean");
            NDArray var = parameter(bn, "runningVar");
            float[] oldMean = mean.toFloatArray();
            float[] oldVar = var.toFloatArray();
            float[] newMean = new float[sum.length];
            float[] newVar = new float[sum.length];
            for (int c = 0; c < sum.length; c++) {
                double mu = sum[c] / count;
                double v = Math.max(0, sumSq[c] / count - mu * mu) * count / Math.max(1, count - 1);
                newMean[c] = (float) (alpha * oldMean[c] + (1 - alpha) * mu);
                newVar[c] = (float) (alpha * oldVar[c] + (1 - alpha) * v);
            }
            mean.set(newMean);
            var.set(newVar);
            adapted++;
            monitor.progress((double) (j + 1) / layers.size(), "re-estimating batch-norm statistics on the target");
        }
        return adapted;
    }

    /**
     * TENT: test-time entropy minimisation. After {@link #adaptBatchNorm} on the target, only the batch-norm scale
     * and shift are trained (Adam, learning rate {@code lr}, batches of 64, {@code epochs} passes over the n target
     * rows, shuffled with the engine's seed) to minimise the mean entropy of the predictions; every other weight
     * stays frozen, and the target's labels are never seen. Returns the mean entropy of each step's batch (the loss
     * curve).
     *
     * <p>Reference: D. Wang, E. Shelhamer, S. Liu, B. Olshausen and T. Darrell, "Tent: fully test-time adaptation by
     * entropy minimization", ICLR 2021.
     */
    public double[] tent(float[] x, int n, int epochs, double lr, TaskMonitor monitor) {
        int layers = adaptBatchNorm(x, n, 0, monitor.range(0, 0.2));
        if (layers == 0) {
            throw DataException.of("TENT adapts batch-norm layers; this model has none");
        }
        Block net = model.getBlock();
        Loss entropy = new Loss("entropy") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray logp = predictions.singletonOrThrow().logSoftmax(1);
                return logp.exp().mul(logp).sum(new int[] {1}).neg().mean();
            }
        };
        DefaultTrainingConfig config = new DefaultTrainingConfig(entropy)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build())
                .optDevices(new Device[] {device});
        List<Double> curve = new java.util.ArrayList<>();
        net.freezeParameters(true);
        for (Block b : encoder.getChildren().values()) {
            if (b instanceof BatchNorm) {
                b.freezeParameters(false, p -> p.getType() == ai.djl.nn.Parameter.Type.GAMMA
                        || p.getType() == ai.djl.nn.Parameter.Type.BETA);
            }
        }
        try (Trainer trainer = model.newTrainer(config);
             NDManager manager = model.getNDManager().newSubManager(device)) {
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(manager.create(x, shape(n, rowShape)))
                    .optLabels(manager.zeros(new Shape(n)))
                    .setSampling(Math.min(64, n), true)
                    .build();
            int steps = epochs * (int) Math.ceil(n / (double) Math.min(64, n));
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (Batch b : trainer.iterateDataset(data)) {
                    monitor.checkCancelled();
                    try (ai.djl.training.GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray loss = entropy.evaluate(null, trainer.forward(b.getData()));
                        gc.backward(loss);
                        curve.add((double) loss.getFloat());
                    }
                    trainer.step();
                    b.close();
                    monitor.progress(0.2 + 0.8 * curve.size() / steps, String.format(Locale.ROOT,
                            "TENT step %d of %d: mean entropy %.4f", curve.size(), steps, curve.get(curve.size() - 1)));
                }
            }
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("TENT failed", e);
        } finally {
            net.freezeParameters(false);
        }
        return curve.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static NDArray parameter(Block block, String name) {
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name) || p.getValue().getName().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalStateException("no parameter " + name + " in " + block);
    }

    @Override
    public void close() {
        model.close();
    }
}
