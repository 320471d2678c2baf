package org.shiftscope.analysis;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.shiftscope.core.DataException;

/**
 * The MMD two-sample test for data no machine holds or permutes: the Gaussian kernel k(a, b) = exp(-|a - b|^2 /
 * (2 sigma^2)) approximated by D random Fourier features phi(a) = sqrt(2 / D) cos(W a + b) (rows of W drawn from
 * N(0, I / sigma^2), b uniform on [0, 2 pi)), the statistic ||mean phi(X) - mean phi(Y)||^2 (the estimate of MMD^2 the
 * desktop's {@link MmdTest} reports past its exact limit), and Hotelling's T^2 on the difference of the features'
 * means with the pooled covariance, whose p-value is the chi-square(D) tail. That p-value is asymptotic (each side's
 * feature mean is near normal in large samples, where this test is for); the desktop permutes instead. Each side
 * enters as {@link Moments}: its row count, feature sums and sums of feature products, which merge across partitions.
 *
 * <p>References: A. Rahimi and B. Recht, "Random features for large-scale kernel machines", NeurIPS 2007; K.
 * Chwialkowski et al., "Fast two-sample testing with analytic representations of probability measures", NeurIPS 2015
 * (Hotelling's statistic on the features of a mean embedding).
 */
public final class RandomFeatureMmd {

    /** Features drawn by default: 64 keeps the covariance (64 x 64) and its sums small. */
    public static final int FEATURES = 64;

    private RandomFeatureMmd() {
    }

    /**
     * D features of d-dimensional points: {@code w} is D x d row-major, {@code b} the D phases.
     */
    public record Features(int d, int count, double[] w, double[] b, double sigma) implements Serializable {

        public Features {
            if (w.length != count * d || b.length != count) {
                throw new IllegalArgumentException("w must be " + count + " x " + d + " and b hold " + count);
            }
        }

        /** Seeded draws for bandwidth {@code sigma}. */
        public static Features draw(int d, int count, double sigma, long seed) {
            if (!(sigma > 0)) {
                throw DataException.of("the MMD bandwidth must be positive (the points all coincide?), not " + sigma);
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] w = new double[count * d];
            double[] b = new double[count];
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < d; j++) {
                    w[k * d + j] = rnd.nextGaussian() / sigma;
                }
                b[k] = 2 * Math.PI * rnd.nextDouble();
            }
            return new Features(d, count, w, b, sigma);
        }

        /** phi of the point at {@code x[off .. off + d - 1]}, into {@code out}. */
        public void apply(double[] x, int off, double[] out) {
            double scale = Math.sqrt(2.0 / count);
            for (int k = 0; k < count; k++) {
                double t = b[k];
                for (int j = 0; j < d; j++) {
                    t += w[k * d + j] * x[off + j];
                }
                out[k] = scale * Math.cos(t);
            }
        }
    }

    /** One side's row count, feature sums and sums of feature products (D x D, row-major): mergeable. */
    public static final class Moments implements Serializable {

        private long n;
        private final double[] sum;
        private final double[] products;

        public Moments(int features) {
            sum = new double[features];
            products = new double[features * features];
        }

        /** Adds one point's features. */
        public void add(double[] phi) {
            int f = sum.length;
            n++;
            for (int a = 0; a < f; a++) {
                sum[a] += phi[a];
                double pa = phi[a];
                for (int c = a; c < f; c++) {
                    products[a * f + c] += pa * phi[c];
                }
            }
        }

        /** This side's moments with {@code other}'s added (this object, changed). */
        public Moments merge(Moments other) {
            n += other.n;
            for (int a = 0; a < sum.length; a++) {
                sum[a] += other.sum[a];
            }
            for (int a = 0; a < products.length; a++) {
                products[a] += other.products[a];
            }
            return this;
        }

        public long n() {
            return n;
        }
    }

    /**
     * The statistic and Hotelling's chi-square p-value of two sides' moments.
     */
    public static MmdTest.Result test(Features f, Moments x, Moments y) {
        int dd = f.count();
        long n = x.n;
        long m = y.n;
        if (n < 2 || m < 2) {
            throw DataException.of("the MMD test needs at least 2 rows on each side (reference " + n + ", target " + m
                    + ")");
        }
        double[] diff = new double[dd];
        double statistic = 0;
        for (int a = 0; a < dd; a++) {
            diff[a] = x.sum[a] / n - y.sum[a] / m;
            statistic += diff[a] * diff[a];
        }
        // pooled covariance times (1/n + 1/m), from the upper triangles of the product sums
        double[] cov = new double[dd * dd];
        double scale = (1.0 / n + 1.0 / m) / (n + m - 2);
        for (int a = 0; a < dd; a++) {
            for (int c = a; c < dd; c++) {
                double sx = x.products[a * dd + c] - x.sum[a] * x.sum[c] / n;
                double sy = y.products[a * dd + c] - y.sum[a] * y.sum[c] / m;
                cov[a * dd + c] = (sx + sy) * scale;
                cov[c * dd + a] = cov[a * dd + c];
            }
        }
        double[] l = Cholesky.factor(cov, 0, dd);
        if (l == null) { // a feature constant on both sides (points that coincide): a ridge of 1e-9 of the variance
            double trace = 0;
            for (int a = 0; a < dd; a++) {
                trace += cov[a * dd + a];
            }
            for (int a = 0; a < dd; a++) {
                cov[a * dd + a] += 1e-9 * trace / dd + Double.MIN_NORMAL;
            }
            l = Cholesky.factor(cov, 0, dd);
            if (l == null) {
                throw DataException.of("the MMD test's features do not vary on either side");
            }
        }
        double[] z = Cholesky.solve(l, dd, diff);
        double t2 = 0;
        for (int a = 0; a < dd; a++) {
            t2 += diff[a] * z[a];
        }
        double p = Distributions.chiSquareSurvival(t2, dd);
        return new MmdTest.Result(statistic, p, 0, String.format(java.util.Locale.ROOT, "random Fourier features"
                + " (D=%d), Hotelling T^2 = %.4g against chi-square(%d)", dd, t2, dd), f.sigma());
    }
}
