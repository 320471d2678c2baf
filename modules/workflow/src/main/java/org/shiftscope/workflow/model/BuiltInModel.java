package org.shiftscope.workflow.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shiftscope.adaptation.method.ClassifierTrainer;
import org.shiftscope.adaptation.method.TabularFeatures;
import org.shiftscope.adaptation.method.TestTimeStep;
import org.shiftscope.adaptation.method.TrainedClassifier;
import org.shiftscope.adaptation.method.TrainingLoop;
import org.shiftscope.adaptation.method.TrainingRequest;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.BuiltInEncoder;
import org.shiftscope.embedding.TabularEncoding;

/**
 * The classifier ShiftScope trains itself when the user brings none: on chosen reference rows, to predict a label
 * column; then run over every row of both sides. Images (when the split has them, all of one shape) train the small
 * CNN of {@link BuiltInEncoder#cnn}; tabular rows train the MLP on the split's other columns, encoded by
 * {@link TabularEncoding}. Classes are the label's distinct reference values in sorted order.
 */
public final class BuiltInModel {

    private BuiltInModel() {
    }

    /**
     * @param classOf   class index of each label value
     * @param reference embeddings, predictions and probabilities of every scored reference row
     * @param adaptedTarget the target's outputs after the request's test-time step changed the model (else null)
     * @param kind      "cnn" or "mlp"
     */
    public record Trained(Map<String, Integer> classOf, BuiltInEncoder.Output reference, BuiltInEncoder.Output target,
                   BuiltInEncoder.Output adaptedTarget, double trainAccuracy, String kind, double[] lossCurve,
                   double domainAccuracy) {

        List<String> classes() {
            return List.copyOf(classOf.keySet());
        }

        /** The outputs as the adaptation methods' port hands them over. */
        TrainedClassifier toPort() {
            int d = target.embeddings().d();
            return new TrainedClassifier(reference.probabilities(), reference.embeddings().toDoubles(),
                    target.probabilities(), target.embeddings().toDoubles(), d,
                    adaptedTarget == null ? null : adaptedTarget.probabilities(), trainAccuracy, lossCurve,
                    domainAccuracy);
        }
    }

    /** Class index of each label value of the reference, in sorted order; 2 to 100 classes. */
    public static Map<String, Integer> classes(Split split, String label) {
        if (!split.reference().column(label).isPresent()) {
            throw DataException.of("label column '" + label + "' is not among the split's columns ("
                    + String.join(", ", split.reference().columnNames()) + ")");
        }
        Column labels = split.reference().requireColumn(label);
        Map<String, Integer> classOf = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            classOf.putIfAbsent(labels.text(i), 0);
        }
        int next = 0;
        for (Map.Entry<String, Integer> e : classOf.entrySet()) {
            e.setValue(next++);
        }
        if (classOf.size() < 2 || classOf.size() > 100) {
            throw DataException.of("label column '" + label + "' has " + classOf.size() + " distinct values in the"
                    + " reference; the built-in model needs 2 to 100 classes");
        }
        return classOf;
    }

    /** Hidden units of the tabular MLP. */
    static final int HIDDEN = 64;

    /**
     * Trains as the request says on the split's reference rows, runs the model over the scored reference rows and
     * every target row; with a test-time step, then lets it change the model and runs it over the target again.
     */
    public static Trained train(Split split, String label, TrainingRequest request, TaskMonitor monitor) {
        Map<String, Integer> classOf = classes(split, label);
        Column labels = split.reference().requireColumn(label);
        int nr = split.reference().rowCount();
        int nt = split.target().rowCount();
        int[] train = request.rows();
        int[] scored = request.scored();
        int extra = request.pseudoRows() == null ? 0 : request.pseudoRows().length;
        int[] y = new int[train.length + extra];
        for (int i = 0; i < train.length; i++) {
            y[i] = classOf.get(labels.text(train[i]));
        }
        for (int i = 0; i < extra; i++) {
            y[train.length + i] = request.pseudoClasses()[i];
        }
        if (split.reference().hasImages()) {
            monitor.progress(0, "preparing " + (nr + nt) + " images");
            EmbeddingAnalysis.ImageTensor[] both = EmbeddingAnalysis.imageTensors(split.reference(), split.target());
            EmbeddingAnalysis.ImageTensor ref = both[0];
            EmbeddingAnalysis.ImageTensor tgt = both[1];
            if (!Arrays.equals(ref.shape(), tgt.shape())) {
                throw DataException.of("reference images are " + Arrays.toString(ref.shape())
                        + " but target images " + Arrays.toString(tgt.shape()) + " (channels, height, width)");
            }
            int per = (int) (ref.values().length / nr);
            float[] xs = concat(rows(ref.values(), per, train), extra == 0 ? null : rows(tgt.values(), per,
                    request.pseudoRows()));
            try (BuiltInEncoder cnn = fit(request, xs, y, ref.shape(), classOf.size(), tgt.values(), nt,
                    monitor.range(0, 0.7))) {
                float[] scoredRows = scored == null ? ref.values() : rows(ref.values(), per, scored);
                return run(cnn, xs, y, scoredRows, scored == null ? nr : scored.length, tgt.values(), nt, classOf,
                        "cnn", request.testTime(), monitor);
            }
        }
        TabularFeatures f = request.features() != null ? request.features() : features(split, label);
        int d = f.d();
        float[] xr = toFloat(f.reference());
        float[] xt = toFloat(f.target());
        float[] xs = concat(rows(xr, d, train), extra == 0 ? null : rows(xt, d, request.pseudoRows()));
        try (BuiltInEncoder mlp = fit(request, xs, y, new long[] {d}, classOf.size(), xt, nt,
                monitor.range(0, 0.7))) {
            return run(mlp, xs, y, scored == null ? xr : rows(xr, d, scored), scored == null ? nr : scored.length, xt,
                    nt, classOf, "mlp", request.testTime(), monitor);
        }
    }

    /** The network trained by the request's loop on n rows of {@code shape} (MLP for (d), CNN for (c, h, w)). */
    private static BuiltInEncoder fit(TrainingRequest r, float[] x, int[] y, long[] shape, int classes,
                                      float[] target, int nt, TaskMonitor monitor) {
        return switch (r.loop()) {
            case TrainingLoop.Plain p -> shape.length == 1
                    ? BuiltInEncoder.mlp(x, y.length, (int) shape[0], y, classes, HIDDEN, r.dim(), r.epochs(), r.seed(),
                    monitor)
                    : BuiltInEncoder.cnn(x, y.length, shape, y, classes, r.dim(), r.epochs(), r.seed(), monitor);
            case TrainingLoop.DomainAdversarial a -> BuiltInEncoder.dann(x, y.length, y, target, nt, shape, classes,
                    HIDDEN, r.dim(), r.epochs(), a.reversal(), r.seed(), monitor);
            case TrainingLoop.GroupRobust g -> BuiltInEncoder.groupDro(x, y.length, shape, y, classes, g.groupOf(),
                    g.weights(), HIDDEN, r.dim(), r.epochs(), r.seed(), monitor);
        };
    }

    /** The classifier trainer of adaptation methods, on this split and label. */
    public static ClassifierTrainer trainer(Split split, String label) {
        return (request, monitor) -> train(split, label, request, monitor).toPort();
    }

    private static Trained run(BuiltInEncoder model, float[] xs, int[] ys, float[] xr, int nr, float[] xt, int nt,
                               Map<String, Integer> classOf, String kind, TestTimeStep step, TaskMonitor monitor) {
        BuiltInEncoder.Output ref = model.encode(xr, nr, monitor.range(0.7, 0.8));
        BuiltInEncoder.Output tgt = model.encode(xt, nt, monitor.range(0.8, 0.9));
        BuiltInEncoder.Output adapted = null;
        if (step != null) {
            step.adapt(new EncoderNetwork(model), xs, ys, xt, nt, monitor.range(0.9, 0.95));
            adapted = model.encode(xt, nt, monitor.range(0.95, 1));
        }
        return new Trained(classOf, ref, tgt, adapted, model.trainAccuracy(), kind, model.lossCurve(),
                model.domainAccuracy());
    }

    private static float[] rows(float[] x, int per, int[] which) {
        if (which.length * per == x.length && isIdentity(which)) {
            return x;
        }
        float[] out = new float[which.length * per];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(x, which[i] * per, out, i * per, per);
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        if (b == null || b.length == 0) {
            return a;
        }
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean isIdentity(int[] which) {
        for (int i = 0; i < which.length; i++) {
            if (which[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The tabular features the MLP sees: every split column but the label, encoded for both sides. */
    public static TabularFeatures features(Split split, String label) {
        List<String> features = split.columns().stream().filter(c -> !c.equals(label)).toList();
        if (features.isEmpty()) {
            throw DataException.of("the built-in model needs columns besides the label '" + label + "'");
        }
        TabularEncoding enc = TabularEncoding.fit(features, split.reference(), split.target());
        return new TabularFeatures(enc.encode(split.reference()), enc.encode(split.target()), enc.features().size());
    }

    /** Values as floats (what DJL takes). */
    public static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
