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

    public static KMeans fit(Points x, int k, long seed) {
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
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int m = 1; m < k; m++) {
            Points chosen = new Points(m, d, java.util.Arrays.copyOf(c, m * d));
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], x.sqDist(i, chosen, m - 1));
                total += nearest[i];
            }
            int pick = n - 1;
            if (total > 0) {
                double r = rnd.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    r -= nearest[i];
                    if (r <= 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rnd.nextInt(n);
            }
            System.arraycopy(x.values(), pick * d, c, m * d, d);
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
