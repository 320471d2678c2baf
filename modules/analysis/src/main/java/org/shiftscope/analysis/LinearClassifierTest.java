package org.shiftscope.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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
        int e = d + 1; // features and the intercept
        int[] fold = folds(nTotal, seed);
        // per fold: the held-out rows' Gram matrix; the training Gram is the total's minus it
        double[][] gram = new double[ClassifierTest.FOLDS + 1][e * e];
        int[] size = new int[ClassifierTest.FOLDS];
        double[] row = new double[e];
        for (int i = 0; i < nTotal; i++) {
            row(pooled, i, d, row);
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
            factor[f] = cholesky(train, e);
        }
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
        double[] w = weights(pooled, nTotal, d, n);
        List<String> top = IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -Math.abs(w[k])).thenComparingInt(k -> k))
                .limit(5).map(names::get).toList();
        return new ClassifierTest.Result(observed, pValue, top, "linear discriminant (ridge), " + ClassifierTest.FOLDS
                + "-fold out-of-fold AUC, p from " + PERMUTATIONS + " relabellings of the whole cross-validation");
    }

    /**
     * The discriminant fitted on all rows: least squares of the side (0 reference, 1 target) on the features and an
     * intercept (last), the features' weights penalised by {@value #RIDGE} per row.
     */
    static double[] weights(double[] pooled, int nTotal, int d, int n) {
        int e = d + 1;
        double[] gram = new double[e * e];
        double[] row = new double[e];
        for (int i = 0; i < nTotal; i++) {
            row(pooled, i, d, row);
            for (int a = 0; a < e; a++) {
                for (int b = 0; b <= a; b++) {
                    gram[a * e + b] += row[a] * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            gram[a * e + a] += RIDGE * nTotal;
        }
        gram[d * e + d] += 1e-12 * nTotal;
        int[] none = new int[nTotal];
        java.util.Arrays.fill(none, 0);
        return solve(cholesky(gram, e), e, targetSum(pooled, nTotal, d, ClassifierTest.sides(n, nTotal), none, -1));
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
        int e = d + 1;
        double[][] w = new double[ClassifierTest.FOLDS][];
        for (int f = 0; f < ClassifierTest.FOLDS; f++) {
            w[f] = solve(factor[f], e, targetSum(pooled, nTotal, d, y, fold, f));
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

    /** X' y over the rows outside fold {@code f} (all rows for -1): the sum of the rows labelled 1, and their count. */
    private static double[] targetSum(double[] pooled, int nTotal, int d, int[] y, int[] fold, int f) {
        double[] s = new double[d + 1];
        for (int i = 0; i < nTotal; i++) {
            if (y[i] == 1 && fold[i] != f) {
                int off = i * d;
                for (int k = 0; k < d; k++) {
                    s[k] += pooled[off + k];
                }
                s[d]++;
            }
        }
        return s;
    }

    private static void row(double[] pooled, int i, int d, double[] into) {
        System.arraycopy(pooled, i * d, into, 0, d);
        into[d] = 1;
    }

    /** The lower Cholesky factor of the symmetric positive-definite matrix whose lower triangle {@code a} holds. */
    static double[] cholesky(double[] a, int e) {
        double[] l = new double[e * e];
        for (int i = 0; i < e; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * e + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * e + k] * l[j * e + k];
                }
                if (i == j) {
                    l[i * e + i] = Math.sqrt(Math.max(s, 1e-300));
                } else {
                    l[i * e + j] = s / l[j * e + j];
                }
            }
        }
        return l;
    }

    /** Solves L L' w = b. */
    static double[] solve(double[] l, int e, double[] b) {
        double[] z = new double[e];
        for (int i = 0; i < e; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * e + k] * z[k];
            }
            z[i] = s / l[i * e + i];
        }
        double[] w = new double[e];
        for (int i = e - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < e; k++) {
                s -= l[k * e + i] * w[k];
            }
            w[i] = s / l[i * e + i];
        }
        return w;
    }
}
