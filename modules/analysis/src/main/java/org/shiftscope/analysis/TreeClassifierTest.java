package org.shiftscope.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.ValueVector;

/**
 * The classifier two-sample test with gradient-boosted trees (J. H. Friedman, "Greedy function approximation: a
 * gradient boosting machine", Annals of Statistics 29, 2001; Smile's {@code GradientTreeBoost}) as the learner:
 * the same seeded stratified folds, out-of-fold AUC and Mann-Whitney p-value as the logistic version
 * ({@link ClassifierTest}); the features it leans on most are those with the largest split importance in a fit on
 * all rows. Trees catch shifts no hyperplane separates, at the price of time (docs/benchmarks.md).
 */
final class TreeClassifierTest {

    /** Boosting rounds, leaves per tree, smallest leaf, shrinkage and row subsample of every fit. */
    static final int TREES = 100;
    static final int LEAVES = 6;
    static final int NODE_SIZE = 5;
    static final double SHRINKAGE = 0.05;
    static final double SUBSAMPLE = 0.7;

    private TreeClassifierTest() {
    }

    static ClassifierTest.Result test(double[] pooled, int nTotal, int d, int n, List<String> names, long seed,
                                      TaskMonitor monitor) {
        int m = nTotal - n;
        if (n < ClassifierTest.FOLDS || m < ClassifierTest.FOLDS) {
            throw DataException.of("the classifier test needs at least " + ClassifierTest.FOLDS + " rows on each side");
        }
        int[] label = ClassifierTest.sides(n, nTotal);
        int[] fold = ClassifierTest.stratifiedFolds(n, m, seed);
        double[] score = new double[nTotal];
        DataFrame all = frame(pooled, nTotal, d, label);
        for (int f = 0; f < ClassifierTest.FOLDS; f++) {
            monitor.checkCancelled();
            monitor.progress((double) f / (ClassifierTest.FOLDS + 1), "classifier test (trees): fold " + (f + 1)
                    + " of " + ClassifierTest.FOLDS);
            int ff = f;
            boolean[] train = new boolean[nTotal];
            for (int i = 0; i < nTotal; i++) {
                train[i] = fold[i] != ff;
            }
            GradientTreeBoost g = fit(all.get(train), seed + f);
            double[] p = new double[2];
            for (int i = 0; i < nTotal; i++) {
                if (fold[i] == f) {
                    g.predict(all.get(i), p);
                    score[i] = p[1];
                }
            }
        }
        double auc = ClassifierTest.auc(score, label);
        monitor.progress((double) ClassifierTest.FOLDS / (ClassifierTest.FOLDS + 1), "classifier test (trees):"
                + " importance on all rows");
        double[] importance = fit(all, seed).importance();
        List<String> top = IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -importance[k]).thenComparingInt(k -> k))
                .limit(5).map(names::get).toList();
        return new ClassifierTest.Result(auc, ClassifierTest.pValue(auc, n, m), top, "gradient-boosted trees ("
                + TREES + " x " + LEAVES + " leaves), " + ClassifierTest.FOLDS + "-fold out-of-fold AUC, Mann-Whitney p");
    }

    private static GradientTreeBoost fit(DataFrame data, long seed) {
        smile.math.MathEx.setSeed(seed); // the row subsamples: the same fit for the same seed
        return GradientTreeBoost.fit(Formula.lhs("side"), data, new GradientTreeBoost.Options(TREES, 20, LEAVES,
                NODE_SIZE, SHRINKAGE, SUBSAMPLE, null, null));
    }

    /** Columns x0..x(d-1) and the side (0 reference, 1 target). */
    private static DataFrame frame(double[] pooled, int nTotal, int d, int[] label) {
        double[][] rows = new double[nTotal][];
        for (int i = 0; i < nTotal; i++) {
            rows[i] = java.util.Arrays.copyOfRange(pooled, i * d, (i + 1) * d);
        }
        String[] names = IntStream.range(0, d).mapToObj(k -> "x" + k).toArray(String[]::new);
        return DataFrame.of(rows, names).add(ValueVector.of("side", label));
    }
}
