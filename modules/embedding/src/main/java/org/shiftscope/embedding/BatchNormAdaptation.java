package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/** Test-time changes of a trained CNN's batch-norm layers: BN-adapt, alpha-BN and TENT. */
final class BatchNormAdaptation {

    private BatchNormAdaptation() {
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
    static int adapt(BuiltInEncoder enc, float[] x, int n, double alpha, TaskMonitor monitor) {
        Model model = enc.model();
        SequentialBlock encoder = enc.encoder();
        Device device = enc.device();
        long[] rowShape = enc.rowShape();
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
                for (int from = 0; from < n; from += BuiltInEncoder.EMBED_BATCH) {
                    monitor.checkCancelled();
                    int m = Math.min(BuiltInEncoder.EMBED_BATCH, n - from);
                    try (NDManager part = manager.newSubManager()) {
                        NDArray a = part.create(Arrays.copyOfRange(x, from * per, (from + m) * per), BuiltInEncoder.shape(m, rowShape));
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
     * TENT: test-time entropy minimisation. After {@link #adapt} on the target, only the batch-norm scale
     * and shift are trained (Adam, learning rate {@code lr}, batches of 64, {@code epochs} passes over the n target
     * rows, shuffled with the engine's seed) to minimise the mean entropy of the predictions; every other weight
     * stays frozen, and the target's labels are never seen. Returns the mean entropy of each step's batch (the loss
     * curve).
     *
     * <p>Reference: D. Wang, E. Shelhamer, S. Liu, B. Olshausen and T. Darrell, "Tent: fully test-time adaptation by
     * entropy minimization", ICLR 2021.
     */
    static double[] tent(BuiltInEncoder enc, float[] x, int n, int epochs, double lr, TaskMonitor monitor) {
        Model model = enc.model();
        SequentialBlock encoder = enc.encoder();
        Device device = enc.device();
        long[] rowShape = enc.rowShape();
        int layers = adapt(enc, x, n, 0, monitor.range(0, 0.2));
        if (layers == 0) {
            throw DataException.of("TENT adapts batch-norm layers; this model has none");
        }
        Block net = model.getBlock();
        net.freezeParameters(true);
        for (Block b : encoder.getChildren().values()) {
            if (b instanceof BatchNorm) {
                b.freezeParameters(false, p -> p.getType() == ai.djl.nn.Parameter.Type.GAMMA
                        || p.getType() == ai.djl.nn.Parameter.Type.BETA);
            }
        }
        int batch = Math.min(64, n);
        EncoderTraining.Schedule schedule = new EncoderTraining.Schedule(n, batch, epochs, (float) lr,
                EncoderTraining.Order.ENGINE, 0, "TENT mean entropy", "TENT");
        try {
            return EncoderTraining.loop(model, device, null, schedule, monitor.range(0.2, 1),
                    (trainer, part, rows, progress) -> entropy(trainer.forward(new NDList(part.create(
                            EncoderTraining.slice(x, n, rows), BuiltInEncoder.shape(rows.length, rowShape))))));
        } finally {
            net.freezeParameters(false);
        }
    }

    /** The mean entropy of the softmax of the logits. */
    private static NDArray entropy(NDList predictions) {
        NDArray logp = predictions.singletonOrThrow().logSoftmax(1);
        return logp.exp().mul(logp).sum(new int[] {1}).neg().mean();
    }

    private static NDArray parameter(Block block, String name) {
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name) || p.getValue().getName().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalStateException("no parameter " + name + " in " + block);
    }
}
