package org.shiftscope.adaptation;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * KLIEP, the Kullback-Leibler importance estimation procedure: the density ratio w(x) = p_target(x) / p_reference(x)
 * modelled as a non-negative combination of Gaussian kernels centred on {@value #CENTRES} seeded target points,
 * w(x) = sum_l alpha_l K(x, c_l), fitted by maximising the mean log-ratio over the target subject to a mean ratio
 * of 1 over the reference (projected gradient ascent, 2,000 steps). The kernel width is the median distance between
 * sampled points. Returned weights are clipped at their {@value ImportanceWeights#CLIP_QUANTILE} quantile and scaled
 * to mean 1, as {@link ImportanceWeights}.
 *
 * <p>Reference: M. Sugiyama, S. Nakajima, H. Kashima, P. von Buenau and M. Kawanabe, "Direct importance estimation
 * with model selection and its application to covariate shift adaptation", NeurIPS 2007.
 */
public final class Kliep {

    /** Kernel centres drawn from the target. */
    public static final int CENTRES = 100;

    private Kliep() {
    }

    /**
     * @param pooled row-major features, the n reference points first, then the target points
     */
    public static ImportanceWeights.Result fit(double[] pooled, int nTotal, int d, int n, long seed) {
        int m = nTotal - n;
        SplittableRandom rnd = new SplittableRandom(seed);
        int b = Math.min(CENTRES, m);
        int[] centres = rnd.ints(n, nTotal).distinct().limit(b).toArray();
        // the pairs of at most 500 rows (all of them when there are no more: the same median as any order of them)
        double sigma = org.shiftscope.core.Distances.medianPairwise(pooled, nTotal, d, 500, rnd);
        double gamma = 1 / (2 * sigma * sigma);
        // kernel values of every point at every centre
        double[][] k = new double[nTotal][];
        IntStream.range(0, nTotal).parallel().forEach(i -> {
            double[] row = new double[centres.length];
            for (int l = 0; l < centres.length; l++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    double t = pooled[i * d + a] - pooled[centres[l] * d + a];
                    s += t * t;
                }
                row[l] = Math.exp(-gamma * s);
            }
            k[i] = row;
        });
        double[] mean = new double[centres.length]; // mean kernel value over the reference: the constraint's normal
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < centres.length; l++) {
                mean[l] += k[i][l] / n;
            }
        }
        double[] alpha = new double[centres.length];
        Arrays.fill(alpha, 1);
        project(alpha, mean);
        double step = 1e-2;
        for (int iter = 0; iter < 2000; iter++) {
            double[] grad = new double[centres.length];
            for (int i = n; i < nTotal; i++) {
                double w = dot(k[i], alpha);
                for (int l = 0; l < centres.length; l++) {
                    grad[l] += k[i][l] / Math.max(w, 1e-300) / m;
                }
            }
            for (int l = 0; l < centres.length; l++) {
                alpha[l] += step * grad[l];
            }
            project(alpha, mean);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = dot(k[i], alpha);
        }
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        double clip = sorted[(int) Math.min(n - 1, Math.floor(ImportanceWeights.CLIP_QUANTILE * n))];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.min(w[i], clip);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] *= n / sum;
        }
        return new ImportanceWeights.Result(w, ImportanceWeights.ess(w), clip);
    }

    /** Onto {alpha >= 0, mean . alpha = 1}: the constraint, clipping, then the constraint again (as the paper). */
    private static void project(double[] alpha, double[] mean) {
        double mm = dot(mean, mean);
        double c = (1 - dot(mean, alpha)) / mm;
        for (int l = 0; l < alpha.length; l++) {
            alpha[l] = Math.max(0, alpha[l] + c * mean[l]);
        }
        double s = dot(mean, alpha);
        for (int l = 0; l < alpha.length; l++) {
            alpha[l] /= s;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
