package org.shiftscope.transport;

import java.util.SplittableRandom;

/**
 * Seeded k-means (k-means++ seeding, then Lloyd iterations until no point changes cluster or 300 rounds), so new
 * points can be assigned to the nearest centroid.
 *
 * <p>References: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982);
 * D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
 */
public record KMeans(Points centroids) {

    /**
     * The best of {@code inits} seeded fits (lowest within-cluster sum of squares; ties keep the earlier), as
     * scikit-learn's n_init does: one k-means++ start can stop in a poor local optimum. The first start uses
     * {@code seed} itself, with greedy k-means++ seeding.
     */
    public static KMeans fit(Points x, int k, long seed, int inits) {
        KMeans best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < inits; i++) {
            KMeans km = fit(x, k, i == 0 ? seed : seeds.nextLong(), true);
            double inertia = km.inertia(x);
            if (inertia < bestInertia) {
                best = km;
                bestInertia = inertia;
            }
        }
        return best;
    }

    /** Starts for a fit of n points in d dimensions into k clusters: 10, fewer when they would take long. */
    public static int inits(int n, int d, int k) {
        double work = (double) n * d * k;
        return (int) Math.max(1, Math.min(10, 3e6 / Math.max(1, work)));
    }

    /** Sum of squared distances of the points of x to their nearest centroid. */
    public double inertia(Points x) {
        double s = 0;
        for (int i = 0; i < x.n(); i++) {
            s += x.sqDist(i, centroids, nearestCentroid(x, i, centroids));
        }
        return s;
    }

    public static KMeans fit(Points x, int k, long seed) {
        return fit(x, k, seed, false);
    }

    /**
     * One fit. {@code greedy}: greedy k-means++ (as scikit-learn seeds): each new centre is the best, by the
     * resulting potential, of 2 + ln k candidates drawn by squared distance, rather than the first one drawn.
     */
    private static KMeans fit(Points x, int k, long seed, boolean greedy) {
        int n = x.n();
        int d = x.d();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must lie in [1, " + n + "], not " + k);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] c = new double[k * d];
        int first = rnd.nextInt(n);
        System.arraycopy(x.values(), first * d, c, 0, d);
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = x.sqDist(i, x, first);
        }
        int trials = greedy ? 2 + (int) Math.log(k) : 1;
        for (int m = 1; m < k; m++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += nearest[i];
            }
            int pick = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int candidate = total > 0 ? draw(nearest, rnd.nextDouble() * total) : rnd.nextInt(n);
                if (trials == 1) {
                    pick = candidate;
                    break;
                }
                double potential = 0;
                for (int i = 0; i < n; i++) {
                    potential += Math.min(nearest[i], x.sqDist(i, x, candidate));
                }
                if (potential < bestPotential) {
                    bestPotential = potential;
                    pick = candidate;
                }
            }
            System.arraycopy(x.values(), pick * d, c, m * d, d);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], x.sqDist(i, x, pick));
            }
        }
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        for (int round = 0; round < 300; round++) {
            Points cent = new Points(k, d, c);
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = nearestCentroid(x, i, cent);
                if (best != label[i]) {
                    label[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[] sum = new double[k * d];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[label[i]]++;
                for (int j = 0; j < d; j++) {
                    sum[label[i] * d + j] += x.get(i, j);
                }
            }
            for (int m = 0; m < k; m++) {
                if (count[m] > 0) {
                    for (int j = 0; j < d; j++) {
                        c[m * d + j] = sum[m * d + j] / count[m];
                    }
                }
            }
        }
        return new KMeans(new Points(k, d, c));
    }

    /** The point where the running sum of {@code weight} first reaches {@code r} (the last one if never). */
    private static int draw(double[] weight, double r) {
        for (int i = 0; i < weight.length; i++) {
            r -= weight[i];
            if (r <= 0) {
                return i;
            }
        }
        return weight.length - 1;
    }

    static int nearestCentroid(Points x, int i, Points centroids) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int m = 0; m < centroids.n(); m++) {
            double dd = x.sqDist(i, centroids, m);
            if (dd < bestD) {
                bestD = dd;
                best = m;
            }
        }
        return best;
    }

    /** Cluster of every point of x. */
    public int[] assign(Points x) {
        int[] out = new int[x.n()];
        for (int i = 0; i < x.n(); i++) {
            out[i] = nearestCentroid(x, i, centroids);
        }
        return out;
    }
}
