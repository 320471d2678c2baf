package org.shiftscope.analysis;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.ValueVector;

/**
 * A tabular classifier of gradient-boosted trees (J. H. Friedman, Annals of Statistics 29, 2001; Smile's
 * {@code GradientTreeBoost}, softmax for more than two classes): what practitioners fit on tables, offered as the
 * built-in classifier of adaptation runs beside the MLP. Seeded; rows are row-major, classes 0..k-1.
 */
public final class TreeClassifier {

    /** Boosting rounds, leaves per tree, smallest leaf, shrinkage and row subsample. */
    public static final int TREES = 100;
    static final int LEAVES = 6;
    static final int NODE_SIZE = 5;
    static final double SHRINKAGE = 0.1;
    static final double SUBSAMPLE = 0.7;

    private final GradientTreeBoost model;
    private final int d;
    private final int classes;
    /** For each of the model's own class indices, ours (a class absent from the training rows has none). */
    private final int[] ours;

    private TreeClassifier(GradientTreeBoost model, int d, int classes, int[] ours) {
        this.model = model;
        this.d = d;
        this.classes = classes;
        this.ours = ours;
    }

    public static TreeClassifier fit(double[] x, int n, int d, int[] y, int classes, long seed, TaskMonitor monitor) {
        return fit(x, n, d, y, classes, SHRINKAGE, seed, monitor);
    }

    /** The same with another shrinkage (learning rate) of the boosting rounds. */
    static TreeClassifier fit(double[] x, int n, int d, int[] y, int classes, double shrinkage, long seed,
                              TaskMonitor monitor) {
        if (n < 2 || Arrays.stream(y).distinct().count() < 2) {
            throw DataException.of("the tree classifier needs at least 2 rows of 2 classes");
        }
        monitor.progress(0, "training " + TREES + " boosted trees");
        smile.math.MathEx.setSeed(seed);
        GradientTreeBoost g = GradientTreeBoost.fit(Formula.lhs("y"), frame(x, n, d).add(ValueVector.of("y", y)),
                new GradientTreeBoost.Options(TREES, 20, LEAVES, NODE_SIZE, shrinkage, SUBSAMPLE, null, null));
        monitor.progress(1, "trees trained");
        return new TreeClassifier(g, d, classes, g.classes());
    }

    /** Each input column's split importance (summed loss reduction over every tree). */
    double[] importance() {
        return model.importance();
    }

    /** n x classes probabilities, row-major. */
    public double[] probabilities(double[] x, int n) {
        DataFrame f = frame(x, n, d);
        double[] out = new double[n * classes];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] p = new double[ours.length];
            model.predict(f.get(i), p);
            for (int c = 0; c < ours.length; c++) {
                out[i * classes + ours[c]] = p[c];
            }
        });
        return out;
    }

    private static DataFrame frame(double[] x, int n, int d) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
        }
        return DataFrame.of(rows, IntStream.range(0, d).mapToObj(k -> "x" + k).toArray(String[]::new));
    }
}
