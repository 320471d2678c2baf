package org.shiftscope.projection;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.shiftscope.core.TaskMonitor;

/**
 * UMAP into two dimensions (L. McInnes, J. Healy and J. Melville, "UMAP: Uniform Manifold Approximation and
 * Projection for Dimension Reduction", 2018), with the defaults of the reference implementation umap-learn 0.5:
 * k-nearest-neighbour graph (k counts the point itself; exact up to {@link Projector#EXACT_NEIGHBOURS} points,
 * {@link NnDescent} beyond, as umap-learn switches to pynndescent), local fuzzy memberships calibrated so each row
 * sums to log2(k), fuzzy union W + W' - W o W', edges sampled in proportion to their weight, 5 negative samples per
 * positive one, learning rate decaying linearly from 1, gradients clipped at 4, and the low-dimensional curve
 * 1 / (1 + a d^2b) fitted to the min_dist / spread profile (its power read from a {@link PowTable}). Initialised
 * from the first two principal components scaled into [0, 10].
 */
final class Umap {

    /** The fuzzy graph in coordinate form: edge e joins head[e] to tail[e] with membership weight[e]. */
    record Graph(int n, int[] head, int[] tail, double[] weight) {
    }

    private Umap() {
    }

    /** rho (distance to the nearest neighbour) and sigma of each row, as umap-learn's smooth_knn_dist. */
    static double[][] smoothKnn(Neighbours nn, int n, int neighbours) {
        int k = nn.k();
        double target = Math.log(neighbours) / Math.log(2);
        double[] rho = new double[n];
        double[] sigma = new double[n];
        // umap-learn's neighbour rows include the point itself at distance 0: the means below count it
        double meanAll = 0;
        for (double v : nn.distance()) {
            meanAll += v / ((double) n * (k + 1));
        }
        for (int i = 0; i < n; i++) {
            rho[i] = 0;
            double mean = 0;
            for (int r = 0; r < k; r++) {
                double v = nn.distance()[i * k + r];
                mean += v / (k + 1);
                if (rho[i] == 0 && v > 0) {
                    rho[i] = v;
                }
            }
            sigma[i] = bandwidth(nn.distance(), i * k, k, rho[i], target);
            double floor = 1e-3 * (rho[i] > 0 ? mean : meanAll);
            sigma[i] = Math.max(sigma[i], floor);
        }
        return new double[][] {rho, sigma};
    }

    /** Bisection for sigma with sum_r exp(-max(0, d_r - rho) / sigma) = target, d over {@code k} neighbours. */
    static double bandwidth(double[] dist, int from, int k, double rho, double target) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1;
        for (int step = 0; step < 64; step++) {
            double sum = 0;
            for (int r = 0; r < k; r++) {
                double t = dist[from + r] - rho;
                sum += t > 0 ? Math.exp(-t / mid) : 1;
            }
            if (Math.abs(sum - target) < 1e-5) {
                break;
            }
            if (sum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }

    /**
     * The symmetric fuzzy graph of n points from their {@code neighbours - 1} nearest other points (umap-learn's
     * n_neighbors counts the point itself).
     */
    static Graph graph(Neighbours nn, int n, int neighbours) {
        int k = nn.k();
        double[][] rs = smoothKnn(nn, n, neighbours);
        double[] w = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                double t = nn.distance()[i * k + r] - rs[0][i];
                w[i * k + r] = t <= 0 || rs[1][i] == 0 ? 1 : Math.exp(-t / rs[1][i]);
            }
        }
        // the rows that list each point, to find both directions of a pair
        Neighbours.ListedBy reverse = nn.listedBy(n);
        int[] start = reverse.start();
        int[] listedBy = reverse.entry();
        // pairs (i, j), i < j, in increasing order; both directions emitted
        int[] head = new int[2 * n * k];
        int[] tail = new int[2 * n * k];
        double[] weight = new double[2 * n * k];
        int e = 0;
        int most = 0;
        for (int i = 0; i < n; i++) {
            most = Math.max(most, start[i + 1] - start[i]);
        }
        long[] pairs = new long[k + most];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int r = 0; r < k; r++) {
                int j = nn.index()[i * k + r];
                if (j > i) {
                    pairs[c++] = (long) j << 32 | (i * k + r);
                }
            }
            for (int s = start[i]; s < start[i + 1]; s++) {
                int from = listedBy[s] / k;
                if (from > i) {
                    pairs[c++] = (long) from << 32 | (0x80000000L | listedBy[s]);
                }
            }
            java.util.Arrays.sort(pairs, 0, c);
            int s = 0;
            while (s < c) {
                int j = (int) (pairs[s] >>> 32);
                double wij = 0;
                double wji = 0;
                for (; s < c && (int) (pairs[s] >>> 32) == j; s++) {
                    int entry = (int) (pairs[s] & 0x7FFFFFFFL);
                    if ((pairs[s] & 0x80000000L) == 0) {
                        wij = w[entry];
                    } else {
                        wji = w[entry];
                    }
                }
                double v = wij + wji - wij * wji;
                head[e] = i;
                tail[e] = j;
                weight[e++] = v;
                head[e] = j;
                tail[e] = i;
                weight[e++] = v;
            }
        }
        return new Graph(n, java.util.Arrays.copyOf(head, e), java.util.Arrays.copyOf(tail, e),
                java.util.Arrays.copyOf(weight, e));
    }

    /** (a, b) of the curve 1 / (1 + a x^2b) fitted by least squares (Gauss-Newton) on 300 points of [0, 3 spread]. */
    static double[] curve(double minDist, double spread) {
        int m = 300;
        double[] x = new double[m];
        double[] f = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 3 * spread * i / (m - 1);
            f[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        double a = 1;
        double b = 1;
        double lambda = 1e-3;
        double cost = curveCost(x, f, a, b);
        for (int it = 0; it < 500; it++) {
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int i = 1; i < m; i++) {
                double p = Math.pow(x[i], 2 * b);
                double den = 1 + a * p;
                double r = 1 / den - f[i];
                double da = -p / (den * den);
                double db = -a * p * 2 * Math.log(x[i]) / (den * den);
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            double haa = jaa * (1 + lambda);
            double hbb = jbb * (1 + lambda);
            double det = haa * hbb - jab * jab;
            double sa = -(hbb * ga - jab * gb) / det;
            double sb = -(haa * gb - jab * ga) / det;
            double next = curveCost(x, f, a + sa, b + sb);
            if (next < cost) {
                a += sa;
                b += sb;
                lambda = Math.max(lambda / 10, 1e-12);
                if (cost - next < 1e-18) {
                    break;
                }
                cost = next;
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        return new double[] {a, b};
    }

    private static double curveCost(double[] x, double[] f, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = 1 / (1 + a * Math.pow(x[i], 2 * b)) - f[i];
            s += r * r;
        }
        return s;
    }

    /** Stochastic gradient descent of the fuzzy cross-entropy, in place on y (2n coordinates). */
    static void optimise(Graph g, double[] y, int epochs, double minDist, long seed, TaskMonitor monitor) {
        double[] ab = curve(minDist, 1);
        double a = ab[0];
        double b = ab[1];
        PowTable power = new PowTable(b);
        double max = Arrays.stream(g.weight()).max().orElse(1);
        int edges = 0;
        for (double w : g.weight()) {
            if (w >= max / epochs) {
                edges++;
            }
        }
        int[] head = new int[edges];
        int[] tail = new int[edges];
        double[] every = new double[edges];
        int e = 0;
        for (int i = 0; i < g.weight().length; i++) {
            if (g.weight()[i] >= max / epochs) {
                head[e] = g.head()[i];
                tail[e] = g.tail()[i];
                every[e++] = max / g.weight()[i]; // epochs between samples: n_epochs / (n_epochs * w / max)
            }
        }
        double negativeRate = 5;
        double[] nextSample = every.clone();
        double[] everyNegative = new double[edges];
        double[] nextNegative = new double[edges];
        for (int i = 0; i < edges; i++) {
            everyNegative[i] = every[i] / negativeRate;
            nextNegative[i] = everyNegative[i];
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = g.n();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double alpha = 1 - (double) epoch / epochs;
            for (int i = 0; i < edges; i++) {
                if (nextSample[i] > epoch) {
                    continue;
                }
                int j = head[i];
                int k = tail[i];
                double d0 = y[2 * j] - y[2 * k];
                double d1 = y[2 * j + 1] - y[2 * k + 1];
                double dist = d0 * d0 + d1 * d1;
                double coeff = 0;
                if (dist > 0) {
                    double pb = power.pow(dist); // -2ab d^(b-1) / (a d^b + 1), with d^(b-1) = d^b / d
                    coeff = -2 * a * b * (pb / dist) / (a * pb + 1);
                }
                double g0 = clip(coeff * d0) * alpha;
                double g1 = clip(coeff * d1) * alpha;
                y[2 * j] += g0;
                y[2 * j + 1] += g1;
                y[2 * k] -= g0;
                y[2 * k + 1] -= g1;
                nextSample[i] += every[i];
                int negatives = (int) ((epoch - nextNegative[i]) / everyNegative[i]);
                for (int s = 0; s < negatives; s++) {
                    int o = rnd.nextInt(n);
                    if (o == j) {
                        continue;
                    }
                    d0 = y[2 * j] - y[2 * o];
                    d1 = y[2 * j + 1] - y[2 * o + 1];
                    dist = d0 * d0 + d1 * d1;
                    if (dist > 0) {
                        coeff = 2 * b / ((0.001 + dist) * (a * power.pow(dist) + 1));
                        y[2 * j] += clip(coeff * d0) * alpha;
                        y[2 * j + 1] += clip(coeff * d1) * alpha;
                    } else {
                        y[2 * j] += 4 * alpha;
                        y[2 * j + 1] += 4 * alpha;
                    }
                }
                nextNegative[i] += negatives * everyNegative[i];
            }
            if (epoch % 10 == 0) {
                monitor.checkCancelled();
                monitor.progress((double) epoch / epochs, "UMAP epoch " + epoch + " of " + epochs);
            }
        }
    }

    private static double clip(double v) {
        return v > 4 ? 4 : v < -4 ? -4 : v;
    }
}
