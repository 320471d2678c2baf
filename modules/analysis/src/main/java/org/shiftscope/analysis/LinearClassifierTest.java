package org.shiftscope.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * The classifier two-sample test with a linear learner whose null distribution is computed, not assumed: a ridge
 * (least-squares, i.e. linear-discriminant) classifier is cross-validated on seeded label-free folds, the AUC of its
 * pooled out-of-fold scores is the statistic, and the same cross-validated procedure is repeated on
 * {@value #PERMUTATIONS} random relabellings of the rows. Under no shift the rows are exchangeable, so the observed
 * AUC is one more draw of that permutation distribution; the p-value is the normal tail of the observed AUC under the
 * permutation distribution's mean and standard deviation (so strong shifts still get small p-values, where a
 * permutation count stops at 1 / 201).
 *
 * <p>Why not the Mann-Whitney variance of one AUC: on real nulls (random halves of real tables) the out-of-fold AUC
 * varies about a third more than it says, whether the folds' scores are pooled or the folds' AUCs averaged, because
 * every fold model has fitted the noise of rows the other folds test on; the test then raised about twice its false
 * alarms (docs/benchmarks.md, calibration). A least-squares fit is linear in the labels, so a relabelling costs one
 * matrix-vector product per fold rather than a new fit.
 */
final class LinearClassifierTest {

    static final int PERMUTATIONS = 200;
    /** Ridge penalty per training row on the (standardised) features' weights. */
    static final double RIDGE = 1e-3;

    private LinearClassifierTest() {
    }

    static ClassifierTest.Result test(double[] pooled, int nTotal, int d, int n, List<String> names, long seed,
                                      TaskMonitor monitor) {
        int[] fold = folds(nTotal, seed);
        double[][] factor = factors(pooled, nTotal, d, fold);
        int[] label = ClassifierTest.sides(n, nTotal);
        double observed = ClassifierTest.auc(scores(pooled, nTotal, d, fold, factor, label), label);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double sum = 0;
        double sumSq = 0;
        int[] perm = label.clone();
        for (int p = 0; p < PERMUTATIONS; p++) {
            if ((p & 15) == 0) {
                monitor.checkCancelled();
                monitor.progress((double) p / PERMUTATIONS, "classifier test: relabelling " + (p + 1) + " of "
                        + PERMUTATIONS);
            }
            MmdTest.shuffle(perm, rnd);
            double a = ClassifierTest.auc(scores(pooled, nTotal, d, fold, factor, perm), perm);
            sum += a;
            sumSq += a * a;
        }
        double mean = sum / PERMUTATIONS;
        double sd = Math.sqrt(Math.max(1e-300, (sumSq - PERMUTATIONS * mean * mean) / (PERMUTATIONS - 1)));
        double z = (observed - mean) / sd;
        double pValue = 0.5 * ClassifierTest.erfc(z / Math.sqrt(2));
        double[] w = Cholesky.solve(factor[ClassifierTest.FOLDS], d + 1,
                targetSums(pooled, nTotal, d, label, fold)[ClassifierTest.FOLDS]);
        List<String> top = IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -Math.abs(w[k])).thenComparingInt(k -> k))
                .limit(5).map(names::get).toList();
        return new ClassifierTest.Result(observed, pValue, top, "linear discriminant (ridge), " + ClassifierTest.FOLDS
                + "-fold out-of-fold AUC, p from " + PERMUTATIONS + " relabellings of the whole cross-validation");
    }

    /**
     * The discriminant fitted on all rows: least squares of the side (0 reference, 1 target) on the features and an
     * intercept (last), the features' weights penalised by {@value #RIDGE} per row (what {@link #test} ranks the
     * features by).
     */
    static double[] weights(double[] pooled, int nTotal, int d, int n) {
        int[] fold = folds(nTotal, 0);
        return Cholesky.solve(factors(pooled, nTotal, d, fold)[ClassifierTest.FOLDS], d + 1,
                targetSums(pooled, nTotal, d, ClassifierTest.sides(n, nTotal), fold)[ClassifierTest.FOLDS]);
    }

    /**
     * The Cholesky factors of the ridge normal equations: entry f (0..FOLDS-1) without fold f's rows, entry FOLDS
     * with all rows. Each fold's Gram matrix is summed once; a training set's is the sum of the other folds'.
     */
    private static double[][] factors(double[] pooled, int nTotal, int d, int[] fold) {
        int e = d + 1; // features and the intercept
        double[][] gram = new double[ClassifierTest.FOLDS][e * e];
        int[] size = new int[ClassifierTest.FOLDS];
        double[] row = new double[e];
        for (int i = 0; i < nTotal; i++) {
            System.arraycopy(pooled, i * d, row, 0, d);
            row[d] = 1;
            double[] g = gram[fold[i]];
            size[fold[i]]++;
            for (int a = 0; a < e; a++) {
                for (int b = 0; b <= a; b++) {
                    g[a * e + b] += row[a] * row[b];
                }
            }
        }
        double[][] factor = new double[ClassifierTest.FOLDS + 1][];
        for (int f = 0; f <= ClassifierTest.FOLDS; f++) {
            double[] train = new double[e * e];
            int rows = 0;
            for (int h = 0; h < ClassifierTest.FOLDS; h++) {
                if (h != f) {
                    rows += size[h];
                    for (int k = 0; k < e * e; k++) {
                        train[k] += gram[h][k];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                train[a * e + a] += RIDGE * Math.max(1, rows);
            }
            train[d * e + d] += 1e-12 * Math.max(1, rows);
            factor[f] = Cholesky.factor(train, 0, e);
            if (factor[f] == null) {
                throw DataException.of("the classifier test's discriminant cannot be fitted: its features are not"
                        + " finite numbers");
            }
        }
        return factor;
    }

    /** Seeded folds that do not look at the labels (so a relabelling keeps them): a shuffled round robin. */
    static int[] folds(int nTotal, long seed) {
        int[] idx = IntStream.range(0, nTotal).toArray();
        MmdTest.shuffle(idx, new SplittableRandom(seed));
        int[] fold = new int[nTotal];
        for (int k = 0; k < nTotal; k++) {
            fold[idx[k]] = k % ClassifierTest.FOLDS;
        }
        return fold;
    }

    /** Every row's score by the fold model that did not see it, for labels {@code y}. */
    private static double[] scores(double[] pooled, int nTotal, int d, int[] fold, double[][] factor, int[] y) {
        double[][] sums = targetSums(pooled, nTotal, d, y, fold);
        double[][] w = new double[ClassifierTest.FOLDS][];
        for (int f = 0; f < ClassifierTest.FOLDS; f++) {
            w[f] = Cholesky.solve(factor[f], d + 1, sums[f]);
        }
        double[] score = new double[nTotal];
        for (int i = 0; i < nTotal; i++) {
            double[] wf = w[fold[i]];
            double s = wf[d];
            int off = i * d;
            for (int k = 0; k < d; k++) {
                s += wf[k] * pooled[off + k];
            }
            score[i] = s;
        }
        return score;
    }

    /**
     * X' y (the sum of the rows labelled 1, and their count) over the rows outside each fold (entries 0..FOLDS-1)
     * and over all rows (entry FOLDS), from one pass: each fold's own sum is taken from the total.
     */
    private static double[][] targetSums(double[] pooled, int nTotal, int d, int[] y, int[] fold) {
        double[][] own = new double[ClassifierTest.FOLDS][d + 1];
        for (int i = 0; i < nTotal; i++) {
            if (y[i] == 1) {
                double[] s = own[fold[i]];
                int off = i * d;
                for (int k = 0; k < d; k++) {
                    s[k] += pooled[off + k];
                }
                s[d]++;
            }
        }
        double[][] out = new double[ClassifierTest.FOLDS + 1][d + 1];
        for (int f = 0; f < ClassifierTest.FOLDS; f++) {
            for (int k = 0; k <= d; k++) {
                out[ClassifierTest.FOLDS][k] += own[f][k];
            }
        }
        for (int f = 0; f < ClassifierTest.FOLDS; f++) {
            for (int k = 0; k <= d; k++) {
                out[f][k] = out[ClassifierTest.FOLDS][k] - own[f][k];
            }
        }
        return out;
    }
}
