package org.shiftscope.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.summary.ScaleSummary;

/**
 * Per-group audit rates on Spark: for each side and each value of the group column (and "(all)"), the desktop
 * audit's base rate, selection rate, accuracy, TPR, FPR, FNR and precision of a prediction column against a label
 * column, from exact
 * counts (one pass per side), each with its 95 % Wilson score interval. Rows missing the label, the prediction or
 * the group are left out. Values are compared as text, so 1, "1" and true = "true" match as the files spell them.
 */
final class SparkAudit {

    static final String ALL = "(all)";

    private SparkAudit() {
    }

    static ScaleSummary.Audit run(Dataset<Row> reference, Dataset<Row> target, String label, String prediction,
                                  String group, String positive) {
        List<ScaleSummary.Rate> rates = new ArrayList<>();
        rates.addAll(side(reference, "reference", label, prediction, group, positive));
        rates.addAll(side(target, "target", label, prediction, group, positive));
        return new ScaleSummary.Audit(label, prediction, group, positive, rates);
    }

    /**
     * One side's confusion counts per group (sorted by name): {@code cells[g]} = true positives, false positives, true
     * negatives, false negatives; {@code used} the rows with a label, a decision and a group.
     */
    record Counts(List<String> groups, long[][] cells, long used) {
    }

    /** The counts of one side, in one pass. */
    static Counts counts(Dataset<Row> rows, String side, String label, String prediction, String group,
                         String positive) {
        for (String c : List.of(label, prediction, group)) {
            if (!List.of(rows.columns()).contains(c)) {
                throw DataException.setting("--label/--prediction/--group", "no column '" + c + "' on the " + side
                        + " side (it has " + String.join(", ", rows.columns()) + ")");
            }
        }
        Column y = SparkInputs.column(rows, label).cast("string").equalTo(positive);
        Column p = SparkInputs.column(rows, prediction).cast("string").equalTo(positive);
        Dataset<Row> known = rows.where(SparkInputs.column(rows, label).isNotNull()
                .and(SparkInputs.column(rows, prediction).isNotNull())
                .and(SparkInputs.column(rows, group).isNotNull()));
        List<Row> found = known.groupBy(SparkInputs.column(rows, group).cast("string").as("g")).agg(
                count(y.and(p)),
                count(functions.not(y).and(p)),
                count(functions.not(y).and(functions.not(p))),
                count(y.and(functions.not(p)))).collectAsList();
        List<Row> sorted = found.stream().sorted(Comparator.comparing((Row r) -> r.getString(0))).toList();
        long[][] cells = new long[sorted.size()][4];
        long used = 0;
        for (int g = 0; g < sorted.size(); g++) {
            for (int c = 0; c < 4; c++) {
                cells[g][c] = sorted.get(g).getLong(1 + c);
                used += cells[g][c];
            }
        }
        return new Counts(sorted.stream().map(r -> r.getString(0)).toList(), cells, used);
    }

    private static List<ScaleSummary.Rate> side(Dataset<Row> rows, String side, String label, String prediction,
                                                String group, String positive) {
        Counts k = counts(rows, side, label, prediction, group, positive);
        List<String> names = new ArrayList<>(k.groups());
        List<long[]> cells = new ArrayList<>(List.of(k.cells()));
        long[] all = new long[4];
        for (long[] c : k.cells()) {
            for (int i = 0; i < 4; i++) {
                all[i] += c[i];
            }
        }
        names.add(0, ALL);
        cells.add(0, all);
        List<ScaleSummary.Rate> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            long[] c = cells.get(i);
            long tp = c[0];
            long fp = c[1];
            long tn = c[2];
            long fn = c[3];
            long n = tp + fp + tn + fn;
            String g = names.get(i);
            out.add(rate(g, side, "base_rate", tp + fn, n));
            out.add(rate(g, side, "selection_rate", tp + fp, n));
            out.add(rate(g, side, "accuracy", tp + tn, n));
            out.add(rate(g, side, "tpr", tp, tp + fn));
            out.add(rate(g, side, "fpr", fp, fp + tn));
            out.add(rate(g, side, "fnr", fn, tp + fn));
            out.add(rate(g, side, "precision", tp, tp + fp));
        }
        return out;
    }

    private static Column count(Column condition) {
        return functions.sum(functions.when(condition, 1L).otherwise(0L));
    }

    static ScaleSummary.Rate rate(String group, String side, String metric, long k, long n) {
        return new ScaleSummary.Rate(group, side, metric, k, n, n == 0 ? Double.NaN : (double) k / n,
                Subpopulations.wilson(k, n, -1), Subpopulations.wilson(k, n, 1));
    }
}
