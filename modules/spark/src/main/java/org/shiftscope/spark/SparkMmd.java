package org.shiftscope.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.analysis.RandomFeatureMmd;
import org.shiftscope.core.Distances;

/**
 * The MMD test on Spark ({@link RandomFeatureMmd}): the numeric columns standardised by the pooled mean and standard
 * deviation (one pass), the bandwidth the median pairwise distance of up to 1,000 seeded pooled rows (as the
 * desktop's), then one pass per side that sums each partition's random features and their products; the driver
 * merges the partitions' sums and tests.
 */
final class SparkMmd {

    private SparkMmd() {
    }

    /** Null when no analysed column is numeric. */
    static MmdTest.Result test(Dataset<Row> reference, Dataset<Row> target, List<String> numeric, int features,
                               long seed) {
        if (numeric.isEmpty()) {
            return null;
        }
        int d = numeric.size();
        Dataset<Row> pooled = doubles(reference, numeric).unionByName(doubles(target, numeric));
        List<Column> stats = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            stats.add(functions.avg(functions.col("c" + j)));
            stats.add(functions.stddev_pop(functions.col("c" + j)));
            stats.add(functions.count(functions.lit(1)));
        }
        Row moments = pooled.agg(stats.get(0), stats.subList(1, stats.size()).toArray(Column[]::new)).first();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = moments.getDouble(3 * j);
            double sd = moments.isNullAt(3 * j + 1) ? 0 : moments.getDouble(3 * j + 1);
            scale[j] = sd > 0 ? sd : 1;
        }
        long total = moments.getLong(2);
        List<Row> few = pooled.sample(false, Math.min(1.0, 2000.0 / Math.max(1, total)), seed).limit(1000)
                .collectAsList();
        double[] x = new double[few.size() * d];
        for (int i = 0; i < few.size(); i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (few.get(i).getDouble(j) - mean[j]) / scale[j];
            }
        }
        double sigma = Distances.medianPairwise(x, few.size(), d, 1000, new SplittableRandom(seed));
        RandomFeatureMmd.Features f = RandomFeatureMmd.Features.draw(d, features, sigma, seed);
        return RandomFeatureMmd.test(f, moments(reference, numeric, mean, scale, f),
                moments(target, numeric, mean, scale, f));
    }

    private static Dataset<Row> doubles(Dataset<Row> rows, List<String> numeric) {
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < numeric.size(); j++) {
            cols.add(SparkInputs.column(rows, numeric.get(j)).cast("double").as("c" + j));
        }
        return rows.select(cols.toArray(Column[]::new));
    }

    /** One side's feature moments: each partition sums its rows', the driver merges the partitions'. */
    private static RandomFeatureMmd.Moments moments(Dataset<Row> side, List<String> numeric, double[] mean,
                                                    double[] scale, RandomFeatureMmd.Features f) {
        int d = numeric.size();
        return doubles(side, numeric).javaRDD().mapPartitions(rows -> {
            RandomFeatureMmd.Moments m = new RandomFeatureMmd.Moments(f.count());
            double[] z = new double[d];
            double[] phi = new double[f.count()];
            while (rows.hasNext()) {
                Row r = rows.next();
                for (int j = 0; j < d; j++) {
                    z[j] = (r.getDouble(j) - mean[j]) / scale[j];
                }
                f.apply(z, 0, phi);
                m.add(phi);
            }
            return List.of(m).iterator();
        }).reduce(RandomFeatureMmd.Moments::merge);
    }
}
