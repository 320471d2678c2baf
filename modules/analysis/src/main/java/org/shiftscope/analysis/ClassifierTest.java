package org.shiftscope.analysis;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Classifier two-sample test: a classifier learns to tell target rows from reference rows, and its AUC on rows it did
 * not see is compared with what no shift would give. The default learner is linear ({@link LinearClassifierTest}:
 * out-of-fold AUC of a linear discriminant, p-value from relabellings of the whole cross-validation); gradient-boosted
 * trees ({@link TreeClassifierTest}) are tested on held-out rows with the Mann-Whitney null, exact for one model.
 * The features the classifier leans on most are those with the largest absolute weights (features are standardised,
 * so weights compare) or split importance.
 *
 * <p>The out-of-fold scores of {@link #outOfFoldScores} (a class-balanced logistic regression) remain the density
 * ratio estimate of importance weighting.
 *
 * <p>References: D. Lopez-Paz and M. Oquab, "Revisiting classifier two-sample tests", ICLR 2017; H. B. Mann and
 * D. R. Whitney, Ann. Math. Stat. 18 (1947).
 */
public final class ClassifierTest {

    public static final int FOLDS = 5;
    static final int EPOCHS = 300;
    static final double L2 = 1e-4;

    public record Result(double auc, double pValue, List<String> topFeatures, String method) {
    }

    /** The classifier that tells the sides apart. */
    public enum Learner {
        /**
         * A linear discriminant (ridge least squares): catches shifts of the mean along any direction, and is fast
         * enough to calibrate its p-value by relabelling ({@link LinearClassifierTest}).
         */
        LINEAR,
        /**
         * Gradient-boosted trees (Smile's GradientTreeBoost): also catch what no hyperplane separates, such as a
         * shift of how two features go together (an XOR-like change with unchanged marginals).
         */
        GBT;

        public String id() {
            return org.shiftscope.core.EnumIds.id(this);
        }

        /** The learner named {@code s}; "logistic", this learner's name before it was calibrated, means linear. */
        public static Learner parse(String s) {
            return s.strip().equalsIgnoreCase("logistic") ? LINEAR
                    : org.shiftscope.core.EnumIds.parse(Learner.class, s, "classifier");
        }
    }

    private ClassifierTest() {
    }

    /**
     * @param pooled row-major (n + m) x d features, reference rows first
     * @param names  one name per feature
     */
    public static Result test(double[] pooled, int nTotal, int d, int n, List<String> names, long seed,
                              TaskMonitor monitor) {
        return test(pooled, nTotal, d, n, names, seed, Learner.LINEAR, monitor);
    }

    /** The test with the given learner (see {@link Learner}). */
    public static Result test(double[] pooled, int nTotal, int d, int n, List<String> names, long seed,
                              Learner learner, TaskMonitor monitor) {
        if (learner == Learner.GBT) {
            return TreeClassifierTest.test(pooled, nTotal, d, n, names, seed, monitor);
        }
        int m = nTotal - n;
        if (n < FOLDS || m < FOLDS) {
            throw DataException.of("the classifier test needs at least " + FOLDS + " rows on each side");
        }
        return LinearClassifierTest.test(pooled, nTotal, d, n, names, seed, monitor);
    }

    /**
     * The domain classifier's out-of-fold log-odds that each row is a target row: a class-balanced L2 logistic
     * regression fitted {@value #FOLDS} times, each row scored by the fit that did not see it. Class balance makes
     * exp(score) an estimate of the density ratio p_target(x) / p_reference(x).
     *
     * @param pooled row-major (n + m) x d features, reference rows first
     */
    public static double[] outOfFoldScores(double[] pooled, int nTotal, int d, int n, long seed,
                                           TaskMonitor monitor) {
        int m = nTotal - n;
        if (n < FOLDS || m < FOLDS) {
            throw DataException.of("the domain classifier needs at least " + FOLDS + " rows on each side");
        }
        int[] label = sides(n, nTotal);
        int[] fold = stratifiedFolds(n, m, seed);
        double[] score = new double[nTotal];
        for (int f = 0; f < FOLDS; f++) {
            monitor.checkCancelled();
            monitor.progress((double) f / (FOLDS + 1), "domain classifier: fold " + (f + 1) + " of " + FOLDS);
            int ff = f;
            double[] w = fit(pooled, d, label, i -> fold[i] != ff, nTotal);
            for (int i = 0; i < nTotal; i++) {
                if (fold[i] == f) {
                    score[i] = linear(w, pooled, i, d);
                }
            }
        }
        return score;
    }

    /**
     * The AUC of all out-of-fold scores pooled and its Mann-Whitney p-value: the linear test's statistic before the
     * calibration study (kept for it: on real nulls it rejected about twice as often as it should).
     */
    public static double[] pooledAuc(double[] score, int n, int nTotal) {
        double auc = auc(score, sides(n, nTotal));
        return new double[] {auc, pValue(auc, n, nTotal - n)};
    }

    /** 0 for the n reference rows, 1 for the target rows after them. */
    static int[] sides(int n, int nTotal) {
        int[] label = new int[nTotal];
        java.util.Arrays.fill(label, n, nTotal, 1);
        return label;
    }

    static int[] stratifiedFolds(int n, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] fold = new int[n + m];
        for (int[] range : new int[][] {{0, n}, {n, n + m}}) {
            int[] idx = IntStream.range(range[0], range[1]).toArray();
            MmdTest.shuffle(idx, r);
            for (int k = 0; k < idx.length; k++) {
                fold[idx[k]] = k % FOLDS;
            }
        }
        return fold;
    }

    /** Full-batch gradient descent with Adam steps on the class-balanced logistic loss; w[d] is the intercept. */
    static double[] fit(double[] x, int d, int[] y, java.util.function.IntPredicate train, int nTotal) {
        double[] w = new double[d + 1];
        double[] mom = new double[d + 1];
        double[] vel = new double[d + 1];
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < nTotal; i++) {
            if (train.test(i)) {
                if (y[i] == 1) {
                    pos++;
                } else {
                    neg++;
                }
            }
        }
        double wPos = 0.5 / Math.max(1, pos);
        double wNeg = 0.5 / Math.max(1, neg);
        double lr = 0.05;
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            double[] grad = new double[d + 1];
            for (int i = 0; i < nTotal; i++) {
                if (!train.test(i)) {
                    continue;
                }
                double p = 1 / (1 + Math.exp(-linear(w, x, i, d)));
                double g = (p - y[i]) * (y[i] == 1 ? wPos : wNeg);
                int off = i * d;
                for (int k = 0; k < d; k++) {
                    grad[k] += g * x[off + k];
                }
                grad[d] += g;
            }
            for (int k = 0; k <= d; k++) {
                if (k < d) {
                    grad[k] += L2 * w[k];
                }
                mom[k] = 0.9 * mom[k] + 0.1 * grad[k];
                vel[k] = 0.999 * vel[k] + 0.001 * grad[k] * grad[k];
                double mh = mom[k] / (1 - Math.pow(0.9, epoch));
                double vh = vel[k] / (1 - Math.pow(0.999, epoch));
                w[k] -= lr * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return w;
    }

    static double linear(double[] w, double[] x, int i, int d) {
        double s = w[d];
        int off = i * d;
        for (int k = 0; k < d; k++) {
            s += w[k] * x[off + k];
        }
        return s;
    }

    /**
     * Probability that a random target row scores above a random reference row (ties count one half). The two sides'
     * scores are sorted apart (primitive sorts) and merged: for each run of equal scores, the target rows in it beat
     * every reference row below it and tie with those in it. The same number as the Mann-Whitney rank sum with mid
     * ranks, without sorting boxed indices (which took minutes for each of the 200 relabellings at 10 million rows).
     */
    static double auc(double[] score, int[] label) {
        int pos = 0;
        for (int l : label) {
            pos += l == 1 ? 1 : 0;
        }
        double[] t = new double[pos];
        double[] r = new double[score.length - pos];
        int a = 0;
        int b = 0;
        for (int i = 0; i < score.length; i++) {
            if (label[i] == 1) {
                t[a++] = score[i];
            } else {
                r[b++] = score[i];
            }
        }
        java.util.Arrays.sort(t);
        java.util.Arrays.sort(r);
        double wins = 0;
        int j = 0; // reference scores below the current value
        int i = 0;
        while (i < t.length) {
            double v = t[i];
            int runT = 0;
            do { // at least one step, so that even a NaN score ends its run
                i++;
                runT++;
            } while (i < t.length && t[i] == v);
            while (j < r.length && r[j] < v) {
                j++;
            }
            int ties = 0;
            while (j + ties < r.length && r[j + ties] == v) {
                ties++;
            }
            wins += runT * (j + 0.5 * ties);
        }
        return wins / ((double) t.length * r.length);
    }

    /** The one-sided Mann-Whitney p-value of an AUC of n reference and m target scores (normal approximation). */
    public static double pValue(double auc, double n, double m) {
        double z = (auc - 0.5) / Math.sqrt((n + m + 1.0) / (12.0 * n * m));
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    static double erfc(double x) {
        return org.shiftscope.core.Normal.erfc(x);
    }

}
