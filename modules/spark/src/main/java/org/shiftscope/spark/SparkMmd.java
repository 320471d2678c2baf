package org.shiftscope.spark;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.analysis.RandomFeatureMmd;
import org.shiftscope.core.Distances;

/**
 * The MMD test on Spark ({@link RandomFeatureMmd}): the numeric columns standardised by the pooled mean and standard
 * deviation ({@link Pooled}), the bandwidth the median pairwise distance of up to 1,000 seeded pooled rows (as the
 * desktop's), then one pass per side that sums each partition's random features and their products; the driver
 * merges the partitions' sums and tests.
 */
final class SparkMmd {

    private SparkMmd() {
    }

    /** Null when no analysed column is numeric; {@code pooled}: the standardisation (null: computed here). */
    static MmdTest.Result test(Dataset<Row> reference, Dataset<Row> target, List<String> numeric, int features,
                               long seed, Pooled pooled) {
        if (numeric.isEmpty()) {
            return null;
        }
        int d = numeric.size();
        Pooled p = pooled != null ? pooled : Pooled.of(reference, target, numeric);
        List<Row> few = Pooled.doubles(reference, numeric).unionByName(Pooled.doubles(target, numeric))
                .sample(false, Math.min(1.0, 2000.0 / Math.max(1, p.rows())), seed).limit(1000).collectAsList();
        double[] x = new double[few.size() * d];
        for (int i = 0; i < few.size(); i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (few.get(i).getDouble(j) - p.mean()[j]) / p.scale()[j];
            }
        }
        double sigma = Distances.medianPairwise(x, few.size(), d, 1000, new SplittableRandom(seed));
        RandomFeatureMmd.Features f = RandomFeatureMmd.Features.draw(d, features, sigma, seed);
        return RandomFeatureMmd.test(f, moments(reference, numeric, p.mean(), p.scale(), f),
                moments(target, numeric, p.mean(), p.scale(), f));
    }

    /** One side's feature moments: each partition sums its rows', the driver merges the partitions'. */
    private static RandomFeatureMmd.Moments moments(Dataset<Row> side, List<String> numeric, double[] mean,
                                                    double[] scale, RandomFeatureMmd.Features f) {
        int d = numeric.size();
        return Pooled.doubles(side, numeric).javaRDD().mapPartitions(rows -> {
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
