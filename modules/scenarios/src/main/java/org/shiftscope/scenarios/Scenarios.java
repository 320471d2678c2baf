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
 * <p>Every scenario takes an intensity t in [0, 1] (default 1) that dials its shift from none to full; the
 * classroom scenarios of {@link ShiftLab} are listed by {@link #catalog()}.
 *
 * <p>Reference: S. Kulinski and D. I. Inouye, "Towards Explaining Distribution Shifts", ICML 2023.
 */
public final class Scenarios {

    public static final String GAUSSIAN_MEAN_SHIFT = "gaussian-mean-shift";
    public static final String MIXTURE_RING = "mixture-ring";
    public static final List<String> IDS = List.of(MIXTURE_RING, GAUSSIAN_MEAN_SHIFT, ShiftLab.COVARIATE_MEAN,
            ShiftLab.COVARIATE_SPREAD, ShiftLab.LABEL_PRIOR, ShiftLab.CONCEPT_ROTATION, ShiftLab.SUBPOPULATION,
            ShiftLab.TWO_MOONS, ShiftLab.SPURIOUS_COLOUR);

    /**
     * One scenario of the catalogue.
     *
     * @param kind      "table" or "images"
     * @param intensity what the intensity knob does
     */
    public record Entry(String id, String kind, String intensity) {
    }

    /** Every built-in scenario with what its intensity does, in {@link #IDS} order. */
    public static List<Entry> catalog() {
        return List.of(
                new Entry(MIXTURE_RING, "table", "the ring's radius grows from 10 to 10 + 10 t"),
                new Entry(GAUSSIAN_MEAN_SHIFT, "table", "the target mean moves by t (2, -1, 0, 0)"),
                new Entry(ShiftLab.COVARIATE_MEAN, "table", "covariate shift: x1's mean moves by 3 t"),
                new Entry(ShiftLab.COVARIATE_SPREAD, "table", "covariate shift: the sd grows to 1 + 2 t"),
                new Entry(ShiftLab.LABEL_PRIOR, "table", "label shift: class 1 goes from 50 % to 50 + 45 t %"),
                new Entry(ShiftLab.CONCEPT_ROTATION, "table", "concept shift: the boundary turns by 90 t degrees"),
                new Entry(ShiftLab.SUBPOPULATION, "table", "cluster a shrinks to (1 - t) / 3, unseen d grows to 0.4 t"),
                new Entry(ShiftLab.TWO_MOONS, "table", "the moons turn by 60 t degrees"),
                new Entry(ShiftLab.SPURIOUS_COLOUR, "images", "colour agrees with label in 50 + 45 t % of the"
                        + " reference (50 % in the target)"));
    }

    static final int RING_COMPONENTS = 6;

    private Scenarios() {
    }

    /** Generates the named scenario with {@code n} rows per side at full intensity. */
    public static Scenario generate(String id, int n, long seed) {
        return generate(id, n, seed, 1);
    }

    /** Generates the named scenario with {@code n} rows per side at intensity {@code t} in [0, 1]. */
    public static Scenario generate(String id, int n, long seed, double t) {
        if (n <= 0) {
            throw DataException.of("a demo scenario needs at least one row per side, not " + n);
        }
        if (!(t >= 0 && t <= 1)) {
            throw DataException.of("a scenario's intensity runs from 0 (no shift) to 1, not " + t);
        }
        return switch (id) {
            case GAUSSIAN_MEAN_SHIFT -> gaussianMeanShift(n, seed, t);
            case MIXTURE_RING -> mixtureRing(n, seed, t);
            case ShiftLab.COVARIATE_MEAN -> ShiftLab.covariateMean(n, seed, t);
            case ShiftLab.COVARIATE_SPREAD -> ShiftLab.covariateSpread(n, seed, t);
            case ShiftLab.LABEL_PRIOR -> ShiftLab.labelPrior(n, seed, t);
            case ShiftLab.CONCEPT_ROTATION -> ShiftLab.conceptRotation(n, seed, t);
            case ShiftLab.SUBPOPULATION -> ShiftLab.subpopulation(n, seed, t);
            case ShiftLab.TWO_MOONS -> ShiftLab.twoMoons(n, seed, t);
            case ShiftLab.SPURIOUS_COLOUR -> ShiftLab.spuriousColour(n, seed, t);
            default -> throw DataException.of("unknown demo scenario '" + id + "' (known: " + String.join(", ", IDS) + ")");
        };
    }

    static Scenario gaussianMeanShift(int n, long seed) {
        return gaussianMeanShift(n, seed, 1);
    }

    static Scenario gaussianMeanShift(int n, long seed, double t) {
        double[] shift = {2.0 * t, -1.0 * t, 0.0, 0.0};
        SplittableRandom rnd = new SplittableRandom(seed);
        Dataset ref = gaussian("reference", n, new double[4], rnd, GAUSSIAN_MEAN_SHIFT, n, seed, t);
        Dataset tgt = gaussian("target", n, shift, rnd, GAUSSIAN_MEAN_SHIFT, n, seed, t);
        return new Scenario(GAUSSIAN_MEAN_SHIFT, "Gaussian mean shift", String.format(java.util.Locale.ROOT,
                "Reference N(0, I) in 4 features; the target mean moves by (%+.2f, %+.2f, 0, 0).", shift[0],
                shift[1]), ref, tgt);
    }

    private static Dataset gaussian(String side, int n, double[] mean, SplittableRandom rnd, String id, int size,
                                    long seed, double t) {
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
        return new Dataset(side, source(id, side, size, seed, t), cols);
    }

    static Scenario mixtureRing(int n, long seed) {
        return mixtureRing(n, seed, 1);
    }

    static Scenario mixtureRing(int n, long seed, double t) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Dataset ref = ring("reference", n, 10.0, rnd, seed, t);
        Dataset tgt = ring("target", n, 10.0 + 10.0 * t, rnd, seed, t);
        return new Scenario(MIXTURE_RING, "Mixture ring (Kulinski & Inouye 2023)", String.format(java.util.Locale.ROOT,
                "Six Gaussian components on a ring; the ring's radius grows from 10 to %.1f.", 10 + 10 * t), ref, tgt);
    }

    private static Dataset ring(String side, int n, double radius, SplittableRandom rnd, long seed, double t) {
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
        return new Dataset(side, source(MIXTURE_RING, side, n, seed, t), cols);
    }

    /** A generated side's source: its recipe, and the recipe's hash as its content hash (full intensity unnamed). */
    static DataSource source(String id, String side, int n, long seed, double t) {
        String recipe = "demo:" + id + "?side=" + side + "&n=" + n + "&seed=" + seed
                + (t == 1 ? "" : "&intensity=" + t);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(recipe.getBytes(StandardCharsets.UTF_8));
            return new DataSource(recipe, "generated", HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
