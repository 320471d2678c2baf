package org.shiftscope.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.Split;
import org.shiftscope.core.StringColumn;
import org.shiftscope.transport.DiscreteFeature;
import org.shiftscope.transport.Points;

/** A split's columns as transport points, with its binary and categorical features marked as discrete. */
final class MixedFeatures {

    /** Most categories of one categorical column in an explanation (each is a column of the points). */
    static final int MAX_CATEGORIES = 50;

    /** Both sides' points in the columns' units, and the discrete features among their columns. */
    record Encoded(Points reference, Points target, List<String> features, List<DiscreteFeature> discrete) {
    }

    private MixedFeatures() {
    }

    static Encoded encode(Split split, boolean columnsChosen, boolean discrete) {
        List<String> features = new ArrayList<>();
        List<double[][]> columns = new ArrayList<>();
        List<DiscreteFeature> found = new ArrayList<>();
        Dataset ref = split.reference();
        Dataset tgt = split.target();
        for (String c : split.columns()) {
            Column col = ref.requireColumn(c);
            if (col instanceof NumericColumn n) {
                double[] r = n.values();
                double[] t = ((NumericColumn) tgt.requireColumn(c)).values();
                if (discrete) {
                    double[] two = twoValues(r, t);
                    if (two != null) {
                        found.add(new DiscreteFeature(c, new int[] {features.size()}, new double[] {two[0]},
                                new double[] {two[1]}, List.of(number(two[0]), number(two[1]))));
                    }
                }
                features.add(c);
                columns.add(new double[][] {r, t});
            } else if (discrete && columnsChosen && col.type() != ColumnType.TEXT) {
                categorical(c, (StringColumn) col, (StringColumn) tgt.requireColumn(c), ref, tgt, features, columns,
                        found);
            } else if (discrete && col.type() != ColumnType.TEXT
                    && binaryWithin((StringColumn) col, (StringColumn) tgt.requireColumn(c))) {
                categorical(c, (StringColumn) col, (StringColumn) tgt.requireColumn(c), ref, tgt, features, columns,
                        found);
            } else if (columnsChosen) {
                throw DataException.of("column '" + c + "' is " + col.type().label() + "; transport explanations use "
                        + (discrete ? "numeric, boolean and categorical columns" : "numeric columns"));
            }
        }
        if (features.isEmpty()) {
            throw DataException.of("no numeric columns to transport (columns: " + String.join(", ", split.columns()) + ")");
        }
        return new Encoded(points(ref, features, columns, 0), points(tgt, features, columns, 1), features, found);
    }

    /** The feature list in the points' scaled units: each end (v - mean) / scale. */
    static List<DiscreteFeature> scaled(List<DiscreteFeature> raw, double[] mean, double[] scale) {
        List<DiscreteFeature> out = new ArrayList<>();
        for (DiscreteFeature f : raw) {
            double[] lo = f.lo().clone();
            double[] hi = f.hi().clone();
            for (int c = 0; c < lo.length; c++) {
                int j = f.columns()[c];
                lo[c] = (lo[c] - mean[j]) / scale[j];
                hi[c] = (hi[c] - mean[j]) / scale[j];
            }
            out.add(new DiscreteFeature(f.name(), f.columns(), lo, hi, f.levels()));
        }
        return out;
    }

    /** The two distinct values of a column over both sides, smaller first, or null when it has more or fewer. */
    private static double[] twoValues(double[] r, double[] t) {
        double a = Double.NaN;
        double b = Double.NaN;
        for (double[] side : new double[][] {r, t}) {
            for (double v : side) {
                if (Double.isNaN(v) || v == a || v == b) {
                    continue;
                }
                if (Double.isNaN(a)) {
                    a = v;
                } else if (Double.isNaN(b)) {
                    b = v;
                } else {
                    return null;
                }
            }
        }
        return Double.isNaN(b) ? null : new double[] {Math.min(a, b), Math.max(a, b)};
    }

    /**
     * Whether a column nobody named joins an explanation by itself: two categories, no missing cell, and not
     * constant on each side (a column that is one value per side only restates the split, e.g. the filter column).
     */
    private static boolean binaryWithin(StringColumn r, StringColumn t) {
        java.util.Set<String> all = new java.util.HashSet<>();
        java.util.Set<String> ref = new java.util.HashSet<>();
        java.util.Set<String> tgt = new java.util.HashSet<>();
        for (StringColumn side : List.of(r, t)) {
            for (int i = 0; i < side.size(); i++) {
                if (side.isMissing(i)) {
                    return false;
                }
                all.add(side.text(i));
                (side == r ? ref : tgt).add(side.text(i));
                if (all.size() > 2) {
                    return false;
                }
            }
        }
        return all.size() == 2 && (ref.size() == 2 || tgt.size() == 2);
    }

    private static void categorical(String c, StringColumn r, StringColumn t, Dataset ref, Dataset tgt,
                                    List<String> features, List<double[][]> columns, List<DiscreteFeature> found) {
        TreeSet<String> levels = new TreeSet<>();
        for (StringColumn side : List.of(r, t)) {
            for (int i = 0; i < side.size(); i++) {
                if (side.isMissing(i)) {
                    throw DataException.of("column '" + c + "' has missing values in "
                            + (side == r ? ref.name() : tgt.name()) + "; use the missing-value policy 'drop'");
                }
                levels.add(side.text(i));
            }
        }
        if (levels.size() > MAX_CATEGORIES) {
            throw DataException.of("column '" + c + "' has " + levels.size() + " categories; an explanation takes at"
                    + " most " + MAX_CATEGORIES + " per column (each is a column of the transported points)");
        }
        List<String> names = List.copyOf(levels);
        if (names.size() <= 2) {
            String one = names.get(names.size() - 1);
            columns.add(new double[][] {indicator(r, one), indicator(t, one)});
            if (names.size() == 2) {
                found.add(new DiscreteFeature(c, new int[] {features.size()}, new double[] {0}, new double[] {1}, names));
            }
            features.add(c);
            return;
        }
        int[] cols = new int[names.size()];
        for (int l = 0; l < names.size(); l++) {
            cols[l] = features.size();
            features.add(c + "=" + names.get(l));
            columns.add(new double[][] {indicator(r, names.get(l)), indicator(t, names.get(l))});
        }
        double[] lo = new double[cols.length];
        double[] hi = new double[cols.length];
        java.util.Arrays.fill(hi, 1);
        found.add(new DiscreteFeature(c, cols, lo, hi, names));
    }

    private static double[] indicator(StringColumn col, String level) {
        double[] out = new double[col.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = level.equals(col.text(i)) ? 1 : 0;
        }
        return out;
    }

    /** Side {@code side} of each column (its values on that side's rows) as points; a missing value is refused. */
    static Points points(Dataset d, List<String> features, List<double[][]> columns, int side) {
        int n = d.rowCount();
        int k = features.size();
        double[] v = new double[n * k];
        for (int j = 0; j < k; j++) {
            double[] col = columns.get(j)[side];
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(col[i])) {
                    throw DataException.of("column '" + features.get(j) + "' has missing values in " + d.name()
                            + "; use the missing-value policy 'drop'");
                }
                v[i * k + j] = col[i];
            }
        }
        return new Points(n, k, v);
    }

    /** A level's label: integers without a decimal point. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
