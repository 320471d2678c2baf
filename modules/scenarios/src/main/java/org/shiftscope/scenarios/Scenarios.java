package org.shiftscope.scenarios;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.StringColumn;

/**
 * Built-in, seeded shift scenarios generated in code (no downloads).
 *
 * <ul>
 *   <li>{@code gaussian-mean-shift}: reference N(0, I) in d = 4 features; the target moves x1 by +2 and x2 by -1,
 *       leaving x3, x4 untouched, so a 2-sparse mean shift explains it exactly.</li>
 *   <li>{@code mixture-ring}: the "mixture ring" of Kulinski and Inouye (2023): six isotropic Gaussian
 *       components (sd 1) with means evenly spaced on a circle of radius 10 in the reference and radius 20 in the
 *       target; each component moves radially outwards, so a 6-cluster transport map explains the shift.</li>
 * </ul>
 *
 * <p>Reference: S. Kulinski and D. I. Inouye, "Towards Explaining Distribution Shifts", ICML 2023.
 */
public final class Scenarios {

    public static final String GAUSSIAN_MEAN_SHIFT = "gaussian-mean-shift";
    public static final String MIXTURE_RING = "mixture-ring";
    public static final List<String> IDS = List.of(MIXTURE_RING, GAUSSIAN_MEAN_SHIFT);

    static final int RING_COMPONENTS = 6;

    private Scenarios() {
    }

    /** Generates the named scenario with {@code n} rows per side. */
    public static Scenario generate(String id, int n, long seed) {
        if (n <= 0) {
            throw DataException.of("a demo scenario needs at least one row per side, not " + n);
        }
        return switch (id) {
            case GAUSSIAN_MEAN_SHIFT -> gaussianMeanShift(n, seed);
            case MIXTURE_RING -> mixtureRing(n, seed);
            default -> throw DataException.of("unknown demo scenario '" + id + "' (known: " + String.join(", ", IDS) + ")");
        };
    }

    static Scenario gaussianMeanShift(int n, long seed) {
        double[] shift = {2.0, -1.0, 0.0, 0.0};
        SplittableRandom rnd = new SplittableRandom(seed);
        Dataset ref = gaussian("reference", n, new double[4], rnd, GAUSSIAN_MEAN_SHIFT, n, seed);
        Dataset tgt = gaussian("target", n, shift, rnd, GAUSSIAN_MEAN_SHIFT, n, seed);
        return new Scenario(GAUSSIAN_MEAN_SHIFT, "Gaussian mean shift",
                "Reference N(0, I) in 4 features; the target mean moves by (+2, -1, 0, 0).", ref, tgt);
    }

    private static Dataset gaussian(String side, int n, double[] mean, SplittableRandom rnd, String id, int size,
                                    long seed) {
        List<Column> cols = new ArrayList<>();
        double[][] values = new double[mean.length][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < mean.length; j++) {
                values[j][i] = mean[j] + rnd.nextGaussian();
            }
        }
        for (int j = 0; j < mean.length; j++) {
            cols.add(new NumericColumn("x" + (j + 1), values[j]));
        }
        return new Dataset(side, source(id, side, size, seed), cols);
    }

    static Scenario mixtureRing(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Dataset ref = ring("reference", n, 10.0, rnd, seed);
        Dataset tgt = ring("target", n, 20.0, rnd, seed);
        return new Scenario(MIXTURE_RING, "Mixture ring (Kulinski & Inouye 2023)",
                "Six Gaussian components on a ring; the ring's radius grows from 10 to 20.", ref, tgt);
    }

    private static Dataset ring(String side, int n, double radius, SplittableRandom rnd, long seed) {
        double[] x = new double[n];
        double[] y = new double[n];
        String[] component = new String[n];
        for (int i = 0; i < n; i++) {
            int c = i % RING_COMPONENTS;
            double angle = 2 * Math.PI * c / RING_COMPONENTS;
            x[i] = radius * Math.cos(angle) + rnd.nextGaussian();
            y[i] = radius * Math.sin(angle) + rnd.nextGaussian();
            component[i] = "c" + (c + 1);
        }
        List<Column> cols = List.of(new NumericColumn("x", x), new NumericColumn("y", y),
                new StringColumn("component", ColumnType.CATEGORICAL, component));
        return new Dataset(side, source(MIXTURE_RING, side, n, seed), cols);
    }

    private static DataSource source(String id, String side, int n, long seed) {
        String recipe = "demo:" + id + "?side=" + side + "&n=" + n + "&seed=" + seed;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(recipe.getBytes(StandardCharsets.UTF_8));
            return new DataSource(recipe, "generated", HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
