package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.Model;
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
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import java.util.List;
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

    static final int EMBED_BATCH = 512;

    private final Model model;
    private final SequentialBlock encoder;
    /** The classifier's last layer: logits from the embedding. */
    private final Block head;
    private final long[] rowShape;
    private double trainAccuracy;
    /** The training loss of each step of this model's training. */
    private double[] lossCurve;
    /** DANN: the accuracy of its domain head telling reference from target rows at the end; NaN otherwise. */
    private double domainAccuracy = Double.NaN;
    private final Device device;

    BuiltInEncoder(Model model, SequentialBlock encoder, Block head, long[] rowShape, double trainAccuracy,
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
    static SequentialBlock architecture(long[] shape, int hidden, int dim) {
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
        EncoderTraining.Fresh f = EncoderTraining.fresh(encoder, classes, null, seed);
        int batch = Math.min(batchSize, n);
        Loss ce = Loss.softmaxCrossEntropyLoss();
        EncoderTraining.Schedule schedule = EncoderTraining.Schedule.of(n, batch, epochs, seed, "training loss",
                "training the built-in encoder on " + f.device()).with(EncoderTraining.Order.ENGINE, EncoderTraining.LR);
        double[] curve = EncoderTraining.loop(f.model(), f.device(), new Shape[] {shape(batch, rowShape)}, schedule,
                monitor, (trainer, part, rows, progress) -> ce.evaluate(new NDList(part.create(classOf(labels, rows))),
                        trainer.forward(new NDList(part.create(EncoderTraining.slice(x, n, rows),
                                shape(rows.length, rowShape))))));
        return f.done(x, n, rowShape, labels, curve);
    }

    /** The labels of some rows, as the float array DJL's cross-entropy takes. */
    static float[] classOf(int[] labels, int[] rows) {
        float[] y = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labels[rows[i]];
        }
        return y;
    }

    static Shape shape(long n, long[] row) {
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

    /** The training loss of each step of this model's training. */
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
        return new Output(new Embeddings(n, dim[0], out[0], ComputeDevice.describe(device.toString())), predicted, probs[0], classes[0]);
    }

    /**
     * Runs a block (inference mode) over n rows of x in batches of {@value #EMBED_BATCH}, each batch in its own
     * NDManager, handing each output with the index of its first row to {@code each}.
     */
    static void inBatches(Block block, NDManager parent, float[] x, int n, long[] rowShape,
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
     * Continues training this model on n labelled rows (Adam at 1e-3 from fresh moments, batches as in training);
     * returns the loss of each step.
     */
    public double[] fineTune(float[] x, int n, int[] labels, int epochs, long seed, TaskMonitor monitor) {
        int batch = Math.min(rowShape.length == 3 ? 64 : 256, n);
        Loss ce = Loss.softmaxCrossEntropyLoss();
        return EncoderTraining.loop(model, device, null,
                EncoderTraining.Schedule.of(n, batch, epochs, seed, "fine-tuning loss", "fine-tuning"), monitor, (trainer, part, rows, progress) ->
                        ce.evaluate(new NDList(part.create(classOf(labels, rows))), trainer.forward(new NDList(
                                part.create(EncoderTraining.slice(x, n, rows), shape(rows.length, rowShape))))));
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

    /**
     * Test-time adaptation of the batch-norm layers (BN-adapt; alpha-BN when {@code alpha > 0}); see
     * {@link BatchNormAdaptation#adapt}. Returns the number of layers adapted (0 for a model without batch norm).
     */
    public int adaptBatchNorm(float[] x, int n, double alpha, TaskMonitor monitor) {
        return BatchNormAdaptation.adapt(this, x, n, alpha, monitor);
    }

    /** TENT, test-time entropy minimisation (see {@link BatchNormAdaptation#tent}); returns the loss curve. */
    public double[] tent(float[] x, int n, int epochs, double lr, TaskMonitor monitor) {
        return BatchNormAdaptation.tent(this, x, n, epochs, lr, monitor);
    }

    /** GroupDRO's step size for the group weights (Sagawa et al. use 0.01 over far longer training). */
    public static final double DRO_STEP = RobustTraining.DRO_STEP;

    /** A model trained by GroupDRO (see {@link RobustTraining#groupDro}). */
    public static BuiltInEncoder groupDro(float[] x, int n, long[] shape, int[] labels, int classes, int[] groups,
                                          double[] q, int hidden, int dim, int epochs, long seed,
                                          TaskMonitor monitor) {
        return RobustTraining.groupDro(x, n, shape, labels, classes, groups, q, hidden, dim, epochs, seed, monitor);
    }

    /** A model trained by DANN, domain-adversarial training (see {@link RobustTraining#dann}). */
    public static BuiltInEncoder dann(float[] xs, int ns, int[] labels, float[] xt, int nt, long[] shape, int classes,
                                      int hidden, int dim, int epochs, double reversal, long seed,
                                      TaskMonitor monitor) {
        return RobustTraining.dann(xs, ns, labels, xt, nt, shape, classes, hidden, dim, epochs, reversal, seed,
                monitor);
    }

    Model model() {
        return model;
    }

    SequentialBlock encoder() {
        return encoder;
    }

    Block head() {
        return head;
    }

    Device device() {
        return device;
    }

    long[] rowShape() {
        return rowShape;
    }

    /** Records how training went (the loops with their own loss measure it after training). */
    void trained(double accuracy, double[] curve) {
        this.trainAccuracy = accuracy;
        this.lossCurve = curve;
    }

    void domainAccuracy(double accuracy) {
        this.domainAccuracy = accuracy;
    }

    @Override
    public void close() {
        model.close();
    }
}
