package org.shiftscope.transport;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A binary or categorical feature among the columns of a point set: a transport map sets it to a category (drawn
 * from a distribution) rather than moving it by a fraction.
 *
 * <p>Binary: one column whose value is {@code lo[0]} (the first level) or {@code hi[0]} (the second). Categorical
 * (three or more levels): one column per level (one-hot), level l sets column l to {@code hi[l]} and the others to
 * their {@code lo}. Values are in the units of the points (after any scaling), which is why both ends are kept.
 *
 * @param name    the feature's name (the table's column)
 * @param columns the point columns it occupies
 * @param levels  its categories' labels, in the order of their columns (binary: the two values)
 */
public record DiscreteFeature(String name, int[] columns, double[] lo, double[] hi, List<String> levels) {

    public DiscreteFeature {
        boolean binary = columns.length == 1 && levels.size() == 2;
        boolean oneHot = columns.length >= 3 && levels.size() == columns.length;
        if (!binary && !oneHot || lo.length != columns.length || hi.length != columns.length) {
            throw new IllegalArgumentException("a discrete feature is one binary column or one column per level (3+)");
        }
        levels = List.copyOf(levels);
    }

    public boolean binary() {
        return columns.length == 1;
    }

    /**
     * The distribution over the levels whose expected point is {@code mean} (the feature's columns' values, e.g. the
     * mean of transported values): each column's position between its two ends, clipped to [0, 1]; one-hot
     * positions are normalised to sum to 1 (uniform when all are 0).
     */
    public double[] probabilities(double[] mean) {
        if (binary()) {
            double q = position(0, mean[0]);
            return new double[] {1 - q, q};
        }
        double[] p = new double[columns.length];
        double total = 0;
        for (int l = 0; l < p.length; l++) {
            p[l] = position(l, mean[l]);
            total += p[l];
        }
        for (int l = 0; l < p.length; l++) {
            p[l] = total > 0 ? p[l] / total : 1.0 / p.length;
        }
        return p;
    }

    private double position(int c, double v) {
        double span = hi[c] - lo[c];
        double q = span != 0 ? (v - lo[c]) / span : 0;
        return Math.min(1, Math.max(0, Double.isNaN(q) ? 0 : q));
    }

    /** This feature's columns of row {@code i} of {@code p}. */
    public double[] values(Points p, int i) {
        double[] out = new double[columns.length];
        for (int c = 0; c < columns.length; c++) {
            out[c] = p.get(i, columns[c]);
        }
        return out;
    }

    /** Draws a level from {@code p} and writes it into row {@code i} of the row-major {@code values} (d columns). */
    public void sample(double[] p, SplittableRandom random, double[] values, int d, int i) {
        double u = random.nextDouble();
        int level = p.length - 1;
        for (int l = 0; l < p.length - 1; l++) {
            u -= p[l];
            if (u < 0) {
                level = l;
                break;
            }
        }
        if (binary()) {
            values[i * d + columns[0]] = level == 1 ? hi[0] : lo[0];
            return;
        }
        for (int c = 0; c < columns.length; c++) {
            values[i * d + columns[c]] = c == level ? hi[c] : lo[c];
        }
    }

    /** The feature of column {@code j} among {@code features}, or null when j is continuous. */
    public static DiscreteFeature of(List<DiscreteFeature> features, int j) {
        for (DiscreteFeature f : features) {
            for (int c : f.columns()) {
                if (c == j) {
                    return f;
                }
            }
        }
        return null;
    }
}
