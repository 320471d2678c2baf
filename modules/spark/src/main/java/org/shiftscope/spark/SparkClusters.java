package org.shiftscope.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.summary.CentroidTransport;
import org.shiftscope.workflow.summary.ScaleSummary;

/**
 * k-means clusters of both sides on Spark MLlib and the stratified sample drawn from them. The numeric columns are
 * standardised by the pooled rows' mean and standard deviation; k-means (k-means|| start, at most 30 iterations) is
 * fitted on a seeded sample of at most {@code fit} pooled rows, then every row is assigned to its nearest centre in
 * one pass that also counts each side's rows per cluster and sums their values (the centroids). The sample keeps
 * every analysed column: each side gets half the requested rows (a side with fewer takes all of them, the other
 * the rest), and within a side every cluster gives rows in proportion to its count (largest remainders), drawn by a
 * seeded uniform key: Bernoulli draws with a margin, trimmed per cluster to exact counts on the driver.
 */
final class SparkClusters {

    static final String SIDE = "side";
    static final String CLUSTER = "spark_cluster";

    /**
     * @param clusters the clusters (null when no column is numeric)
     * @param sample   the sampled rows: side, cluster (-1 without clusters), then the analysed columns
     */
    record Result(ScaleSummary.Clusters clusters, List<Row> sample, ScaleSummary.Sample info) {
    }

    private SparkClusters() {
    }

    /** {@code standardisation}: the numeric columns' pooled moments, or null to compute them here. */
    static Result run(Dataset<Row> reference, Dataset<Row> target, List<String> columns, List<String> numeric, int k,
                      int fit, long sampleSize, long seed, Pooled standardisation) {
        Dataset<Row> pooled = side(reference, columns, "reference").unionByName(side(target, columns, "target"));
        ScaleSummary.Clusters clusters = null;
        Dataset<Row> assigned;
        if (numeric.isEmpty()) {
            assigned = pooled.withColumn(CLUSTER, functions.lit(-1));
        } else {
            Pooled p = standardisation != null ? standardisation : Pooled.of(reference, target, numeric);
            double[] mean = p.mean();
            double[] scale = p.scale();
            List<String> standardised = new ArrayList<>();
            Dataset<Row> z = pooled;
            for (int j = 0; j < numeric.size(); j++) {
                String name = "__z" + j;
                z = z.withColumn(name, SparkInputs.column(pooled, numeric.get(j)).cast("double").minus(mean[j])
                        .divide(scale[j]));
                standardised.add(name);
            }
            Dataset<Row> vectors = new VectorAssembler().setInputCols(standardised.toArray(String[]::new))
                    .setOutputCol("__features").transform(z);
            double fraction = Math.min(1.0, (double) fit / Math.max(1, p.rows()));
            Dataset<Row> fitRows = (fraction < 1 ? vectors.sample(false, fraction, seed) : vectors).cache();
            long fitted = fitRows.count();
            KMeansModel model = new KMeans().setK(k).setSeed(seed).setMaxIter(30).setFeaturesCol("__features")
                    .setPredictionCol(CLUSTER).fit(fitRows);
            fitRows.unpersist();
            Dataset<Row> labelled = model.transform(vectors).drop("__features");
            for (String s : standardised) {
                labelled = labelled.drop(s);
            }
            assigned = labelled;
            clusters = centroids(assigned, numeric, model.clusterCenters().length, mean, scale, fitted, seed);
        }
        return sampleSize == 0 ? new Result(clusters, List.of(), new ScaleSummary.Sample(0, 0, 0, seed))
                : sample(assigned, columns, clusters, sampleSize, seed);
    }

    private static Dataset<Row> side(Dataset<Row> rows, List<String> columns, String side) {
        List<Column> cols = new ArrayList<>();
        cols.add(functions.lit(side).as(SIDE));
        for (String c : columns) {
            cols.add(SparkInputs.column(rows, c).as(c));
        }
        return rows.select(cols.toArray(Column[]::new));
    }

    /** Each side's rows and column means per cluster (one pass), and the transport between the centroids. */
    private static ScaleSummary.Clusters centroids(Dataset<Row> assigned, List<String> numeric, int k, double[] mean,
                                                   double[] scale, long fitted, long seed) {
        List<Column> aggs = new ArrayList<>();
        for (String c : numeric) {
            aggs.add(functions.avg(SparkInputs.column(assigned, c).cast("double")));
        }
        List<Row> groups = assigned.groupBy(functions.col(SIDE), functions.col(CLUSTER))
                .agg(functions.count(functions.lit(1)), aggs.toArray(Column[]::new)).collectAsList();
        long[][] counts = new long[2][k];
        double[][][] centroid = new double[2][k][numeric.size()];
        for (double[][] side : centroid) {
            for (double[] c : side) {
                java.util.Arrays.fill(c, Double.NaN);
            }
        }
        for (Row g : groups) {
            int s = g.getString(0).equals("reference") ? 0 : 1;
            int c = g.getInt(1);
            counts[s][c] = g.getLong(2);
            for (int j = 0; j < numeric.size(); j++) {
                centroid[s][c][j] = g.getDouble(3 + j);
            }
        }
        List<ScaleSummary.Cluster> list = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            list.add(new ScaleSummary.Cluster(c, counts[0][c], counts[1][c], centroid[0][c], centroid[1][c]));
        }
        CentroidTransport.Result transport = CentroidTransport.solve(numeric, mean, scale, list, TaskMonitor.NONE);
        return new ScaleSummary.Clusters(numeric, mean, scale, fitted, seed, list, transport);
    }

    /** The stratified sample (see the class comment). */
    private static Result sample(Dataset<Row> assigned, List<String> columns, ScaleSummary.Clusters clusters,
                                 long size, long seed) {
        Map<String, Long> strata = new HashMap<>();
        if (clusters != null) {
            for (ScaleSummary.Cluster c : clusters.clusters()) {
                strata.put("reference/" + c.id(), c.reference());
                strata.put("target/" + c.id(), c.target());
            }
        } else {
            for (Row r : assigned.groupBy(SIDE).count().collectAsList()) {
                strata.put(r.getString(0) + "/-1", r.getLong(1));
            }
        }
        long nRef = strata.entrySet().stream().filter(e -> e.getKey().startsWith("reference/"))
                .mapToLong(Map.Entry::getValue).sum();
        long nTgt = strata.entrySet().stream().filter(e -> e.getKey().startsWith("target/"))
                .mapToLong(Map.Entry::getValue).sum();
        long half = size / 2;
        long takeRef = Math.min(nRef, Math.max(half, size - nTgt));
        long takeTgt = Math.min(nTgt, size - takeRef);
        Map<String, Long> quota = new HashMap<>();
        quota.putAll(allocate(strata, "reference/", nRef, takeRef));
        quota.putAll(allocate(strata, "target/", nTgt, takeTgt));
        Map<String, Double> fractions = new HashMap<>();
        for (Map.Entry<String, Long> e : quota.entrySet()) {
            long n = strata.get(e.getKey());
            double want = e.getValue() + 4 * Math.sqrt(e.getValue()) + 10; // a margin: a shortfall is unlikely
            fractions.put(e.getKey(), n == 0 ? 0.0 : Math.min(1.0, want / n));
        }
        List<Column> ordered = new ArrayList<>(List.of(functions.col(SIDE), functions.col(CLUSTER)));
        for (String c : columns) {
            ordered.add(SparkInputs.column(assigned, c));
        }
        Dataset<Row> keyed = assigned.select(ordered.toArray(Column[]::new)).withColumn("__stratum", functions.concat_ws("/", functions.col(SIDE),
                functions.col(CLUSTER).cast("string"))).withColumn("__key", functions.rand(seed + 1));
        Dataset<Row> drawn = keyed.stat().sampleBy(functions.col("__stratum"), fractions, seed);
        List<Row> rows = new ArrayList<>(drawn.collectAsList());
        int stratumAt = rows.isEmpty() ? 0 : rows.get(0).fieldIndex("__stratum");
        int keyAt = rows.isEmpty() ? 0 : rows.get(0).fieldIndex("__key");
        rows.sort(java.util.Comparator.comparingDouble((Row r) -> r.getDouble(keyAt)));
        Map<String, Long> taken = new HashMap<>();
        List<Row> kept = new ArrayList<>();
        long keptRef = 0;
        for (Row r : rows) {
            String s = r.getString(stratumAt);
            long t = taken.getOrDefault(s, 0L);
            if (t < quota.getOrDefault(s, 0L)) {
                taken.put(s, t + 1);
                kept.add(r);
                keptRef += s.startsWith("reference/") ? 1 : 0;
            }
        }
        return new Result(clusters, kept, new ScaleSummary.Sample(size, keptRef, kept.size() - keptRef, seed));
    }

    /** {@code take} rows dealt to one side's strata in proportion to their rows, by largest remainders. */
    static Map<String, Long> allocate(Map<String, Long> strata, String side, long total, long take) {
        Map<String, Long> out = new HashMap<>();
        if (total == 0) {
            return out;
        }
        List<String> keys = strata.keySet().stream().filter(s -> s.startsWith(side)).sorted().toList();
        long dealt = 0;
        double[] remainder = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            double exact = (double) take * strata.get(keys.get(i)) / total;
            long floor = (long) Math.floor(exact);
            out.put(keys.get(i), floor);
            remainder[i] = exact - floor;
            dealt += floor;
        }
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
        for (int i = 0; dealt < take && i < order.length; i++, dealt++) {
            out.merge(keys.get(order[i]), 1L, Long::sum);
        }
        return out;
    }
}
