package org.shiftscope.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.StringColumn;

/**
 * The classroom's controllable shifts: seeded generators whose one knob, the intensity t in [0, 1], dials the
 * shift from none (t = 0: reference and target drawn alike) to strong (t = 1). Every scenario is labelled (column
 * {@code label}, "0" / "1") so a model's accuracy can be watched as t grows.
 *
 * <p>The shift types follow the teaching literature: covariate shift of the mean and of the spread (Control+Shift,
 * Jaini et al.), label-prior shift, concept shift by a rotating decision boundary, subpopulation emergence and
 * vanishing, Kulinski and Inouye's mixture ring, two moons, and a Colored-MNIST / Waterbirds-style spurious
 * correlation between a shape's colour and its label (Accuracy on the Curve).
 */
final class ShiftLab {

    static final String COVARIATE_MEAN = "covariate-mean";
    static final String COVARIATE_SPREAD = "covariate-spread";
    static final String LABEL_PRIOR = "label-prior";
    static final String CONCEPT_ROTATION = "concept-rotation";
    static final String SUBPOPULATION = "subpopulation";
    static final String TWO_MOONS = "two-moons";
    static final String SPURIOUS_COLOUR = "spurious-colour";

    /** How far the covariate-mean target moves along x1 at t = 1 (reference sd 1). */
    static final double MEAN_SHIFT = 3;
    /** The covariate-spread target's sd at t = 1 (reference 1). */
    static final double SPREAD = 3;
    /** The label-prior target's share of class 1 at t = 1 (reference 0.5). */
    static final double PRIOR = 0.95;
    /** The concept-rotation target's boundary angle at t = 1, in radians. */
    static final double ROTATION = Math.PI / 2;
    /** The subpopulation target's share of the emerging cluster at t = 1. */
    static final double EMERGING = 0.4;
    /** Two moons: the target's rotation about the moons' centre at t = 1, in radians. */
    static final double MOON_ROTATION = Math.PI / 3;
    /** Spurious colour: the reference's probability that the colour agrees with the label at t = 1. */
    static final double AGREEMENT = 0.95;
    /** Spurious-colour images are this many pixels square. */
    static final int IMAGE_SIZE = 16;

    private ShiftLab() {
    }

    /**
     * y = 1 when x2 lies above the wave 1.5 sin(1.5 x1): easy to learn where the reference lives, and a model that
     * has not seen the wave go on cannot guess it beyond.
     */
    static int wave(double x1, double x2) {
        return x2 > 1.5 * Math.sin(1.5 * x1) ? 1 : 0;
    }

    static Scenario covariateMean(int n, long seed, double t) {
        SplittableRandom r = new SplittableRandom(seed);
        Dataset ref = gaussianSide("reference", n, 0, 1, r, COVARIATE_MEAN, seed, t);
        Dataset tgt = gaussianSide("target", n, MEAN_SHIFT * t, 1, r, COVARIATE_MEAN, seed, t);
        return new Scenario(COVARIATE_MEAN, "Covariate shift: the mean moves", String.format(java.util.Locale.ROOT,
                "x1, x2 ~ N(0, 1); the target's x1 mean moves by %.2f (3 x intensity). The label follows one rule on"
                        + " both sides: x2 above the wave 1.5 sin(1.5 x1).", MEAN_SHIFT * t), ref, tgt);
    }

    static Scenario covariateSpread(int n, long seed, double t) {
        SplittableRandom r = new SplittableRandom(seed);
        Dataset ref = gaussianSide("reference", n, 0, 1, r, COVARIATE_SPREAD, seed, t);
        Dataset tgt = gaussianSide("target", n, 0, 1 + (SPREAD - 1) * t, r, COVARIATE_SPREAD, seed, t);
        return new Scenario(COVARIATE_SPREAD, "Covariate shift: the spread grows", String.format(java.util.Locale.ROOT,
                "x1, x2 ~ N(0, 1); the target's standard deviation is %.2f (1 + 2 x intensity). Same wave rule"
                        + " for the label on both sides (x2 above 1.5 sin(1.5 x1)).", 1 + (SPREAD - 1) * t), ref, tgt);
    }

    private static Dataset gaussianSide(String side, int n, double shift, double sd, SplittableRandom r, String id,
                                        long seed, double t) {
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            x1[i] = shift + sd * r.nextGaussian();
            x2[i] = sd * r.nextGaussian();
            y[i] = String.valueOf(wave(x1[i], x2[i]));
        }
        return table(id, side, seed, t, x1, x2, y);
    }

    static Scenario labelPrior(int n, long seed, double t) {
        SplittableRandom r = new SplittableRandom(seed);
        double target = 0.5 + (PRIOR - 0.5) * t;
        Dataset ref = classConditional("reference", n, 0.5, r, seed, t);
        Dataset tgt = classConditional("target", n, target, r, seed, t);
        return new Scenario(LABEL_PRIOR, "Label shift: the class priors move", String.format(java.util.Locale.ROOT,
                "x | y ~ N((+-1, 0), I) on both sides; class 1 is 50 %% of the reference and %.1f %% of the target"
                        + " (50 + 45 x intensity).", 100 * target), ref, tgt);
    }

    private static Dataset classConditional(String side, int n, double prior, SplittableRandom r, long seed,
                                            double t) {
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextDouble() < prior ? 1 : 0;
            x1[i] = (c == 1 ? 1 : -1) + r.nextGaussian();
            x2[i] = r.nextGaussian();
            y[i] = String.valueOf(c);
        }
        return table(LABEL_PRIOR, side, seed, t, x1, x2, y);
    }

    static Scenario conceptRotation(int n, long seed, double t) {
        SplittableRandom r = new SplittableRandom(seed);
        double angle = ROTATION * t;
        Dataset ref = rotated("reference", n, 0, r, seed, t);
        Dataset tgt = rotated("target", n, angle, r, seed, t);
        return new Scenario(CONCEPT_ROTATION, "Concept shift: the boundary rotates", String.format(java.util.Locale.ROOT,
                "x ~ N(0, I) on both sides (no covariate shift); the label is 1 where (cos a, sin a) . x > 0 with a = 0"
                        + " in the reference and %.0f degrees in the target (90 x intensity): %.1f %% of target labels"
                        + " disagree with the reference rule.", Math.toDegrees(angle), 100 * angle / Math.PI), ref, tgt);
    }

    private static Dataset rotated(String side, int n, double angle, SplittableRandom r, long seed, double t) {
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] y = new String[n];
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextGaussian();
            x2[i] = r.nextGaussian();
            y[i] = c * x1[i] + s * x2[i] > 0 ? "1" : "0";
        }
        return table(CONCEPT_ROTATION, side, seed, t, x1, x2, y);
    }

    /** Centres of the subpopulation scenario's four clusters: a, b, c (reference) and d (emerging). */
    static final double[][] CENTRES = {{-4, -4}, {4, -4}, {-4, 4}, {4, 4}};

    /** The four clusters' shares on a side: a vanishes and d emerges as t grows in the target. */
    static double[] subpopulationShares(boolean target, double t) {
        if (!target) {
            return new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0};
        }
        double a = (1 - t) / 3;
        double d = EMERGING * t;
        double rest = (1 - a - d) / 2;
        return new double[] {a, rest, rest, d};
    }

    static Scenario subpopulation(int n, long seed, double t) {
        SplittableRandom r = new SplittableRandom(seed);
        Dataset ref = clusters("reference", n, subpopulationShares(false, t), r, seed, t);
        Dataset tgt = clusters("target", n, subpopulationShares(true, t), r, seed, t);
        double[] s = subpopulationShares(true, t);
        return new Scenario(SUBPOPULATION, "Subpopulations emerge and vanish", String.format(java.util.Locale.ROOT,
                "Four clusters at (+-4, +-4): the reference holds a, b, c equally; in the target a shrinks to %.1f %%"
                        + " and d, unseen in the reference, grows to %.1f %% (40 x intensity). Within a, b, c the label"
                        + " is x2 above the centre; within d it is x1 right of the centre, so a model learns the wrong"
                        + " rule for d (column cluster for the worst group).", 100 * s[0], 100 * s[3]), ref, tgt);
    }

    private static Dataset clusters(String side, int n, double[] shares, SplittableRandom r, long seed, double t) {
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] y = new String[n];
        String[] cluster = new String[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            int c = 0;
            for (double acc = shares[0]; c < 3 && u >= acc; acc += shares[++c]) {
                // walk the cumulative shares
            }
            double dx = r.nextGaussian();
            double dy = r.nextGaussian();
            x1[i] = CENTRES[c][0] + dx;
            x2[i] = CENTRES[c][1] + dy;
            y[i] = (c == 3 ? dx > 0 : dy > 0) ? "1" : "0";
            cluster[i] = String.valueOf((char) ('a' + c));
        }
        return new Dataset(side, source(SUBPOPULATION, side, n, seed, t), List.of(new NumericColumn("x1", x1),
                new NumericColumn("x2", x2), new StringColumn("cluster", ColumnType.CATEGORICAL, cluster), label(y)));
    }

    static Scenario twoMoons(int n, long seed, double t) {
        SplittableRandom r = new SplittableRandom(seed);
        double angle = MOON_ROTATION * t;
        Dataset ref = moons("reference", n, 0, r, seed, t);
        Dataset tgt = moons("target", n, angle, r, seed, t);
        return new Scenario(TWO_MOONS, "Two moons turn", String.format(java.util.Locale.ROOT, "Two interleaving half"
                + " circles (noise sd 0.1), one per label; the target turns by %.0f degrees about their centre"
                + " (0.5, 0.25) (60 x intensity).", Math.toDegrees(angle)), ref, tgt);
    }

    private static Dataset moons(String side, int n, double angle, SplittableRandom r, long seed, double t) {
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] y = new String[n];
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        for (int i = 0; i < n; i++) {
            int moon = i % 2;
            double a = Math.PI * r.nextDouble();
            // scikit-learn's make_moons: the upper moon (cos a, sin a), the lower (1 - cos a, 0.5 - sin a)
            double px = moon == 0 ? Math.cos(a) : 1 - Math.cos(a);
            double py = moon == 0 ? Math.sin(a) : 0.5 - Math.sin(a);
            px += 0.1 * r.nextGaussian() - 0.5;
            py += 0.1 * r.nextGaussian() - 0.25;
            x1[i] = 0.5 + c * px - s * py;
            x2[i] = 0.25 + s * px + c * py;
            y[i] = String.valueOf(moon);
        }
        return table(TWO_MOONS, side, seed, t, x1, x2, y);
    }

    /** The reference's probability that a shape's colour agrees with its label (the target's is 0.5). */
    static double agreement(double t) {
        return 0.5 + (AGREEMENT - 0.5) * t;
    }

    static Scenario spuriousColour(int n, long seed, double t) {
        SplittableRandom r = new SplittableRandom(seed);
        Dataset ref = shapes("reference", n, agreement(t), r, seed, t);
        Dataset tgt = shapes("target", n, 0.5, r, seed, t);
        return new Scenario(SPURIOUS_COLOUR, "Spurious colour (Colored-MNIST style)", String.format(
                java.util.Locale.ROOT, "%dx%d images of a square (label 0) or a disc (label 1), red or green. In the"
                        + " reference the colour agrees with the label (disc green, square red) %.1f %% of the time"
                        + " (50 + 45 x intensity); in the target 50 %%, so a model that learned the colour fails."
                        + " Columns: label, colour, group (shape x colour).", IMAGE_SIZE, IMAGE_SIZE,
                100 * agreement(t)), ref, tgt);
    }

    private static Dataset shapes(String side, int n, double agree, SplittableRandom r, long seed, double t) {
        List<RasterImage> images = new ArrayList<>(n);
        String[] y = new String[n];
        String[] colour = new String[n];
        String[] group = new String[n];
        for (int i = 0; i < n; i++) {
            boolean disc = r.nextBoolean();
            boolean green = (r.nextDouble() < agree) == disc;
            int size = 6 + r.nextInt(5);
            int x0 = r.nextInt(IMAGE_SIZE - size + 1);
            int y0 = r.nextInt(IMAGE_SIZE - size + 1);
            byte[] px = new byte[IMAGE_SIZE * IMAGE_SIZE * 3];
            double half = size / 2.0;
            for (int yy = 0; yy < IMAGE_SIZE; yy++) {
                for (int xx = 0; xx < IMAGE_SIZE; xx++) {
                    boolean inside;
                    if (disc) {
                        double dx = xx + 0.5 - (x0 + half);
                        double dy = yy + 0.5 - (y0 + half);
                        inside = dx * dx + dy * dy <= half * half;
                    } else {
                        inside = xx >= x0 && xx < x0 + size && yy >= y0 && yy < y0 + size;
                    }
                    if (inside) {
                        int o = (yy * IMAGE_SIZE + xx) * 3;
                        px[o] = (byte) (green ? 40 : 220);
                        px[o + 1] = (byte) (green ? 200 : 40);
                        px[o + 2] = (byte) 40;
                    }
                }
            }
            images.add(new RasterImage(IMAGE_SIZE, IMAGE_SIZE, 3, px));
            y[i] = disc ? "1" : "0";
            colour[i] = green ? "green" : "red";
            group[i] = (disc ? "disc" : "square") + " x " + colour[i];
        }
        List<Column> cols = List.of(label(y), new StringColumn("colour", ColumnType.CATEGORICAL, colour),
                new StringColumn("group", ColumnType.CATEGORICAL, group));
        return new Dataset(side, source(SPURIOUS_COLOUR, side, n, seed, t), cols, images);
    }

    /** A side of a two-feature scenario: x1, x2 and the label. */
    private static Dataset table(String id, String side, long seed, double t, double[] x1, double[] x2, String[] y) {
        return new Dataset(side, source(id, side, x1.length, seed, t), List.of(new NumericColumn("x1", x1),
                new NumericColumn("x2", x2), label(y)));
    }

    private static StringColumn label(String[] y) {
        return new StringColumn("label", ColumnType.CATEGORICAL, y);
    }

    private static DataSource source(String id, String side, int n, long seed, double t) {
        return Scenarios.source(id, side, n, seed, t);
    }
}
