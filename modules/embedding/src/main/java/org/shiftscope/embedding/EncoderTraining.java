package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Locale;
import org.shiftscope.core.TaskMonitor;

/**
 * The training loop of the built-in methods that need their own loss (GroupDRO, DANN, fine-tuning): one loop, the
 * loss of each step given by the method.
 */
final class EncoderTraining {

    private EncoderTraining() {
    }

    /** Adam's learning rate for every built-in training loop. */
    static final float LR = 1e-3f;
    /** A model being built: its root block holds the encoder, the head and any extra block. */
    record Fresh(Model model, SequentialBlock encoder, Block head, Device device) {

        /** The finished encoder, its training accuracy measured on the rows it trained on. */
        BuiltInEncoder done(float[] x, int n, long[] shape, int[] labels, double[] curve) {
            BuiltInEncoder e = new BuiltInEncoder(model, encoder, head, shape, Double.NaN, device);
            int[] predicted = e.encode(x, n, TaskMonitor.NONE).predicted();
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
            }
            e.trained((double) right / n, curve);
            return e;
        }
    }

    /** A new model (seeded) of the encoder and a linear head, with an extra block fed the embedding (or null). */
    static Fresh fresh(SequentialBlock encoder, int classes, Block extra, long seed) {
        ModelEmbedder.configureOffline();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        Device device = engine.defaultDevice();
        Block head = Linear.builder().setUnits(classes).build();
        Model model = Model.newInstance("shiftscope-encoder", device, "PyTorch");
        model.setBlock(extra == null ? new SequentialBlock().add(encoder).add(head)
                : new RobustTraining.Adversarial(encoder, head, extra));
        return new Fresh(model, encoder, head, device);
    }

    /** One training step: the loss of a batch of rows, computed with the trainer's parameters. */
    interface StepLoss {
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
    static double[] loop(Fresh f, Shape[] init, int n, int batch, int epochs, long seed, String series,
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
                org.shiftscope.core.Shuffle.inPlace(order, rnd);
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
    static float[] slice(float[] x, int n, int[] rows) {
        int per = x.length / Math.max(1, n);
        float[] out = new float[rows.length * per];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * per, out, i * per, per);
        }
        return out;
    }
}
