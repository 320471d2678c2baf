package org.shiftscope.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * The classifier two-sample test with gradient-boosted trees (J. H. Friedman, "Greedy function approximation: a
 * gradient boosting machine", Annals of Statistics 29, 2001; Smile's {@code GradientTreeBoost}) as the learner:
 * trained on 60 % of the rows (three seeded stratified folds of five) and tested on the other 40 %, whose AUC has
 * the Mann-Whitney null exactly (one model scores them all); the features it leans on most are those with the largest split importance in a fit on
 * all rows. Trees catch shifts no hyperplane separates, at the price of time (docs/benchmarks.md).
 */
final class TreeClassifierTest {

    /** The shrinkage of the boosting rounds (the trees otherwise as {@link TreeClassifier}'s). */
    static final double SHRINKAGE = 0.05;

    private TreeClassifierTest() {
    }

    static ClassifierTest.Result test(double[] pooled, int nTotal, int d, int n, List<String> names, long seed,
                                      TaskMonitor monitor) {
        int m = nTotal - n;
        if (n < ClassifierTest.FOLDS || m < ClassifierTest.FOLDS) {
            throw DataException.of("the classifier test needs at least " + ClassifierTest.FOLDS + " rows on each side");
        }
        int[] label = ClassifierTest.sides(n, nTotal);
        // trained on three of the five stratified folds, tested on the other two: one model scores every tested row,
        // so their AUC has exactly the Mann-Whitney null (out-of-fold scores of several models do not)
        int[] fold = ClassifierTest.stratifiedFolds(n, m, seed);
        monitor.progress(0, "classifier test (trees): fitting on 60 % of the rows");
        int[] train = IntStream.range(0, nTotal).filter(i -> fold[i] >= 2).toArray();
        int[] held = IntStream.range(0, nTotal).filter(i -> fold[i] < 2).toArray();
        double[] p = fit(pooled, d, train, label, seed).probabilities(rows(pooled, d, held), held.length);
        double[] score = new double[held.length];
        int[] heldLabel = new int[held.length];
        int heldTarget = 0;
        for (int r = 0; r < held.length; r++) {
            score[r] = p[r * 2 + 1];
            heldLabel[r] = label[held[r]];
            heldTarget += heldLabel[r];
        }
        monitor.checkCancelled();
        double auc = ClassifierTest.auc(score, heldLabel);
        double pValue = ClassifierTest.pValue(auc, held.length - heldTarget, heldTarget);
        monitor.progress(0.5, "classifier test (trees):"
                + " importance on all rows");
        double[] importance = fit(pooled, d, IntStream.range(0, nTotal).toArray(), label, seed).importance();
        List<String> top = IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -importance[k]).thenComparingInt(k -> k))
                .limit(5).map(names::get).toList();
        return new ClassifierTest.Result(auc, pValue, top, "gradient-boosted trees (" + TreeClassifier.TREES + " x "
                + TreeClassifier.LEAVES + " leaves), AUC on 40 % held-out rows, Mann-Whitney p");
    }

    /** Trees fitted on the given rows (the learner's shrinkage: 0.05, gentler than the adaptation classifier's). */
    private static TreeClassifier fit(double[] pooled, int d, int[] rows, int[] label, long seed) {
        int[] y = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            y[r] = label[rows[r]];
        }
        return TreeClassifier.fit(rows(pooled, d, rows), rows.length, d, y, 2, SHRINKAGE, seed, TaskMonitor.NONE);
    }

    private static double[] rows(double[] x, int d, int[] which) {
        double[] out = new double[which.length * d];
        for (int r = 0; r < which.length; r++) {
            System.arraycopy(x, which[r] * d, out, r * d, d);
        }
        return out;
    }
}
