package org.shiftscope.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The numeric columns' pooled mean and standard deviation over both sides (one pass), the units the k-means clusters
 * and the MMD test standardise to (a constant column keeps scale 1), and the pooled row count.
 */
record Pooled(List<String> columns, double[] mean, double[] scale, long rows) {

    static Pooled of(Dataset<Row> reference, Dataset<Row> target, List<String> numeric) {
        Dataset<Row> pooled = doubles(reference, numeric).unionByName(doubles(target, numeric));
        List<Column> stats = new ArrayList<>();
        stats.add(functions.count(functions.lit(1)));
        for (int j = 0; j < numeric.size(); j++) {
            stats.add(functions.avg(functions.col("c" + j)));
            stats.add(functions.stddev_pop(functions.col("c" + j)));
        }
        Row m = pooled.agg(stats.get(0), stats.subList(1, stats.size()).toArray(Column[]::new)).first();
        double[] mean = new double[numeric.size()];
        double[] scale = new double[numeric.size()];
        for (int j = 0; j < numeric.size(); j++) {
            mean[j] = m.isNullAt(1 + 2 * j) ? 0 : m.getDouble(1 + 2 * j);
            double sd = m.isNullAt(2 + 2 * j) ? 0 : m.getDouble(2 + 2 * j);
            scale[j] = sd > 0 ? sd : 1;
        }
        return new Pooled(List.copyOf(numeric), mean, scale, m.getLong(0));
    }

    /** A side's numeric columns as doubles named c0, c1, ... */
    static Dataset<Row> doubles(Dataset<Row> rows, List<String> numeric) {
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < numeric.size(); j++) {
            cols.add(SparkInputs.column(rows, numeric.get(j)).cast("double").as("c" + j));
        }
        return rows.select(cols.toArray(Column[]::new));
    }
}
