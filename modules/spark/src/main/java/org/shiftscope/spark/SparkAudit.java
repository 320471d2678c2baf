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

    private static List<ScaleSummary.Rate> side(Dataset<Row> rows, String side, String label, String prediction,
                                                String group, String positive) {
        for (String c : List.of(label, prediction, group)) {
            if (!List.of(rows.columns()).contains(c)) {
                throw DataException.setting("--audit-label/--audit-prediction/--audit-group", "no column '" + c
                        + "' on the " + side + " side (it has " + String.join(", ", rows.columns()) + ")");
            }
        }
        Column y = SparkInputs.column(rows, label).cast("string").equalTo(positive);
        Column p = SparkInputs.column(rows, prediction).cast("string").equalTo(positive);
        Dataset<Row> known = rows.where(SparkInputs.column(rows, label).isNotNull()
                .and(SparkInputs.column(rows, prediction).isNotNull())
                .and(SparkInputs.column(rows, group).isNotNull()));
        List<Row> groups = known.groupBy(SparkInputs.column(rows, group).cast("string").as("g")).agg(
                functions.count(functions.lit(1)),
                count(y.equalTo(p)),
                count(p),
                count(y),
                count(y.and(p)),
                count(functions.not(y).and(p))).collectAsList();
        List<long[]> counts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long[] all = new long[6];
        for (Row g : groups.stream().sorted(Comparator.comparing((Row r) -> r.getString(0))).toList()) {
            long[] c = new long[6];
            for (int i = 0; i < 6; i++) {
                c[i] = g.getLong(1 + i);
                all[i] += c[i];
            }
            names.add(g.getString(0));
            counts.add(c);
        }
        names.add(0, ALL);
        counts.add(0, all);
        List<ScaleSummary.Rate> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            long[] c = counts.get(i);
            long n = c[0];
            String g = names.get(i);
            long fn = c[3] - c[4];
            out.add(rate(g, side, "base_rate", c[3], n));
            out.add(rate(g, side, "selection_rate", c[2], n));
            out.add(rate(g, side, "accuracy", c[1], n));
            out.add(rate(g, side, "tpr", c[4], c[3]));
            out.add(rate(g, side, "fpr", c[5], n - c[3]));
            out.add(rate(g, side, "fnr", fn, c[3]));
            out.add(rate(g, side, "precision", c[4], c[2]));
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
