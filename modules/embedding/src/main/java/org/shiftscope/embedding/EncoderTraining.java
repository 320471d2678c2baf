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
import ai.djl.training.GradientCollector;
import ai.djl.util.RandomUtils;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.shiftscope.core.Shuffle;
import org.shiftscope.core.TaskMonitor;

/**
 * The training of the built-in networks: a fresh seeded model, and one loop for every way they are trained (plain
 * training, GroupDRO, DANN, fine-tuning, TENT), the loss of each step given by the caller.
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
        Device device = ComputeDevice.device("PyTorch");
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

    /** How each pass orders the rows into batches. */
    enum Order {
        /**
         * A shuffle from the loop's seed; a last batch of one row is skipped (batch norm needs two). The methods with
         * their own loss (GroupDRO, DANN, fine-tuning).
         */
        SEEDED,
        /**
         * The order DJL's {@code RandomSampler} draws from the engine's random (seeded with the model), every batch
         * kept, as its {@code BatchSampler} does: the plain training and TENT drew their batches this way before they
         * shared this loop, and keep doing so, so their results did not move.
         */
        ENGINE
    }

    /**
     * What one run of the loop does: {@code epochs} passes over n rows in batches of {@code batch}, Adam at
     * {@code lr}; each step's loss goes to the monitor as the live series {@code series}, progress reads
     * "{@code what}: epoch e of E, loss l".
     */
    record Schedule(int n, int batch, int epochs, float lr, Order order, long seed, String series, String what) {

        /** The usual schedule: Adam at {@value #LR}, seeded shuffles. */
        static Schedule of(int n, int batch, int epochs, long seed, String series, String what) {
            return new Schedule(n, batch, epochs, LR, Order.SEEDED, seed, series, what);
        }

        Schedule with(Order order, float lr) {
            return new Schedule(n, batch, epochs, lr, order, seed, series, what);
        }

        int steps() {
            return epochs * ((n + batch - 1) / batch);
        }
    }

    /**
     * The one training loop of the built-in networks (plain training, GroupDRO, DANN, fine-tuning, TENT): Adam,
     * the schedule's passes and batches, each step's loss from {@code step}, reported to the monitor and returned.
     * Parameters that are frozen stay as they are.
     *
     * @param init the input shapes to initialise the model with, or null for a model already trained
     */
    static double[] loop(Model model, Device device, Shape[] init, Schedule s, TaskMonitor monitor, StepLoss step) {
        int steps = s.steps();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(s.lr())).build())
                .optDevices(new Device[] {device});
        double[] curve = new double[steps];
        int done = 0;
        SplittableRandom rnd = new SplittableRandom(s.seed());
        try (Trainer trainer = model.newTrainer(config);
             NDManager manager = model.getNDManager().newSubManager(device)) {
            if (init != null) {
                trainer.initialize(init);
            }
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                int[] order = order(s, rnd);
                for (int from = 0; from < s.n(); from += s.batch()) {
                    monitor.checkCancelled();
                    int[] rows = Arrays.copyOfRange(order, from, Math.min(s.n(), from + s.batch()));
                    if (rows.length < 2 && s.order() == Order.SEEDED) {
                        continue;
                    }
                    try (NDManager part = manager.newSubManager()) {
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray loss = step.loss(trainer, part, rows, (double) done / steps);
                            gc.backward(loss);
                            curve[done] = loss.getFloat();
                        }
                        trainer.step();
                    }
                    monitor.value(s.series(), curve[done]);
                    done++;
                    monitor.progress((double) done / steps, String.format(Locale.ROOT, "%s: epoch %d of %d, loss %.4f",
                            s.what(), epoch + 1, s.epochs(), curve[done - 1]));
                }
            }
        }
        return Arrays.copyOf(curve, done);
    }

    /** One pass's order of the rows 0..n-1. */
    static int[] order(Schedule s, SplittableRandom rnd) {
        int[] order = IntStream.range(0, s.n()).toArray();
        if (s.order() == Order.SEEDED) {
            Shuffle.inPlace(order, rnd);
            return order;
        }
        for (int i = s.n() - 1; i > 0; i--) {
            int j = RandomUtils.nextInt(i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
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
