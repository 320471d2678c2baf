package org.shiftscope.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import java.util.List;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/** The built-in classifier trained for robustness across groups or domains: GroupDRO and DANN. */
final class RobustTraining {

    private RobustTraining() {
    }

    /** GroupDRO's step size for the group weights (Sagawa et al. use 0.01 over far longer training). */
    static final double DRO_STEP = 0.01;

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
    static BuiltInEncoder groupDro(float[] x, int n, long[] shape, int[] labels, int classes, int[] groups,
                                          double[] q, int hidden, int dim, int epochs, long seed,
                                          TaskMonitor monitor) {
        int g = q.length;
        EncoderTraining.Fresh f = EncoderTraining.fresh(BuiltInEncoder.architecture(shape, hidden, dim), classes, null, seed);
        int batch = Math.min(shape.length == 3 ? 64 : 256, n);
        double[] curve = EncoderTraining.loop(f.model(), f.device(), new Shape[] {BuiltInEncoder.shape(batch, shape)},
                EncoderTraining.Schedule.of(n, batch, epochs, seed, "GroupDRO loss", "GroupDRO training"), monitor,
                (trainer, part, rows, progress) -> {
                    float[] onehot = new float[rows.length * classes];
                    float[] member = new float[rows.length * g];
                    double[] count = new double[g];
                    for (int i = 0; i < rows.length; i++) {
                        onehot[i * classes + labels[rows[i]]] = 1;
                        member[i * g + groups[rows[i]]] = 1;
                        count[groups[rows[i]]]++;
                    }
                    NDArray logits = trainer.forward(new NDList(part.create(EncoderTraining.slice(x, n, rows), BuiltInEncoder.shape(rows.length,
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
    static BuiltInEncoder dann(float[] xs, int ns, int[] labels, float[] xt, int nt, long[] shape, int classes,
                                      int hidden, int dim, int epochs, double reversal, long seed,
                                      TaskMonitor monitor) {
        if (nt < 2) {
            throw DataException.of("DANN needs at least 2 target rows");
        }
        SequentialBlock domain = new SequentialBlock().add(Linear.builder().setUnits(32).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(2).build());
        EncoderTraining.Fresh f = EncoderTraining.fresh(BuiltInEncoder.architecture(shape, hidden, dim), classes, domain, seed);
        int batch = Math.min(Math.min(shape.length == 3 ? 64 : 256, ns), nt);
        java.util.SplittableRandom pick = new java.util.SplittableRandom(seed + 1);
        Loss ce = Loss.softmaxCrossEntropyLoss();
        double[] curve = EncoderTraining.loop(f.model(), f.device(),
                new Shape[] {BuiltInEncoder.shape(2L * batch, shape), new Shape(1)},
                EncoderTraining.Schedule.of(ns, batch, epochs, seed, "DANN loss", "DANN training"), monitor, (trainer, part, rows, progress) -> {
                    int b = rows.length;
                    int[] targetRows = new int[b];
                    for (int i = 0; i < b; i++) {
                        targetRows[i] = pick.nextInt(nt);
                    }
                    float[] source = EncoderTraining.slice(xs, ns, rows);
                    float[] both = Arrays.copyOf(source, 2 * source.length);
                    float[] t = EncoderTraining.slice(xt, nt, targetRows);
                    System.arraycopy(t, 0, both, both.length - t.length, t.length);
                    float[] y = new float[b];
                    float[] side = new float[2 * b];
                    for (int i = 0; i < b; i++) {
                        y[i] = labels[rows[i]];
                        side[b + i] = 1;
                    }
                    float lambda = (float) (reversal * (2 / (1 + Math.exp(-10 * progress)) - 1));
                    NDList out = trainer.forward(new NDList(part.create(both, BuiltInEncoder.shape(2L * b, shape)),
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
                BuiltInEncoder.inBatches(f.encoder(), manager, x, n, shape, TaskMonitor.NONE, (from, e) -> {
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
        out.domainAccuracy((double) right / (ns + nt));
        return out;
    }

    /**
     * DANN's network: inputs (x, lambda); outputs the class logits and the domain logits, the latter computed from
     * the embedding through a gradient-reversal layer (identity forward, gradient times -lambda backward).
     */
    static final class Adversarial extends ai.djl.nn.AbstractBlock {

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
}
