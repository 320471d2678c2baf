package org.shiftscope.analysis;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;

/**
 * A Gaussian mixture with full covariance matrices fitted by expectation-maximisation, with scikit-learn's
 * conventions so that the two agree: {@value #REG_COVAR} added to every covariance diagonal, iterations stopped when
 * the mean log-likelihood changes by less than {@code tol}, and a final E-step so that the returned labels match the
 * returned parameters. Initialised from a hard partition (k-means labels, as scikit-learn's default
 * {@code init_params="kmeans"}).
 *
 * <p>Reference: A. P. Dempster, N. M. Laird and D. B. Rubin, "Maximum likelihood from incomplete data via the EM
 * algorithm", J. R. Stat. Soc. B 39 (1977); C. M. Bishop, Pattern Recognition and Machine Learning (2006), 9.2.
 *
 * @param means       k x d, row-major
 * @param covariances k blocks of d x d, row-major
 * @param lowerBound  mean log-likelihood per point at the last iteration
 * @param labels      most probable component of each fitted point
 */
public record GaussianMixture(int k, int d, double[] weights, double[] means, double[] covariances,
                              double lowerBound, int iterations, boolean converged, int[] labels) {

    /** Added to the diagonal of every covariance, as scikit-learn's {@code reg_covar} default. */
    public static final double REG_COVAR = 1e-6;

    /**
     * @param x      n x d points, row-major
     * @param init   a component 0..k-1 for every point (each component needs at least one point)
     * @param tol    stop when the mean log-likelihood changes by less (scikit-learn: 1e-3)
     */
    public static GaussianMixture fit(double[] x, int n, int d, int[] init, int k, double tol, int maxIter) {
        if (k < 1 || n < k) {
            throw DataException.of("a Gaussian mixture of " + k + " components needs at least " + k + " points, not "
                    + n);
        }
        double[] resp = new double[n * k];
        for (int i = 0; i < n; i++) {
            resp[i * k + init[i]] = 1;
        }
        Params p = mStep(x, n, d, k, resp);
        double lower = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iter = 0;
        while (iter < maxIter) {
            iter++;
            double prev = lower;
            lower = eStep(x, n, d, p, resp);
            p = mStep(x, n, d, k, resp);
            if (Math.abs(lower - prev) < tol) {
                converged = true;
                break;
            }
        }
        int[] labels = new GaussianMixture(k, d, p.weights, p.means, p.cov, lower, iter, converged, null)
                .predict(x, n);
        return new GaussianMixture(k, d, p.weights, p.means, p.cov, lower, iter, converged, labels);
    }

    /** Most probable component of each of n points. */
    public int[] predict(double[] x, int n) {
        double[] resp = new double[n * k];
        eStep(x, n, d, new Params(weights, means, covariances), resp);
        return org.shiftscope.core.RowMajor.argmax(resp, k);
    }

    /**
     * Bayesian information criterion of the fit on the n points it was fitted on (lower is better):
     * -2 n lowerBound + p ln n, with p = (k - 1) + k d + k d (d + 1) / 2 free parameters.
     */
    public double bic(int n) {
        double params = (k - 1) + (double) k * d + k * d * (d + 1) / 2.0;
        return -2 * n * lowerBound + params * Math.log(n);
    }

    private record Params(double[] weights, double[] means, double[] cov) {
    }

    /** Fills resp with the posterior of each component and returns the mean log-likelihood. */
    private static double eStep(double[] x, int n, int d, Params p, double[] resp) {
        int k = p.weights.length;
        double[][] chol = new double[k][];
        double[] logDet = new double[k];
        for (int c = 0; c < k; c++) {
            chol[c] = cholesky(p.cov, c * d * d, d, c);
            for (int a = 0; a < d; a++) {
                logDet[c] += 2 * Math.log(chol[c][a * d + a]);
            }
        }
        double norm = d * Math.log(2 * Math.PI);
        double[] logProb = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] z = new double[d];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                // solve L z = x - mu by forward substitution; the Mahalanobis distance is |z|^2
                double sq = 0;
                double[] l = chol[c];
                for (int a = 0; a < d; a++) {
                    double s = x[i * d + a] - p.means[c * d + a];
                    for (int b = 0; b < a; b++) {
                        s -= l[a * d + b] * z[b];
                    }
                    z[a] = s / l[a * d + a];
                    sq += z[a] * z[a];
                }
                double lp = Math.log(p.weights[c]) - 0.5 * (norm + logDet[c] + sq);
                resp[i * k + c] = lp;
                max = Math.max(max, lp);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(resp[i * k + c] - max);
            }
            double lse = max + Math.log(sum);
            for (int c = 0; c < k; c++) {
                resp[i * k + c] = Math.exp(resp[i * k + c] - lse);
            }
            logProb[i] = lse;
        });
        double total = 0;
        for (double v : logProb) {
            total += v;
        }
        return total / n;
    }

    private static Params mStep(double[] x, int n, int d, int k, double[] resp) {
        double[] weights = new double[k];
        double[] means = new double[k * d];
        double[] cov = new double[k * d * d];
        IntStream.range(0, k).parallel().forEach(c -> {
            double nk = 10 * Math.ulp(1.0);
            double[] mu = new double[d];
            for (int i = 0; i < n; i++) {
                double r = resp[i * k + c];
                nk += r;
                for (int a = 0; a < d; a++) {
                    mu[a] += r * x[i * d + a];
                }
            }
            for (int a = 0; a < d; a++) {
                mu[a] /= nk;
            }
            double[] s = new double[d * d];
            double[] diff = new double[d];
            for (int i = 0; i < n; i++) {
                double r = resp[i * k + c];
                if (r == 0) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    diff[a] = x[i * d + a] - mu[a];
                }
                for (int a = 0; a < d; a++) {
                    double ra = r * diff[a];
                    for (int b = 0; b <= a; b++) {
                        s[a * d + b] += ra * diff[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = s[a * d + b] / nk + (a == b ? REG_COVAR : 0);
                    cov[c * d * d + a * d + b] = v;
                    cov[c * d * d + b * d + a] = v;
                }
            }
            System.arraycopy(mu, 0, means, c * d, d);
            weights[c] = nk;
        });
        double total = Arrays.stream(weights).sum();
        for (int c = 0; c < k; c++) {
            weights[c] /= total;
        }
        return new Params(weights, means, cov);
    }

    /** Lower-triangular Cholesky factor of the d x d block at {@code off}. */
    private static double[] cholesky(double[] m, int off, int d, int component) {
        double[] l = Cholesky.factor(m, off, d);
        if (l == null) {
            throw DataException.of("Gaussian mixture component " + component + " has a singular"
                    + " covariance (too few distinct points in it); use fewer components or k-means");
        }
        return l;
    }
}
