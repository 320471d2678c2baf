package org.shiftscope.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Two-sample maximum mean discrepancy test with a Gaussian kernel k(a, b) = exp(-|a - b|^2 / (2 sigma^2)), sigma the
 * median pairwise distance (on at most 1,000 seeded points), and a permutation p-value that counts the observed
 * statistic: (1 + #{permuted >= observed}) / (1 + P). Up to {@value #EXACT_LIMIT} pooled points the kernel matrix is
 * used (unbiased MMD^2); beyond, random Fourier features (Rahimi and Recht) give a linear-time estimate
 * ||mean phi(X) - mean phi(Y)||^2 whose permutations cost O(n D) each. The result says which was used.
 *
 * <p>References: A. Gretton et al., "A kernel two-sample test", JMLR 13 (2012); A. Rahimi and B. Recht, "Random
 * features for large-scale kernel machines", NeurIPS 2007.
 */
public final class MmdTest {

    public static final int EXACT_LIMIT = 4000;
    static final int FEATURES = 512;
    /** Permutations summed together (each reads the feature rows once). */
    static final int CHUNK = 16;

    public record Result(double statistic, double pValue, int permutations, String method, double bandwidth) {
    }

    private MmdTest() {
    }

    /**
     * @param pooled row-major N x d matrix: the first {@code n} rows are the reference, the rest the target
     */
    public static Result test(double[] pooled, int nTotal, int d, int n, int permutations, long seed, TaskMonitor monitor) {
        int m = nTotal - n;
        if (n < 2 || m < 2) {
            throw DataException.of("the MMD test needs at least 2 rows on each side (reference " + n + ", target " + m + ")");
        }
        if (permutations < 1) {
            throw DataException.setting("permutations", "the permutation test needs at least 1 permutation");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double sigma = medianDistance(pooled, nTotal, d, rnd);
        return nTotal <= EXACT_LIMIT
                ? exact(pooled, nTotal, d, n, permutations, sigma, rnd, monitor)
                : randomFeatures(pooled, nTotal, d, n, permutations, sigma, rnd, monitor);
    }

    static double medianDistance(double[] x, int nTotal, int d, SplittableRandom rnd) {
        return org.shiftscope.core.Distances.medianPairwise(x, nTotal, d, 1000, rnd);
    }

    private static double sqDist(double[] x, int d, int a, int b) {
        return org.shiftscope.core.Distances.squared(x, d, a, b);
    }

    private static Result exact(double[] x, int nTotal, int d, int n, int perms, double sigma, SplittableRandom rnd,
                                TaskMonitor monitor) {
        double gamma = 1 / (2 * sigma * sigma);
        double[] kernel = new double[nTotal * nTotal];
        IntStream.range(0, nTotal).parallel().forEach(a -> {
            for (int b = 0; b < nTotal; b++) {
                kernel[a * nTotal + b] = Math.exp(-gamma * sqDist(x, d, a, b));
            }
        });
        double total = 0;
        double trace = 0;
        for (int a = 0; a < nTotal; a++) {
            trace += kernel[a * nTotal + a];
            for (int b = 0; b < nTotal; b++) {
                total += kernel[a * nTotal + b];
            }
        }
        int[] order = IntStream.range(0, nTotal).toArray();
        double observed = unbiased(kernel, nTotal, n, order, total, trace);
        int atLeast = 0;
        for (int p = 0; p < perms; p++) {
            if ((p & 15) == 0) {
                monitor.checkCancelled();
                monitor.progress((double) p / perms, "MMD permutations");
            }
            shuffle(order, rnd);
            if (unbiased(kernel, nTotal, n, order, total, trace) >= observed) {
                atLeast++;
            }
        }
        return new Result(observed, (1.0 + atLeast) / (1.0 + perms), perms, "exact", sigma);
    }

    /** Unbiased MMD^2 when order[0..n) is the reference and the rest the target. */
    private static double unbiased(double[] kernel, int nTotal, int n, int[] order, double total, double trace) {
        boolean[] inX = new boolean[nTotal];
        for (int i = 0; i < n; i++) {
            inX[order[i]] = true;
        }
        double sxx = 0;
        double sxy = 0;
        double diagX = 0;
        for (int a = 0; a < nTotal; a++) {
            if (!inX[a]) {
                continue;
            }
            int off = a * nTotal;
            diagX += kernel[off + a];
            for (int b = 0; b < nTotal; b++) {
                if (inX[b]) {
                    sxx += kernel[off + b];
                } else {
                    sxy += kernel[off + b];
                }
            }
        }
        int m = nTotal - n;
        double syy = total - sxx - 2 * sxy;
        double diagY = trace - diagX;
        return (sxx - diagX) / ((double) n * (n - 1)) + (syy - diagY) / ((double) m * (m - 1)) - 2 * sxy / ((double) n * m);
    }

    private static Result randomFeatures(double[] x, int nTotal, int d, int n, int perms, double sigma,
                                         SplittableRandom rnd, TaskMonitor monitor) {
        int dim = FEATURES;
        double[] w = new double[dim * d];
        double[] b = new double[dim];
        for (int f = 0; f < dim; f++) {
            for (int k = 0; k < d; k++) {
                w[f * d + k] = rnd.nextGaussian() / sigma;
            }
            b[f] = rnd.nextDouble() * 2 * Math.PI;
        }
        double scale = Math.sqrt(2.0 / dim);
        float[] phi = new float[nTotal * dim];
        IntStream.range(0, nTotal).parallel().forEach(i -> {
            for (int f = 0; f < dim; f++) {
                double s = b[f];
                for (int k = 0; k < d; k++) {
                    s += w[f * d + k] * x[i * d + k];
                }
                phi[i * dim + f] = (float) (scale * Math.cos(s));
            }
        });
        double[] totalSum = new double[dim];
        for (int i = 0; i < nTotal; i++) {
            for (int f = 0; f < dim; f++) {
                totalSum[f] += phi[i * dim + f];
            }
        }
        // labelling 0 is the observed one (the first n rows are the reference), 1..perms the permutations, drawn in
        // sequence as bit sets (who is in the reference), then summed in chunks of CHUNK in parallel: each feature
        // row is read once per chunk, not once per labelling
        int labellings = perms + 1;
        int words = (nTotal + 63) / 64;
        long[][] inX = new long[labellings][words];
        int[] order = IntStream.range(0, nTotal).toArray();
        for (int p = 0; p < labellings; p++) {
            if (p > 0) {
                shuffle(order, rnd);
            }
            for (int i = 0; i < n; i++) {
                inX[p][order[i] >>> 6] |= 1L << (order[i] & 63);
            }
        }
        double[] stats = new double[labellings];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        IntStream.range(0, (labellings + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            monitor.checkCancelled();
            int from = chunk * CHUNK;
            int to = Math.min(labellings, from + CHUNK);
            double[][] acc = new double[to - from][dim];
            for (int i = 0; i < nTotal; i++) {
                int off = i * dim;
                int word = i >>> 6;
                long bit = 1L << (i & 63);
                for (int p = from; p < to; p++) {
                    if ((inX[p][word] & bit) != 0) {
                        double[] a = acc[p - from];
                        for (int f = 0; f < dim; f++) {
                            a[f] += phi[off + f];
                        }
                    }
                }
            }
            int m = nTotal - n;
            for (int p = from; p < to; p++) {
                double stat = 0;
                for (int f = 0; f < dim; f++) {
                    double sx = acc[p - from][f];
                    double diff = sx / n - (totalSum[f] - sx) / m;
                    stat += diff * diff;
                }
                stats[p] = stat;
            }
            monitor.progress((double) done.addAndGet(to - from) / labellings, "MMD permutations (random features)");
        });
        double observed = stats[0];
        int atLeast = 0;
        for (int p = 1; p < labellings; p++) {
            if (stats[p] >= observed) {
                atLeast++;
            }
        }
        return new Result(observed, (1.0 + atLeast) / (1.0 + perms), perms, "random-features(" + dim + ")", sigma);
    }

    /** Fisher-Yates shuffle in place (shared with the classifier test's folds). */
    static void shuffle(int[] a, SplittableRandom rnd) {
        org.shiftscope.core.Shuffle.inPlace(a, rnd);
    }
}
