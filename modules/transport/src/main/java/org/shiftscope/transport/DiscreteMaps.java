package org.shiftscope.transport;

import java.util.List;
import java.util.SplittableRandom;

/** The maps of mixed data: continuous features move, discrete ones are drawn from a target distribution. */
final class DiscreteMaps {

    private DiscreteMaps() {
    }

    /**
     * The generator of sample {@code r} of the map for {@code k}: the same numbers for the same seed. The three are
     * mixed (SplitMix64's finaliser) rather than added: generators whose seeds differ by a multiple of
     * SplittableRandom's increment give the same stream shifted by a draw or two.
     */
    static SplittableRandom random(long seed, int k, int r) {
        return new SplittableRandom(mix(mix(mix(seed) ^ k) ^ r));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The paired points [x_i, z_i], 2d columns. */
    static Points paired(Points x, Points z) {
        int d = x.d();
        double[] v = new double[x.n() * 2 * d];
        for (int i = 0; i < x.n(); i++) {
            System.arraycopy(x.values(), i * d, v, i * 2 * d, d);
            System.arraycopy(z.values(), i * d, v, i * 2 * d + d, d);
        }
        return new Points(x.n(), 2 * d, v);
    }

    /**
     * The k-cluster map: each point's continuous features move by its cluster's mean displacement, its discrete
     * features are drawn from its cluster's target distribution.
     */
    static Points moveClusters(Points x, int[] labels, List<Explanation.Cluster> clusters,
                               List<DiscreteFeature> discrete, SplittableRandom random) {
        int d = x.d();
        double[] v = x.values().clone();
        for (int i = 0; i < x.n(); i++) {
            double[] dc = clusters.get(labels[i]).displacement();
            for (int j = 0; j < d; j++) {
                v[i * d + j] += dc[j];
            }
        }
        for (int f = 0; f < discrete.size(); f++) {
            DiscreteFeature feature = discrete.get(f);
            for (int i = 0; i < x.n(); i++) {
                feature.sample(clusters.get(labels[i]).distributions().get(f), random, v, d, i);
            }
        }
        return new Points(x.n(), d, v);
    }

    /**
     * A k-sparse mean-shift map whose chosen columns include discrete features: every point's discrete feature is
     * drawn from the target's distribution of it ({@code targetMean}, the target's column means).
     */
    static Points sampleAll(Points shifted, List<DiscreteFeature> sampled, double[] targetMean,
                            SplittableRandom random) {
        double[] v = shifted.values().clone();
        for (DiscreteFeature f : sampled) {
            double[] mean = new double[f.columns().length];
            for (int c = 0; c < mean.length; c++) {
                mean[c] = targetMean[f.columns()[c]];
            }
            double[] p = f.probabilities(mean);
            for (int i = 0; i < shifted.n(); i++) {
                f.sample(p, random, v, shifted.d(), i);
            }
        }
        return new Points(shifted.n(), shifted.d(), v);
    }

    /**
     * A k-sparse map whose chosen columns include discrete features: each point's discrete feature is drawn from
     * the distribution its own transported values {@code z} describe.
     */
    static Points samplePerPoint(Points copied, Points z, List<DiscreteFeature> sampled, SplittableRandom random) {
        double[] v = copied.values().clone();
        for (DiscreteFeature f : sampled) {
            for (int i = 0; i < z.n(); i++) {
                f.sample(f.probabilities(f.values(z, i)), random, v, copied.d(), i);
            }
        }
        return new Points(copied.n(), copied.d(), v);
    }
}
