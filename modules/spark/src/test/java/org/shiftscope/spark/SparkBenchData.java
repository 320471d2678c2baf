package org.shiftscope.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Writes the benchmark's generated split (bench/spark/run.sh): ROWS reference and ROWS target rows as Parquet under
 * DIR/ref and DIR/tgt (16 files each), and again as one file each under DIR/ref-one and DIR/tgt-one, columns x (normal; the target's mean 0.05 higher, sd 1.1), y (exponential, scale 2 vs 2.2,
 * rounded to 0.1, 5 % missing) and g (A/B/C with shares 0.5/0.3/0.2 vs 0.45/0.35/0.2), seeded. A program, not a
 * test. Usage: SparkBenchData ROWS DIR
 */
public final class SparkBenchData {

    private SparkBenchData() {
    }

    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]);
        String dir = args[1];
        SparkSession spark = SparkSession.builder().master("local[*]").appName("bench data")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            for (int side = 0; side < 2; side++) {
                Dataset<Row> ids = spark.range(0, rows, 1, 16).toDF("id");
                double mean = side == 0 ? 0 : 0.05;
                double sd = side == 0 ? 1 : 1.1;
                double scale = side == 0 ? 2 : 2.2;
                double shareA = side == 0 ? 0.5 : 0.45;
                long seed = 100 + side;
                Dataset<Row> out = ids
                        .withColumn("x", functions.randn(seed).multiply(sd).plus(mean))
                        .withColumn("u", functions.rand(seed + 10))
                        .withColumn("y", functions.when(functions.rand(seed + 20).geq(0.05),
                                functions.round(functions.log(functions.col("u")).multiply(-scale), 1)))
                        .withColumn("v", functions.rand(seed + 30))
                        .withColumn("g", functions.when(functions.col("v").lt(shareA), "A")
                                .when(functions.col("v").lt(0.8), "B").otherwise("C"))
                        .select("x", "y", "g");
                String name = side == 0 ? "ref" : "tgt";
                out.write().mode("overwrite").parquet(dir + "/" + name);
                // the same rows as one file, for the single-machine command (it reads one file a side)
                spark.read().parquet(dir + "/" + name).coalesce(1).write().mode("overwrite")
                        .parquet(dir + "/" + name + "-one");
            }
        } finally {
            spark.stop();
        }
    }
}
