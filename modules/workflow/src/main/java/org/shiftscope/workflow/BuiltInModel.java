package org.shiftscope.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
final class BuiltInModel {

    private BuiltInModel() {
    }

    /**
     * @param classOf   class index of each label value
     * @param reference embeddings, predictions and probabilities of every scored reference row
     * @param adaptedTarget the target's outputs after the {@link Adapter} changed the model (null without one)
     * @param kind      "cnn" or "mlp"
     */
    record Trained(Map<String, Integer> classOf, BuiltInEncoder.Output reference, BuiltInEncoder.Output target,
                   BuiltInEncoder.Output adaptedTarget, double trainAccuracy, String kind, double[] lossCurve,
                   double domainAccuracy) {

        List<String> classes() {
            return List.copyOf(classOf.keySet());
        }
    }

    /** Class index of each label value of the reference, in sorted order; 2 to 100 classes. */
    static Map<String, Integer> classes(Split split, String label) {
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

    /** Changes a trained model using the target's inputs (test-time adaptation). */
    interface Adapter {
        /**
         * @param train  the rows the model trained on (row-major, as it saw them), with their classes
         * @param target the n target rows
         */
        void adapt(BuiltInEncoder model, float[] train, int[] trainClasses, float[] target, int n,
                   TaskMonitor monitor);
    }

    /**
     * How the model is trained, when not plainly ({@link BuiltInEncoder#mlp} / {@link BuiltInEncoder#cnn}).
     */
    interface Fit {
        /**
         * @param x     the n training rows, each of {@code shape}; classes y
         * @param target every target row (never its labels)
         */
        BuiltInEncoder fit(float[] x, int n, long[] shape, int[] y, int classes, float[] target, int nt,
                           TaskMonitor monitor);
    }

    /** Hidden units of the tabular MLP. */
    static final int HIDDEN = 64;

    static Trained train(Split split, String label, int dim, int epochs, int[] train, long seed, TaskMonitor monitor) {
        return train(split, label, dim, epochs, train, seed, null, null, monitor);
    }

    /**
     * Trains on the reference rows {@code train} and runs the model over both sides; with an adapter, then adapts
     * the model to the target and runs it over the target again.
     *
     * @param dim    size of the penultimate layer (the embedding)
     * @param scored the reference rows to run the model over, in this order (null: all, in order)
     */
    static Trained train(Split split, String label, int dim, int epochs, int[] train, long seed, int[] scored,
                         Adapter adapter, TaskMonitor monitor) {
        return train(split, label, dim, epochs, train, null, null, seed, scored, adapter, monitor);
    }

    /** Target rows added to the training rows with the classes given to them (pseudo-labels). */
    record Pseudo(int[] rows, int[] classes) {
    }

    /**
     * {@link #train(Split, String, int, int, int[], long, int[], Adapter, TaskMonitor)}, the training rows extended
     * by pseudo-labelled target rows (null for none), on given tabular features (null: {@link #features}).
     */
    static Trained train(Split split, String label, int dim, int epochs, int[] train, Pseudo pseudo,
                         Features given, long seed, int[] scored, Adapter adapter, TaskMonitor monitor) {
        return train(split, label, dim, epochs, train, pseudo, given, seed, scored, adapter, null, monitor);
    }

    /** The same, the model trained by {@code fit} (null: plainly). */
    static Trained train(Split split, String label, int dim, int epochs, int[] train, Pseudo pseudo,
                         Features given, long seed, int[] scored, Adapter adapter, Fit fit, TaskMonitor monitor) {
        Map<String, Integer> classOf = classes(split, label);
        Column labels = split.reference().requireColumn(label);
        int nr = split.reference().rowCount();
        int nt = split.target().rowCount();
        int extra = pseudo == null ? 0 : pseudo.rows().length;
        int[] y = new int[train.length + extra];
        for (int i = 0; i < train.length; i++) {
            y[i] = classOf.get(labels.text(train[i]));
        }
        for (int i = 0; i < extra; i++) {
            y[train.length + i] = pseudo.classes()[i];
        }
        if (split.reference().hasImages()) {
            monitor.progress(0, "preparing " + (nr + nt) + " images");
            EmbeddingAnalysis.ImageTensor ref = EmbeddingAnalysis.imageTensor(split.reference());
            EmbeddingAnalysis.ImageTensor tgt = EmbeddingAnalysis.imageTensor(split.target());
            if (!Arrays.equals(ref.shape(), tgt.shape())) {
                throw DataException.of("reference images are " + Arrays.toString(ref.shape())
                        + " but target images " + Arrays.toString(tgt.shape()) + " (channels, height, width)");
            }
            int per = (int) (ref.values().length / nr);
            float[] xs = concat(rows(ref.values(), per, train), pseudo == null ? null : rows(tgt.values(), per,
                    pseudo.rows()));
            try (BuiltInEncoder cnn = fit != null ? fit.fit(xs, y.length, ref.shape(), y, classOf.size(),
                    tgt.values(), nt, monitor.range(0, 0.7)) : BuiltInEncoder.cnn(xs, y.length, ref.shape(), y,
                    classOf.size(), dim, epochs, seed, monitor.range(0, 0.7))) {
                float[] scoredRows = scored == null ? ref.values() : rows(ref.values(), (int) (ref.values().length / nr),
                        scored);
                return run(cnn, xs, y, scoredRows, scored == null ? nr : scored.length, tgt.values(), nt, classOf,
                        "cnn", adapter, monitor);
            }
        }
        Features f = given != null ? given : features(split, label);
        int d = f.d();
        float[] xr = toFloat(f.reference());
        float[] xt = toFloat(f.target());
        float[] xs = concat(rows(xr, d, train), pseudo == null ? null : rows(xt, d, pseudo.rows()));
        try (BuiltInEncoder mlp = fit != null ? fit.fit(xs, y.length, new long[] {d}, y, classOf.size(), xt, nt,
                monitor.range(0, 0.7)) : BuiltInEncoder.mlp(xs, y.length, d, y, classOf.size(), HIDDEN, dim,
                epochs, seed, monitor.range(0, 0.7))) {
            return run(mlp, xs, y, scored == null ? xr : rows(xr, d, scored), scored == null ? nr : scored.length, xt,
                    nt, classOf, "mlp", adapter, monitor);
        }
    }

    private static Trained run(BuiltInEncoder model, float[] xs, int[] ys, float[] xr, int nr, float[] xt, int nt,
                               Map<String, Integer> classOf, String kind, Adapter adapter, TaskMonitor monitor) {
        BuiltInEncoder.Output ref = model.encode(xr, nr, monitor.range(0.7, 0.8));
        BuiltInEncoder.Output tgt = model.encode(xt, nt, monitor.range(0.8, 0.9));
        BuiltInEncoder.Output adapted = null;
        if (adapter != null) {
            adapter.adapt(model, xs, ys, xt, nt, monitor.range(0.9, 0.95));
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
    record Features(double[] reference, double[] target, int d) {
    }

    static Features features(Split split, String label) {
        List<String> features = split.columns().stream().filter(c -> !c.equals(label)).toList();
        if (features.isEmpty()) {
            throw DataException.of("the built-in model needs columns besides the label '" + label + "'");
        }
        TabularEncoding enc = TabularEncoding.fit(features, split.reference(), split.target());
        return new Features(enc.encode(split.reference()), enc.encode(split.target()), enc.features().size());
    }

    /** Values as floats (what DJL takes). */
    static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
