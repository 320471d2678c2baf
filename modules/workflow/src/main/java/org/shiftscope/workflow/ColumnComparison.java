package org.shiftscope.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;

/**
 * One column's reference and target distributions on shared bins, for side-by-side histograms and bar charts.
 * Numeric columns with at most {@value #MAX_DISCRETE} distinct integer values get one bar per value; other numeric
 * columns equal-width bins over the pooled range (Sturges' rule, at most {@value #MAX_BINS}); categorical and
 * boolean columns one bar per value for the {@value #MAX_CATEGORIES} most frequent values, the rest pooled as
 * {@value #OTHER}. Missing cells are counted, not binned.
 *
 * @param labels          one label per bin
 * @param referenceCounts reference rows per bin
 * @param targetCounts    target rows per bin
 */
public record ColumnComparison(String column, ColumnType type, int referenceRows, int targetRows,
                               int referenceMissing, int targetMissing, List<String> labels,
                               long[] referenceCounts, long[] targetCounts) {

    static final int MAX_DISCRETE = 20;
    static final int MAX_BINS = 30;
    static final int MAX_CATEGORIES = 15;
    public static final String OTHER = "(other)";

    /** Share of present reference rows in bin i (0 when the side has none). */
    public double referenceShare(int i) {
        return share(referenceCounts, i);
    }

    public double targetShare(int i) {
        return share(targetCounts, i);
    }

    private static double share(long[] counts, int i) {
        long total = Arrays.stream(counts).sum();
        return total == 0 ? 0 : (double) counts[i] / total;
    }

    /** Compares every named column of the two sides. */
    public static List<ColumnComparison> compare(Dataset reference, Dataset target, List<String> columns) {
        List<ColumnComparison> out = new ArrayList<>(columns.size());
        for (String c : columns) {
            out.add(of(reference.requireColumn(c), target.requireColumn(c)));
        }
        return out;
    }

    public static ColumnComparison of(Column ref, Column tgt) {
        if (ref instanceof NumericColumn r && tgt instanceof NumericColumn t) {
            return numeric(r, t);
        }
        return categorical(ref, tgt);
    }

    private static ColumnComparison numeric(NumericColumn ref, NumericColumn tgt) {
        TreeSet<Double> distinct = new TreeSet<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integers = true;
        for (NumericColumn c : List.of(ref, tgt)) {
            for (double v : c.values()) {
                if (Double.isNaN(v)) {
                    continue;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                integers &= v == Math.rint(v);
                if (distinct.size() <= MAX_DISCRETE) {
                    distinct.add(v);
                }
            }
        }
        List<String> labels = new ArrayList<>();
        long[] rc;
        long[] tc;
        if (distinct.isEmpty()) {
            rc = new long[0];
            tc = new long[0];
        } else if (integers && distinct.size() <= MAX_DISCRETE) {
            List<Double> values = new ArrayList<>(distinct);
            Map<Double, Integer> index = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                index.put(values.get(i), i);
                labels.add(Long.toString(values.get(i).longValue()));
            }
            rc = new long[values.size()];
            tc = new long[values.size()];
            countDiscrete(ref, index, rc);
            countDiscrete(tgt, index, tc);
        } else {
            long present = ref.size() - ref.missingCount() + tgt.size() - tgt.missingCount();
            int bins = max == min ? 1 : (int) Math.min(MAX_BINS, Math.ceil(Math.log(present) / Math.log(2)) + 1);
            double width = (max - min) / bins;
            for (int b = 0; b < bins; b++) {
                labels.add(format(min + b * width) + " – " + format(b == bins - 1 ? max : min + (b + 1) * width));
            }
            rc = new long[bins];
            tc = new long[bins];
            countBins(ref, min, width, rc);
            countBins(tgt, min, width, tc);
        }
        return new ColumnComparison(ref.name(), ColumnType.NUMERIC, ref.size(), tgt.size(), ref.missingCount(),
                tgt.missingCount(), List.copyOf(labels), rc, tc);
    }

    private static void countDiscrete(NumericColumn c, Map<Double, Integer> index, long[] counts) {
        for (double v : c.values()) {
            if (!Double.isNaN(v)) {
                counts[index.get(v)]++;
            }
        }
    }

    private static void countBins(NumericColumn c, double min, double width, long[] counts) {
        for (double v : c.values()) {
            if (!Double.isNaN(v)) {
                int b = width == 0 ? 0 : (int) ((v - min) / width);
                counts[Math.min(counts.length - 1, Math.max(0, b))]++;
            }
        }
    }

    private static ColumnComparison categorical(Column ref, Column tgt) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        tally(ref, counts, 0);
        tally(tgt, counts, 1);
        List<Map.Entry<String, long[]>> ordered = new ArrayList<>(counts.entrySet());
        ordered.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
                .thenComparing(Map.Entry::getKey));
        int kept = ordered.size() <= MAX_CATEGORIES + 1 ? ordered.size() : MAX_CATEGORIES;
        int bars = kept + (ordered.size() > kept ? 1 : 0);
        List<String> labels = new ArrayList<>(bars);
        long[] rc = new long[bars];
        long[] tc = new long[bars];
        for (int i = 0; i < ordered.size(); i++) {
            int b = Math.min(i, kept);
            if (i < kept) {
                labels.add(ordered.get(i).getKey());
            }
            rc[b] += ordered.get(i).getValue()[0];
            tc[b] += ordered.get(i).getValue()[1];
        }
        if (bars > kept) {
            labels.add(OTHER);
        }
        ColumnType type = ref.type() == tgt.type() ? ref.type() : ColumnType.CATEGORICAL;
        return new ColumnComparison(ref.name(), type, ref.size(), tgt.size(), ref.missingCount(), tgt.missingCount(),
                List.copyOf(labels), rc, tc);
    }

    private static void tally(Column c, Map<String, long[]> counts, int side) {
        for (int i = 0; i < c.size(); i++) {
            String v = c.text(i);
            if (v != null) {
                counts.computeIfAbsent(v, k -> new long[2])[side]++;
            }
        }
    }

    private static String format(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(java.util.Locale.ROOT, "%.3g", v);
        }
        return String.format(java.util.Locale.ROOT, a >= 100 ? "%.0f" : "%.2f", v);
    }
}
