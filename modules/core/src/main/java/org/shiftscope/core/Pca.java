package org.shiftscope.core;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The leading principal components of a point cloud, by orthogonal iteration on its covariance matrix (Golub and Van
 * Loan, "Matrix Computations", 4th ed., section 8.2.4): {@code Q <- orth(C Q)} with Gram-Schmidt in column order,
 * which converges to the eigenvectors of the k largest eigenvalues, in order. Works for any dimension (784 pixels
 * included) without a full eigen-decomposition. The maps' start and pre-reduction and the Explain view's plane both
 * use it.
 *
 * @param mean       the mean of the rows it was fitted on
 * @param components k unit vectors, row-major {@code components[c * d + j]}, largest variance first, each with its
 *                   largest-magnitude coordinate positive (so results do not flip sign between runs)
 * @param variance   the variance along each component
 */
public record Pca(int d, int k, double[] mean, double[] components, double[] variance) {

    /**
     * The k leading components of n rows of x (row-major n x d); the random start of the iteration comes from
     * {@code seed}.
     */
    public static Pca fit(double[] x, int n, int d, int k, long seed) {
        if (k < 1 || k > d) {
            throw new IllegalArgumentException(k + " components of " + d + " dimensions");
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] cov = covariance(x, n, d, mean);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] q = new double[k * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextDouble() - 0.5;
        }
        orthonormalise(q, k, d);
        double[] z = new double[k * d];
        int iterations = k <= 2 ? 200 : 60;
        for (int it = 0; it < iterations; it++) {
            multiply(cov, d, q, k, z);
            double[] t = q;
            q = z;
            z = t;
            orthonormalise(q, k, d);
        }
        multiply(cov, d, q, k, z);
        double[] variance = new double[k];
        for (int c = 0; c < k; c++) {
            int big = 0;
            for (int j = 0; j < d; j++) {
                variance[c] += q[c * d + j] * z[c * d + j];
                if (Math.abs(q[c * d + j]) > Math.abs(q[c * d + big])) {
                    big = j;
                }
            }
            if (q[c * d + big] < 0) {
                for (int j = 0; j < d; j++) {
                    q[c * d + j] = -q[c * d + j];
                }
            }
        }
        return new Pca(d, k, mean, q, variance);
    }

    /** Component c as a vector of length d. */
    public double[] component(int c) {
        return java.util.Arrays.copyOfRange(components, c * d, (c + 1) * d);
    }

    /** Coordinates of n rows along the k components, row-major n x k. */
    public double[] transform(double[] x, int n) {
        double[] out = new double[n * k];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x[i * d + j] - mean[j]) * components[c * d + j];
                }
                out[i * k + c] = s;
            }
        });
        return out;
    }

    /** The upper triangle mirrored: covariance (divided by n) of the rows about {@code mean}, in parallel blocks. */
    private static double[] covariance(double[] x, int n, int d, double[] mean) {
        int blocks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / 256));
        double[] cov = IntStream.range(0, blocks).parallel().mapToObj(b -> {
            double[] c = new double[d * d];
            double[] row = new double[d];
            for (int i = (int) ((long) n * b / blocks); i < (long) n * (b + 1) / blocks; i++) {
                for (int j = 0; j < d; j++) {
                    row[j] = x[i * d + j] - mean[j];
                }
                for (int a = 0; a < d; a++) {
                    double ra = row[a];
                    if (ra == 0) {
                        continue;
                    }
                    int o = a * d;
                    for (int j = a; j < d; j++) {
                        c[o + j] += ra * row[j];
                    }
                }
            }
            return c;
        }).reduce((u, v) -> {
            for (int i = 0; i < u.length; i++) {
                u[i] += v[i];
            }
            return u;
        }).orElseThrow();
        for (int a = 0; a < d; a++) {
            for (int j = a; j < d; j++) {
                cov[a * d + j] /= n;
                cov[j * d + a] = cov[a * d + j];
            }
        }
        return cov;
    }

    private static void multiply(double[] cov, int d, double[] q, int k, double[] out) {
        IntStream.range(0, d).parallel().forEach(a -> {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += cov[a * d + j] * q[c * d + j];
                }
                out[c * d + a] = s;
            }
        });
    }

    /** Modified Gram-Schmidt on the k rows of q; a row that vanishes is replaced by a unit axis orthogonal to the rest. */
    private static void orthonormalise(double[] q, int k, int d) {
        for (int c = 0; c < k; c++) {
            for (int attempt = 0; ; attempt++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += q[c * d + j] * q[p * d + j];
                    }
                    for (int j = 0; j < d; j++) {
                        q[c * d + j] -= dot * q[p * d + j];
                    }
                }
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm += q[c * d + j] * q[c * d + j];
                }
                norm = Math.sqrt(norm);
                if (norm > 1e-12 || attempt >= d) {
                    for (int j = 0; j < d; j++) {
                        q[c * d + j] /= norm > 0 ? norm : 1;
                    }
                    break;
                }
                java.util.Arrays.fill(q, c * d, (c + 1) * d, 0);
                q[c * d + (c + attempt) % d] = 1;
            }
        }
    }
}
