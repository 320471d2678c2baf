package org.shiftscope.transport;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** A coarse cloud: points grouped around random centres (nearest centre), each group replaced by its mean. */
record Quantised(SinkhornSolver.Cloud cloud, double error, int[] owner) {

    /** Groups of about {@code group} points. */
    static Quantised of(int group, SinkhornSolver.Cloud c, long seed) {
        Points p = c.points();
        int n = p.n();
        int d = p.d();
        int k = Math.max(1, n / group);
        int[] pick = new SplittableRandom(seed).ints(0, n).distinct().limit(k).toArray();
        double[] centres = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(p.values(), pick[j] * d, centres, j * d, d);
        }
        Points centrePoints = new Points(k, d, centres);
        int[] owner = new int[n];
        IntStream.range(0, n).parallel().forEach(i -> owner[i] = KMeans.nearestCentroid(p, i, centrePoints));
        double[] mean = new double[k * d];
        double[] w = new double[k];
        for (int i = 0; i < n; i++) {
            int j = owner[i];
            w[j] += c.weights()[i];
            for (int t = 0; t < d; t++) {
                mean[j * d + t] += c.weights()[i] * p.values()[i * d + t];
            }
        }
        // duplicated points leave some centres without a group: drop them
        int[] newIndex = new int[k];
        int kept = 0;
        for (int j = 0; j < k; j++) {
            newIndex[j] = kept;
            if (w[j] > 0) {
                for (int t = 0; t < d; t++) {
                    mean[kept * d + t] = mean[j * d + t] / w[j];
                }
                w[kept++] = w[j];
            }
        }
        for (int i = 0; i < n; i++) {
            owner[i] = newIndex[owner[i]];
        }
        Points coarse = new Points(kept, d, Arrays.copyOf(mean, kept * d));
        w = Arrays.copyOf(w, kept);
        double error = 0;
        for (int i = 0; i < n; i++) {
            error += c.weights()[i] * p.sqDist(i, coarse, owner[i]);
        }
        return new Quantised(SinkhornSolver.Cloud.of(coarse, w), error, owner);
    }
}
