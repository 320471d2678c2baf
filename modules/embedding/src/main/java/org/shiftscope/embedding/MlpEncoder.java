package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
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
import java.util.Locale;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * The built-in tabular encoder, for users without a model: an MLP (input, {@code hidden} ReLU units, {@code dim}
 * ReLU units, one logit per class) trained with DJL on the reference rows to predict their label (Adam, softmax
 * cross-entropy, seeded); the embedding is the penultimate layer, the {@code dim} units.
 */
public final class MlpEncoder implements AutoCloseable {

    private final Model model;
    private final SequentialBlock encoder;
    private final int inputs;
    private final double trainAccuracy;
    private final Device device;

    private MlpEncoder(Model model, SequentialBlock encoder, int inputs, double trainAccuracy, Device device) {
        this.model = model;
        this.encoder = encoder;
        this.inputs = inputs;
        this.trainAccuracy = trainAccuracy;
        this.device = device;
    }

    /**
     * @param x      n x d inputs, row-major
     * @param labels class of each row, 0..classes-1
     */
    public static MlpEncoder train(float[] x, int n, int d, int[] labels, int classes, int hidden, int dim,
                                   int epochs, long seed, TaskMonitor monitor) {
        if (n < 2 || classes < 2) {
            throw DataException.of("training the built-in encoder needs at least 2 rows and 2 classes (got " + n
                    + " rows, " + classes + " classes)");
        }
        ModelEmbedder.configureOffline();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        Device device = engine.defaultDevice();
        SequentialBlock encoder = new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(dim).build()).add(Activation.reluBlock());
        SequentialBlock net = new SequentialBlock().add(encoder).add(Linear.builder().setUnits(classes).build());
        Model model = Model.newInstance("shiftscope-mlp", device, "PyTorch");
        model.setBlock(net);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                .optDevices(new Device[] {device});
        int batch = Math.min(256, n);
        try (Trainer trainer = model.newTrainer(config);
             NDManager manager = model.getNDManager().newSubManager(device)) {
            trainer.initialize(new Shape(batch, d));
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels[i];
            }
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(manager.create(x, new Shape(n, d)))
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
            NDArray logits = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, new Shape(n, d))), false).singletonOrThrow();
            long[] predicted = logits.argMax(1).toLongArray();
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
            }
            return new MlpEncoder(model, encoder, d, (double) right / n, device);
        } catch (IOException | TranslateException e) {
            model.close();
            throw new IllegalStateException("training the built-in encoder failed", e);
        }
    }

    /** Accuracy of the trained classifier on its own training rows (a sanity check, not a test accuracy). */
    public double trainAccuracy() {
        return trainAccuracy;
    }

    /** The penultimate layer for n rows of inputs (row-major, as in training). */
    public Embeddings embed(float[] x, int n) {
        try (NDManager manager = model.getNDManager().newSubManager(device)) {
            NDArray out = encoder.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, new Shape(n, inputs))), false).singletonOrThrow();
            int dim = (int) out.getShape().get(1);
            return new Embeddings(n, dim, out.toFloatArray(), device.toString());
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
