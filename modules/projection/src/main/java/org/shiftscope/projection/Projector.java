package org.shiftscope.projection;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.shiftscope.core.DataException;
import org.shiftscope.core.EnumIds;
import org.shiftscope.core.Pca;
import org.shiftscope.core.TaskMonitor;

/**
 * Projects n points into two dimensions for the subpopulation map.
 *
 * <ul>
 *   <li>{@link Method#PCA}: the two leading principal components, fitted on up to {@link Options#sample} points and
 *       applied to all.</li>
 *   <li>{@link Method#TSNE} and {@link Method#UMAP}: points with more than {@value #REDUCED} dimensions are first
 *       reduced to their {@value #REDUCED} leading principal components (as openTSNE and the t-SNE authors advise);
 *       the method is fitted on a seeded random subsample (the fast preview; {@link Options#fitting} fits it on
 *       more, up to every point: UMAP with {@link NnDescent} neighbours past {@value #EXACT_NEIGHBOURS} points, t-SNE
 *       as {@link SparseTsne} past {@value #TSNE_EXACT}), and every other point is placed out of
 *       sample at the
 *       weighted mean of the map positions of its {@value #PLACE_NEIGHBOURS} nearest fitted points, weighted by
 *       UMAP's local fuzzy membership (1 for the nearest, decaying with distance beyond it at a bandwidth chosen
 *       so the weights sum to log2 of the neighbour count), the same initialisation umap-learn's transform uses.</li>
 * </ul>
 */
public final class Projector {

    /** Dimension the non-linear methods work in when the points have more. */
    public static final int REDUCED = 50;
    /** Fitted neighbours an out-of-sample point is placed among. */
    public static final int PLACE_NEIGHBOURS = 10;
    /**
     * Most fitted points whose neighbour lists are exact; beyond, {@link NnDescent} approximates them (umap-learn
     * switches at 4,096).
     */
    public static final int EXACT_NEIGHBOURS = 4_096;

    public enum Method {
        PCA, TSNE, UMAP;

        public String id() {
            return EnumIds.id(this);
        }

        public static Method parse(String s) {
            return EnumIds.parse(Method.class, s, "projection method");
        }

        /** Points fitted by default: all of t-SNE's O(m^2) iterations stay within a few seconds on two cores. */
        public int defaultSample() {
            return switch (this) {
                case PCA -> 20_000;
                case TSNE -> 2_500;
                case UMAP -> 4_000;
            };
        }
    }

    /**
     * @param sample     how many points the method is fitted on (the rest are placed out of sample)
     * @param perplexity t-SNE's perplexity, lowered to (fitted - 1) / 3 on small inputs
     * @param neighbours UMAP's n_neighbors (counting the point itself), lowered to the fitted count on small inputs
     * @param minDist    UMAP's min_dist
     */
    public record Options(Method method, int sample, long seed, double perplexity, int neighbours, double minDist) {

        public static Options of(Method method, long seed) {
            return new Options(method, method.defaultSample(), seed, 30, 15, 0.1);
        }

        public Options withSample(int n) {
            return new Options(method, n, seed, perplexity, neighbours, minDist);
        }

        /**
         * The method fitted on {@code fit} points: 0 for its preview size ({@link Method#defaultSample}),
         * {@link #ALL} for every point.
         */
        public static Options fitting(Method method, long seed, int fit) {
            Options o = of(method, seed);
            return fit == 0 ? o : o.withSample(fit);
        }
    }

    /** A sample size that fits the method on every point. */
    public static final int ALL = Integer.MAX_VALUE;
    /**
     * Most points t-SNE is fitted on with exact affinities and gradients (every pair at each of its 1,000
     * iterations); beyond, {@link SparseTsne}: affinities among nearest neighbours, repulsion by FFT interpolation.
     */
    public static final int TSNE_EXACT = 5_000;

    /**
     * @param xy      the map coordinates, x0, y0, x1, y1, ...
     * @param fitted  how many points the method was fitted on
     * @param dims    the dimension it worked in (after the principal-component reduction)
     * @param kl      t-SNE's final KL divergence on the fitted points; NaN for the other methods
     * @param trustworthiness {@link Trustworthiness} at k = {@value #TRUST_K} of a seeded sample of up to
     *                {@value #TRUST_SAMPLE} of all the points (fitted and placed), in the space the method worked in
     */
    public record Result(double[] xy, Method method, int fitted, int dims, double kl, double trustworthiness,
                         double seconds) {
    }

    /** Neighbourhood size of the reported trustworthiness. */
    public static final int TRUST_K = 10;
    /** Points the reported trustworthiness is measured on. */
    public static final int TRUST_SAMPLE = 1000;

    private Projector() {
    }

    /** Projects the n rows of x (row-major, d columns). */
    public static Result project(double[] x, int n, int d, Options o, TaskMonitor monitor) {
        long start = System.nanoTime();
        if (n < 3) {
            throw DataException.of("a map needs at least 3 points, not " + n);
        }
        if (o.sample() < 3) {
            throw DataException.of("the projection must be fitted on at least 3 points, not " + o.sample());
        }
        int[] sample = sample(n, o.sample(), o.seed());
        int m = sample.length;
        if (o.method() == Method.PCA) {
            monitor.progress(0.1, "principal components of " + m + " points");
            Pca pca = Pca.fit(rows(x, d, sample), m, d, Math.min(2, d), o.seed());
            double[] xy = plane(pca.transform(x, n), n, pca.k());
            return new Result(xy, o.method(), m, d, Double.NaN, trust(x, n, d, xy, o.seed()), seconds(start));
        }
        double[] z = x;
        int dz = d;
        if (d > REDUCED) {
            monitor.progress(0.02, "reducing " + d + " dimensions to " + REDUCED + " principal components");
            Pca reduce = Pca.fit(rows(x, d, sample), m, d, REDUCED, o.seed());
            z = reduce.transform(x, n);
            dz = REDUCED;
        }
        monitor.checkCancelled();
        double[] zs = rows(z, dz, sample);
        double[] init = plane(Pca.fit(zs, m, dz, Math.min(2, dz), o.seed()).transform(zs, m), m, Math.min(2, dz));
        double[] fittedXy;
        double kl = Double.NaN;
        TaskMonitor fitting = monitor.range(0.05, 0.85);
        if (o.method() == Method.TSNE) {
            double perplexity = Math.min(o.perplexity(), (m - 1) / 3.0);
            monitor.progress(0.05, "t-SNE affinities of " + m + " points");
            double[] out = new double[1];
            if (m <= TSNE_EXACT) {
                float[] p = Tsne.jointProbabilities(zs, m, dz, perplexity);
                fittedXy = Tsne.fit(p, m, init, 1000, fitting, out);
            } else {
                SparseTsne.Affinities p = SparseTsne.affinities(zs, m, dz, perplexity, o.seed(),
                        monitor.range(0.05, 0.25));
                fittedXy = SparseTsne.fit(p, init, 1000, monitor.range(0.25, 0.85), out);
            }
            kl = out[0];
        } else {
            int k = Math.min(o.neighbours(), m) - 1;
            monitor.progress(0.05, "UMAP neighbour graph of " + m + " points");
            Neighbours nn = m <= EXACT_NEIGHBOURS ? Neighbours.of(zs, m, zs, m, dz, k, true)
                    : NnDescent.of(zs, m, dz, k, o.seed(), monitor.range(0.05, 0.25));
            Umap.Graph g = Umap.graph(nn, m, k + 1);
            fitting = monitor.range(0.25, 0.85);
            fittedXy = scaleInto(init, m, 10);
            Umap.optimise(g, fittedXy, m <= 10_000 ? 500 : 200, o.minDist(), o.seed(), fitting);
        }
        monitor.progress(0.9, "placing " + (n - m) + " more points among their nearest fitted neighbours");
        double[] xy = place(z, n, dz, sample, zs, fittedXy, monitor);
        return new Result(xy, o.method(), m, dz, kl, trust(z, n, dz, xy, o.seed()), seconds(start));
    }

    private static double trust(double[] x, int n, int d, double[] xy, long seed) {
        return Math.min(n, TRUST_SAMPLE) > 2 * TRUST_K
                ? Trustworthiness.ofSample(x, n, d, xy, TRUST_K, TRUST_SAMPLE, seed + 1) : Double.NaN;
    }

    /** Fitted points keep their positions; the others go to the membership-weighted mean of their fitted neighbours. */
    static double[] place(double[] z, int n, int d, int[] sample, double[] zs, double[] fittedXy, TaskMonitor monitor) {
        int m = sample.length;
        double[] xy = new double[2 * n];
        boolean[] fitted = new boolean[n];
        for (int s = 0; s < m; s++) {
            fitted[sample[s]] = true;
            xy[2 * sample[s]] = fittedXy[2 * s];
            xy[2 * sample[s] + 1] = fittedXy[2 * s + 1];
        }
        int[] rest = new int[n - m];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (!fitted[i]) {
                rest[r++] = i;
            }
        }
        if (rest.length == 0) {
            return xy;
        }
        int k = Math.min(PLACE_NEIGHBOURS, m);
        double target = Math.log(k) / Math.log(2);
        int chunk = 8192;
        for (int from = 0; from < rest.length; from += chunk) {
            monitor.checkCancelled();
            int[] part = Arrays.copyOfRange(rest, from, Math.min(rest.length, from + chunk));
            Neighbours nn = Neighbours.of(zs, m, rows(z, d, part), part.length, d, k, false);
            for (int q = 0; q < part.length; q++) {
                double rho = nn.distance()[q * k];
                double sigma = k > 1 ? Umap.bandwidth(nn.distance(), q * k, k, rho, target) : 1;
                double sw = 0;
                double sx = 0;
                double sy = 0;
                for (int t = 0; t < k; t++) {
                    double gap = nn.distance()[q * k + t] - rho;
                    double w = gap <= 0 || sigma == 0 ? 1 : Math.exp(-gap / sigma);
                    int s = nn.index()[q * k + t];
                    sw += w;
                    sx += w * fittedXy[2 * s];
                    sy += w * fittedXy[2 * s + 1];
                }
                xy[2 * part[q]] = sx / sw;
                xy[2 * part[q] + 1] = sy / sw;
            }
            monitor.progress(0.9 + 0.1 * Math.min(rest.length, from + chunk) / rest.length,
                    "placed " + Math.min(rest.length, from + chunk) + " of " + rest.length + " points");
        }
        return xy;
    }

    /** A seeded uniform sample of {@code size} of 0..n-1 (all of them when n <= size), in increasing order. */
    public static int[] sample(int n, int size, long seed) {
        if (n <= size) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, size);
        Arrays.sort(out);
        return out;
    }

    static double[] rows(double[] x, int d, int[] which) {
        double[] out = new double[which.length * d];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(x, which[i] * d, out, i * d, d);
        }
        return out;
    }

    /** Two columns out of k (a second zero column for one-dimensional input). */
    private static double[] plane(double[] t, int n, int k) {
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = t[i * k];
            xy[2 * i + 1] = k > 1 ? t[i * k + 1] : 0;
        }
        return xy;
    }

    /** Each axis shifted and scaled into [0, size], as umap-learn does with its initial layout. */
    private static double[] scaleInto(double[] xy, int n, double size) {
        double[] out = new double[2 * n];
        for (int c = 0; c < 2; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, xy[2 * i + c]);
                hi = Math.max(hi, xy[2 * i + c]);
            }
            for (int i = 0; i < n; i++) {
                out[2 * i + c] = hi > lo ? size * (xy[2 * i + c] - lo) / (hi - lo) : size / 2 + 1e-4 * i / n;
            }
        }
        return out;
    }


    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
