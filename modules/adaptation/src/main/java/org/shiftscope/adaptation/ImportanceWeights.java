package org.shiftscope.adaptation;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.core.TaskMonitor;

/**
 * Covariate shift: p(x) changes, p(y | x) does not. Each reference point gets the importance weight
 * w(x) = p_target(x) / p_reference(x), estimated by a domain classifier (the class-balanced logistic regression of
 * {@link ClassifierTest#outOfFoldScores}, out of fold so that no point weighs itself): w = exp(log-odds). Weights
 * are clipped at their {@value #CLIP_QUANTILE} quantile (a few extreme weights would otherwise carry the fit) and
 * scaled to mean 1. The effective sample size (sum w)^2 / sum w^2 says how many unweighted points the weighted set
 * is worth.
 *
 * <p>References: H. Shimodaira, "Improving predictive inference under covariate shift by weighting the
 * log-likelihood function", J. Stat. Plan. Inference 90 (2000); S. Bickel, M. Brueckner and T. Scheffer,
 * "Discriminative learning under covariate shift", JMLR 10 (2009) (weights from a domain classifier);
 * A. Kong, "A note on importance sampling using standardized weights" (1992) (effective sample size).
 */
public final class ImportanceWeights {

    /** Quantile at which weights are clipped. */
    public static final double CLIP_QUANTILE = 0.99;

    private ImportanceWeights() {
    }

    /**
     * @param weights one per reference point, mean 1
     * @param ess     effective sample size of the weights
     * @param clippedAt the weight (before scaling) at which weights were clipped
     */
    public record Result(double[] weights, double ess, double clippedAt) {
    }

    /**
     * @param pooled row-major features, the n reference points first, then the target points
     */
    public static Result fit(double[] pooled, int nTotal, int d, int n, long seed, TaskMonitor monitor) {
        double[] score = ClassifierTest.outOfFoldScores(pooled, nTotal, d, n, seed, monitor);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(Math.min(50, score[i]));
        }
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        double clip = sorted[(int) Math.min(n - 1, Math.floor(CLIP_QUANTILE * n))];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.min(w[i], clip);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] *= n / sum;
        }
        return new Result(w, ess(w), clip);
    }

    /** (sum w)^2 / sum w^2. */
    public static double ess(double[] w) {
        double s = 0;
        double s2 = 0;
        for (double v : w) {
            s += v;
            s2 += v * v;
        }
        return s * s / s2;
    }

    /**
     * A seeded sample of {@code size} indices drawn with replacement with probability proportional to the weights:
     * training on it minimises the importance-weighted loss in expectation (sampling-importance-resampling).
     */
    public static int[] resample(double[] weights, int size, long seed) {
        double[] cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            cumulative[i] = total;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] out = new int[size];
        for (int k = 0; k < size; k++) {
            int at = Arrays.binarySearch(cumulative, rnd.nextDouble() * total);
            out[k] = Math.min(weights.length - 1, at >= 0 ? at : -at - 1);
        }
        return out;
    }
}
