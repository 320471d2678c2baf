package org.shiftscope.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.shiftscope.workflow.summary.ScaleSummary.Sketch;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.DriftTests;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.analysis.SketchDrift;
import org.shiftscope.analysis.UnivariateDrift;
import org.shiftscope.core.DataException;

/**
 * Per-column drift of two sides no one machine needs to hold: numeric columns from quantile sketches
 * ({@link SketchDrift}: KS and Wasserstein-1 with stated bounds; PSI and Jensen-Shannon from exact counts in the
 * bins of the reference's sketched deciles), categorical ones from exact category counts (the same chi-square,
 * Fisher, PSI, Jensen-Shannon and Cramer's V as the desktop's {@code detect}). Spark passes over each side three
 * times for the numeric columns: rows, counts, minima and maxima; the sketches; the bin counts.
 */
final class SparkDrift {

    /** sketches: a numeric column's sketch settings and bounds; null for categorical columns. */
    record Report(List<ColumnDrift> columns, List<Sketch> sketches, long referenceRows, long targetRows,
                  List<String> numeric, List<String> categorical) {
    }

    private SparkDrift() {
    }

    static Report run(Dataset<Row> reference, Dataset<Row> target, List<String> columns, double eps, int grid,
                      int maxCategories, MultipleTesting correction, double alpha) {
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        for (String c : columns) {
            DataType tr = reference.schema().apply(c).dataType();
            DataType tt = target.schema().apply(c).dataType();
            if (tr instanceof NumericType && tt instanceof NumericType) {
                numeric.add(c);
            } else if ((tr instanceof StringType || tr instanceof BooleanType || tr instanceof NumericType)
                    && (tt instanceof StringType || tt instanceof BooleanType || tt instanceof NumericType)) {
                categorical.add(c);
            } else {
                throw DataException.setting("--columns", "column '" + c + "' is " + tr.simpleString()
                        + " / " + tt.simpleString() + ": only numbers, text and booleans are compared");
            }
        }
        Side r = new Side(reference, numeric);
        Side t = new Side(target, numeric);
        double[] probabilities = SketchDrift.probabilities(grid);
        String[] names = numeric.toArray(String[]::new);
        double[][] qr = names.length == 0 ? new double[0][] : reference.stat().approxQuantile(names, probabilities, eps);
        double[][] qt = names.length == 0 ? new double[0][] : target.stat().approxQuantile(names, probabilities, eps);
        double[][] edges = new double[names.length][];
        for (int c = 0; c < names.length; c++) {
            edges[c] = qr[c].length == 0 ? new double[0] : SketchDrift.decileEdges(qr[c]);
        }
        long[][] binR = binCounts(reference, numeric, edges);
        long[][] binT = binCounts(target, numeric, edges);
        Map<String, DriftTests.Raw> raws = new LinkedHashMap<>();
        Map<String, Sketch> sketches = new LinkedHashMap<>();
        Map<String, long[]> sizes = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            long a = r.present[c];
            long b = t.present[c];
            sizes.put(names[c], new long[] {a, b});
            if (a == 0 || b == 0) {
                raws.put(names[c], null);
                continue;
            }
            SketchDrift.Result s = SketchDrift.numeric(qr[c], qt[c], a, b, Math.min(r.min[c], t.min[c]),
                    Math.max(r.max[c], t.max[c]), eps, binR[c], binT[c]);
            raws.put(names[c], s.raw());
            sketches.put(names[c], new Sketch(eps, grid, s.ksBound(), s.w1Bound(), s.pLow(), s.pHigh()));
        }
        for (String c : categorical) {
            Map<String, Long> cr = categories(reference, c, maxCategories);
            Map<String, Long> ct = categories(target, c, maxCategories);
            TreeSet<String> all = new TreeSet<>(cr.keySet());
            all.addAll(ct.keySet());
            double[] a = new double[all.size()];
            double[] b = new double[all.size()];
            int j = 0;
            for (String v : all) {
                a[j] = cr.getOrDefault(v, 0L);
                b[j++] = ct.getOrDefault(v, 0L);
            }
            long sa = cr.values().stream().mapToLong(Long::longValue).sum();
            long sb = ct.values().stream().mapToLong(Long::longValue).sum();
            sizes.put(c, new long[] {sa, sb});
            raws.put(c, sa == 0 || sb == 0 ? null : DriftTests.categoricalCounts(a, b));
        }
        List<DriftTests.Raw> ordered = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Sketch> sketchList = new ArrayList<>();
        for (String c : columns) {
            ordered.add(raws.get(c));
            long[] n = sizes.get(c);
            counts.add(new int[] {rows(n[0], c), rows(n[1], c)});
            sketchList.add(sketches.get(c));
        }
        return new Report(UnivariateDrift.assemble(columns, ordered, counts, correction, alpha), sketchList, r.rows, t.rows,
                numeric, categorical);
    }

    private static int rows(long n, String column) {
        if (n > Integer.MAX_VALUE) {
            throw DataException.of("column '" + column + "' has " + n + " values on one side; this version reports"
                    + " counts up to " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    /**
     * One pass: the side's row count, and each numeric column's count of present values (not null, not NaN),
     * minimum and maximum.
     */
    private static final class Side {
        final long rows;
        final long[] present;
        final double[] min;
        final double[] max;

        Side(Dataset<Row> data, List<String> numeric) {
            int k = numeric.size();
            present = new long[k];
            min = new double[k];
            max = new double[k];
            List<Column> aggs = new ArrayList<>();
            for (String c : numeric) {
                Column v = value(data, c);
                aggs.add(functions.count(v));
                aggs.add(functions.min(v));
                aggs.add(functions.max(v));
            }
            Row out = data.agg(functions.count(functions.lit(1)), aggs.toArray(Column[]::new)).first();
            rows = out.getLong(0);
            for (int c = 0; c < k; c++) {
                present[c] = out.getLong(1 + 3 * c);
                min[c] = out.isNullAt(2 + 3 * c) ? Double.NaN : out.getDouble(2 + 3 * c);
                max[c] = out.isNullAt(3 + 3 * c) ? Double.NaN : out.getDouble(3 + 3 * c);
            }
        }
    }

    /** The column as a double, null where missing or NaN. */
    private static Column value(Dataset<Row> rows, String c) {
        Column v = SparkInputs.column(rows, c).cast("double");
        return functions.when(v.isNotNull().and(functions.not(functions.isnan(v))), v);
    }

    /** Per numeric column, the rows in each bin (bin = number of edges <= value), in one pass. */
    private static long[][] binCounts(Dataset<Row> rows, List<String> numeric, double[][] edges) {
        long[][] out = new long[numeric.size()][];
        List<Column> aggs = new ArrayList<>();
        for (int c = 0; c < numeric.size(); c++) {
            out[c] = new long[edges[c].length + 1];
            Column v = value(rows, numeric.get(c));
            Column bin = functions.lit(0);
            for (double e : edges[c]) {
                bin = bin.plus(functions.when(v.geq(e), 1).otherwise(0));
            }
            for (int b = 0; b <= edges[c].length; b++) {
                aggs.add(functions.count(functions.when(v.isNotNull().and(bin.equalTo(b)), 1)));
            }
        }
        if (aggs.isEmpty()) {
            return out;
        }
        Row row = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        int at = 0;
        for (long[] counts : out) {
            for (int b = 0; b < counts.length; b++) {
                counts[b] = row.getLong(at++);
            }
        }
        return out;
    }

    /** Rows per category (missing left out), refusing more than maxCategories distinct values. */
    private static Map<String, Long> categories(Dataset<Row> rows, String c, int maxCategories) {
        Column v = SparkInputs.column(rows, c);
        List<Row> found = rows.where(v.isNotNull()).groupBy(v.cast("string").as("v")).count()
                .limit(maxCategories + 1).collectAsList();
        if (found.size() > maxCategories) {
            throw DataException.setting("--max-categories", "column '" + c + "' has more than " + maxCategories
                    + " distinct values: leave it out with --columns, or raise the limit");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : found) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
