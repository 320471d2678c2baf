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
    private double trainAccuracy;
    /** The training loss per step of the methods with their own loop (GroupDRO, DANN); null otherwise. */
    private double[] lossCurve;
    /** DANN: the accuracy of its domain head telling reference from target rows at the end; NaN otherwise. */
    private double domainAccuracy = Double.NaN;
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
        return train(architecture(new long[] {d}, hidden, dim), x, n, new long[] {d}, labels, classes, epochs,
                256, seed, monitor);
    }

    /**
     * @param x     n images, each {@code shape} = (channels, height, width) values in [0, 1], row-major
     */
    public static BuiltInEncoder cnn(float[] x, int n, long[] shape, int[] labels, int classes, int dim, int epochs,
                                     long seed, TaskMonitor monitor) {
        return train(architecture(shape, 0, dim), x, n, shape, labels, classes, epochs, 64, seed, monitor);
    }

    /**
     * The encoder for rows of this shape: the CNN of {@link #cnn} for (channels, height, width) images, else the MLP
     * of {@link #mlp} with {@code hidden} units.
     */
    private static SequentialBlock architecture(long[] shape, int hidden, int dim) {
        if (shape.length == 1) {
            return new SequentialBlock()
                    .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(dim).build()).add(Activation.reluBlock());
        }
        if (shape.length != 3 || shape[1] < 4 || shape[2] < 4) {
            throw DataException.of("the built-in image encoder needs images of at least 4 x 4 pixels, not "
                    + Arrays.toString(shape));
        }
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(dim).build()).add(Activation.reluBlock());
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

    /**
     * A model trained by {@link #dann}: how often its domain head tells a reference row from a target row, over
     * every row of both (0.5 when the features hide the side from it); NaN for other models.
     */
    public double domainAccuracy() {
        return domainAccuracy;
    }

    /** The training loss per step of a model trained by {@link #groupDro} or {@link #dann}; null otherwise. */
    public double[] lossCurve() {
        return lossCurve == null ? null : lossCurve.clone();
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
                    monitor.value("TENT mean entropy", curve.get(curve.size() - 1));
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

    /** Adam's learning rate for every built-in training loop. */
    private static final float LR = 1e-3f;
    /** GroupDRO's step size for the group weights (Sagawa et al. use 0.01 over far longer training). */
    public static final double DRO_STEP = 0.01;

    /**
     * A model trained by GroupDRO: the loss minimised at each step is the group losses of the batch weighted by
     * online group weights q, which grow exponentially with each group's loss (q_g <- q_g exp(eta loss_g),
     * normalised), so training concentrates on the worst group. The network, batches and optimiser are those of
     * {@link #mlp} / {@link #cnn}.
     *
     * <p>Reference: S. Sagawa, P. W. Koh, T. B. Hashimoto and P. Liang, "Distributionally robust neural networks
     * for group shifts: on the importance of regularization for worst-case generalization", ICLR 2020
     * (Algorithm 1).
     *
     * @param shape    one row's shape: (d) for tables (an MLP with {@code hidden} units), (c, h, w) for images
     * @param groups   group of each row, 0..q.length-1
     * @param q        the group weights, updated in place (start them uniform); after training, the final weights
     */
    public static BuiltInEncoder groupDro(float[] x, int n, long[] shape, int[] labels, int classes, int[] groups,
                                          double[] q, int hidden, int dim, int epochs, long seed,
                                          TaskMonitor monitor) {
        int g = q.length;
        Fresh f = fresh(architecture(shape, hidden, dim), classes, null, seed);
        int batch = Math.min(shape.length == 3 ? 64 : 256, n);
        double[] curve = loop(f, new Shape[] {shape(batch, shape)}, n, batch, epochs, seed, "GroupDRO loss",
                "GroupDRO training", monitor, (trainer, part, rows, progress) -> {
                    float[] onehot = new float[rows.length * classes];
                    float[] member = new float[rows.length * g];
                    double[] count = new double[g];
                    for (int i = 0; i < rows.length; i++) {
                        onehot[i * classes + labels[rows[i]]] = 1;
                        member[i * g + groups[rows[i]]] = 1;
                        count[groups[rows[i]]]++;
                    }
                    NDArray logits = trainer.forward(new NDList(part.create(slice(x, n, rows), shape(rows.length,
                            shape)))).singletonOrThrow();
                    NDArray nll = logits.logSoftmax(1).mul(part.create(onehot, new Shape(rows.length, classes)))
                            .sum(new int[] {1}).neg();
                    float[] inverse = new float[g];
                    for (int j = 0; j < g; j++) {
                        inverse[j] = count[j] == 0 ? 0 : (float) (1 / count[j]);
                    }
                    NDArray groupLoss = nll.reshape(1, rows.length).matMul(part.create(member,
                            new Shape(rows.length, g))).reshape(g).mul(part.create(inverse));
                    float[] lossOf = groupLoss.toFloatArray();
                    double sum = 0;
                    for (int j = 0; j < g; j++) {
                        q[j] *= count[j] == 0 ? 1 : Math.exp(DRO_STEP * lossOf[j]);
                        sum += q[j];
                    }
                    float[] weight = new float[g];
                    for (int j = 0; j < g; j++) {
                        q[j] /= sum;
                        weight[j] = (float) q[j];
                    }
                    return groupLoss.mul(part.create(weight)).sum();
                });
        return f.done(x, n, shape, labels, curve);
    }

    /**
     * A model trained by DANN, domain-adversarial training: a domain head (32 ReLU units, 2 logits) learns to tell
     * reference rows from target rows from the embedding, behind a gradient-reversal layer, so the encoder learns
     * features that predict the label on the reference while hiding which side a row comes from. Each step takes a
     * batch of labelled reference rows and as many unlabelled target rows (drawn at random); the loss is the label
     * cross-entropy on the reference rows plus the domain cross-entropy on all; the reversal's weight rises as
     * 2 / (1 + exp(-10 p)) - 1 over training progress p, as in the paper.
     *
     * <p>Reference: Y. Ganin, E. Ustinova, H. Ajakan, P. Germain, H. Larochelle, F. Laviolette, M. Marchand and
     * V. Lempitsky, "Domain-adversarial training of neural networks", JMLR 17 (2016).
     *
     * @param xs       reference rows (labelled), xt target rows (their labels never used)
     * @param reversal the reversal's final weight (1 in the paper; 0 trains the domain head without any pressure
     *                 on the encoder)
     */
    public static BuiltInEncoder dann(float[] xs, int ns, int[] labels, float[] xt, int nt, long[] shape, int classes,
                                      int hidden, int dim, int epochs, double reversal, long seed,
                                      TaskMonitor monitor) {
        if (nt < 2) {
            throw DataException.of("DANN needs at least 2 target rows");
        }
        SequentialBlock domain = new SequentialBlock().add(Linear.builder().setUnits(32).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(2).build());
        Fresh f = fresh(architecture(shape, hidden, dim), classes, domain, seed);
        int batch = Math.min(Math.min(shape.length == 3 ? 64 : 256, ns), nt);
        java.util.SplittableRandom pick = new java.util.SplittableRandom(seed + 1);
        Loss ce = Loss.softmaxCrossEntropyLoss();
        double[] curve = loop(f, new Shape[] {shape(2L * batch, shape), new Shape(1)}, ns, batch, epochs, seed,
                "DANN loss", "DANN training", monitor, (trainer, part, rows, progress) -> {
                    int b = rows.length;
                    int[] targetRows = new int[b];
                    for (int i = 0; i < b; i++) {
                        targetRows[i] = pick.nextInt(nt);
                    }
                    float[] source = slice(xs, ns, rows);
                    float[] both = Arrays.copyOf(source, 2 * source.length);
                    float[] t = slice(xt, nt, targetRows);
                    System.arraycopy(t, 0, both, both.length - t.length, t.length);
                    float[] y = new float[b];
                    float[] side = new float[2 * b];
                    for (int i = 0; i < b; i++) {
                        y[i] = labels[rows[i]];
                        side[b + i] = 1;
                    }
                    float lambda = (float) (reversal * (2 / (1 + Math.exp(-10 * progress)) - 1));
                    NDList out = trainer.forward(new NDList(part.create(both, shape(2L * b, shape)),
                            part.create(new float[] {lambda})));
                    NDArray labelLoss = ce.evaluate(new NDList(part.create(y)),
                            new NDList(out.get(0).get("0:" + b)));
                    NDArray domainLoss = ce.evaluate(new NDList(part.create(side)), new NDList(out.get(1)));
                    return labelLoss.add(domainLoss);
                });
        BuiltInEncoder out = f.done(xs, ns, shape, labels, curve);
        int right = 0;
        for (float[] x : List.of(xs, xt)) {
            int n = x == xs ? ns : nt;
            int[] said = new int[n];
            try (NDManager manager = f.model().getNDManager().newSubManager(f.device())) {
                inBatches(f.encoder(), manager, x, n, shape, TaskMonitor.NONE, (from, e) -> {
                    long[] side = domain.forward(new ParameterStore(e.getManager(), false), new NDList(e), false)
                            .singletonOrThrow().argMax(1).toLongArray();
                    for (int i = 0; i < side.length; i++) {
                        said[from + i] = (int) side[i];
                    }
                });
            }
            for (int s : said) {
                right += s == (x == xs ? 0 : 1) ? 1 : 0;
            }
        }
        out.domainAccuracy = (double) right / (ns + nt);
        return out;
    }

    /**
     * Continues training this model on n labelled rows (Adam at 1e-3 from fresh moments, batches as in training);
     * returns the loss of each step.
     */
    public double[] fineTune(float[] x, int n, int[] labels, int epochs, long seed, TaskMonitor monitor) {
        int batch = Math.min(rowShape.length == 3 ? 64 : 256, n);
        Loss ce = Loss.softmaxCrossEntropyLoss();
        return loop(new Fresh(model, encoder, head, device), null, n, batch, epochs, seed, "fine-tuning loss",
                "fine-tuning", monitor, (trainer, part, rows, progress) -> {
                    float[] y = new float[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        y[i] = labels[rows[i]];
                    }
                    return ce.evaluate(new NDList(part.create(y)), trainer.forward(new NDList(part.create(
                            slice(x, n, rows), shape(rows.length, rowShape)))));
                });
    }

    /** A copy of every parameter of the model, batch-norm running statistics included, in a fixed order. */
    public float[][] parameters() {
        List<ai.djl.nn.Parameter> ps = model.getBlock().getParameters().values();
        float[][] out = new float[ps.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ps.get(i).getArray().toFloatArray();
        }
        return out;
    }

    /**
     * Sets every parameter to (1 - alpha) x a + alpha x b (weight-space interpolation, as WiSE-FT does between a
     * model and its fine-tuned copy); a and b come from {@link #parameters()} of this model.
     */
    public void interpolate(float[][] a, float[][] b, double alpha) {
        List<ai.djl.nn.Parameter> ps = model.getBlock().getParameters().values();
        if (a.length != ps.size() || b.length != ps.size()) {
            throw new IllegalArgumentException("parameter lists do not match this model");
        }
        for (int i = 0; i < a.length; i++) {
            float[] v = new float[a[i].length];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) ((1 - alpha) * a[i][j] + alpha * b[i][j]);
            }
            ps.get(i).getArray().set(v);
        }
    }

    /** A model being built: its root block holds the encoder, the head and any extra block. */
    private record Fresh(Model model, SequentialBlock encoder, Block head, Device device) {

        /** The finished encoder, its training accuracy measured on the rows it trained on. */
        BuiltInEncoder done(float[] x, int n, long[] shape, int[] labels, double[] curve) {
            BuiltInEncoder e = new BuiltInEncoder(model, encoder, head, shape, Double.NaN, device);
            int[] predicted = e.encode(x, n, TaskMonitor.NONE).predicted();
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
            }
            e.trainAccuracy = (double) right / n;
            e.lossCurve = curve;
            return e;
        }
    }

    /** A new model (seeded) of the encoder and a linear head, with an extra block fed the embedding (or null). */
    private static Fresh fresh(SequentialBlock encoder, int classes, Block extra, long seed) {
        ModelEmbedder.configureOffline();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        Device device = engine.defaultDevice();
        Block head = Linear.builder().setUnits(classes).build();
        Model model = Model.newInstance("shiftscope-encoder", device, "PyTorch");
        model.setBlock(extra == null ? new SequentialBlock().add(encoder).add(head)
                : new Adversarial(encoder, head, extra));
        return new Fresh(model, encoder, head, device);
    }

    /** One training step: the loss of a batch of rows, computed with the trainer's parameters. */
    private interface StepLoss {
        /** @param progress share of all steps done before this one */
        NDArray loss(Trainer trainer, NDManager part, int[] rows, double progress);
    }

    /**
     * The training loop of the methods that need their own loss: Adam at {@value #LR}, {@code epochs} passes over
     * the n rows in seeded shuffled batches (a last batch of one row is skipped: batch norm needs two), each step's
     * loss reported to the monitor as a live series and returned.
     *
     * @param init the input shapes to initialise the model with, or null for a model already trained
     */
    private static double[] loop(Fresh f, Shape[] init, int n, int batch, int epochs, long seed, String series,
                                 String what, TaskMonitor monitor, StepLoss step) {
        int perEpoch = (n + batch - 1) / batch;
        int steps = epochs * perEpoch;
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).build())
                .optDevices(new Device[] {f.device()});
        double[] curve = new double[steps];
        int done = 0;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        try (Trainer trainer = f.model().newTrainer(config);
             NDManager manager = f.model().getNDManager().newSubManager(f.device())) {
            if (init != null) {
                trainer.initialize(init);
            }
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] order = java.util.stream.IntStream.range(0, n).toArray();
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int from = 0; from < n; from += batch) {
                    monitor.checkCancelled();
                    int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batch));
                    if (rows.length < 2) {
                        continue;
                    }
                    try (NDManager part = manager.newSubManager()) {
                        try (ai.djl.training.GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray loss = step.loss(trainer, part, rows, (double) done / steps);
                            gc.backward(loss);
                            curve[done] = loss.getFloat();
                        }
                        trainer.step();
                    }
                    monitor.value(series, curve[done]);
                    done++;
                    monitor.progress((double) done / steps, String.format(Locale.ROOT, "%s: epoch %d of %d, loss %.4f",
                            what, epoch + 1, epochs, curve[done - 1]));
                }
            }
        }
        return Arrays.copyOf(curve, done);
    }

    /** Rows {@code rows} of a row-major array of n rows. */
    private static float[] slice(float[] x, int n, int[] rows) {
        int per = x.length / Math.max(1, n);
        float[] out = new float[rows.length * per];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * per, out, i * per, per);
        }
        return out;
    }

    /**
     * DANN's network: inputs (x, lambda); outputs the class logits and the domain logits, the latter computed from
     * the embedding through a gradient-reversal layer (identity forward, gradient times -lambda backward).
     */
    private static final class Adversarial extends ai.djl.nn.AbstractBlock {

        private final Block encoder;
        private final Block head;
        private final Block domain;

        Adversarial(Block encoder, Block head, Block domain) {
            this.encoder = addChildBlock("encoder", encoder);
            this.head = addChildBlock("head", head);
            this.domain = addChildBlock("domain", domain);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         ai.djl.util.PairList<String, Object> params) {
            NDArray e = encoder.forward(store, new NDList(inputs.get(0)), training, params).singletonOrThrow();
            NDArray logits = head.forward(store, new NDList(e), training, params).singletonOrThrow();
            NDArray lambda = inputs.get(1);
            NDArray reversed = e.mul(lambda.neg()).add(e.mul(lambda.add(1)).stopGradient());
            return new NDList(logits, domain.forward(store, new NDList(reversed), training, params).singletonOrThrow());
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, ai.djl.ndarray.types.DataType type,
                                             Shape... inputs) {
            encoder.initialize(manager, type, inputs[0]);
            Shape e = encoder.getOutputShapes(new Shape[] {inputs[0]})[0];
            head.initialize(manager, type, e);
            domain.initialize(manager, type, e);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            Shape[] e = encoder.getOutputShapes(new Shape[] {inputs[0]});
            return new Shape[] {head.getOutputShapes(e)[0], domain.getOutputShapes(e)[0]};
        }
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
