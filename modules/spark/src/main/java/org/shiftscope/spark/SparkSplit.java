package org.shiftscope.spark;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.shiftscope.core.DataException;
import picocli.CommandLine.Option;

/**
 * The split every {@code spark} command reads, as the desktop commands define it: two sets of files, or one set cut
 * by two filters; the columns compared; the master. A picocli mixin.
 */
final class SparkSplit {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (default when not run by spark-submit), local[N], spark://host:port,"
                    + " yarn, k8s://...")
    String master;

    @Option(names = "--reference", paramLabel = "PATHS", description = "Reference files: Parquet, CSV or JSON Lines"
            + " paths or globs, comma-separated.")
    String reference;

    @Option(names = "--target", paramLabel = "PATHS", description = "Target files, as --reference.")
    String target;

    @Option(names = "--data", paramLabel = "PATHS", description = "One set of files both sides are cut from by"
            + " --reference-where and --target-where.")
    String data;

    @Option(names = "--reference-where", paramLabel = "FILTER", description = "Rows of the reference side, e.g."
            + " sex=Male or 'year<=2020 and region in {EU,US}'.")
    String referenceWhere;

    @Option(names = "--target-where", paramLabel = "FILTER", description = "Rows of the target side.")
    String targetWhere;

    @Option(names = "--columns", paramLabel = "A,B,...", split = ",",
            description = "Columns to compare (default: every column both sides have).")
    List<String> columns = List.of();

    /**
     * Both sides as read ({@code referenceRows}, {@code targetRows}: every column) and as analysed (the compared
     * columns, rows missing any of them left out, as the desktop's default {@code --missing drop}).
     */
    record Sides(Dataset<Row> reference, Dataset<Row> target, List<String> columns, Dataset<Row> referenceRows,
                 Dataset<Row> targetRows, long referenceAll, long targetAll, String referenceName, String targetName) {
    }

    /** Refuses a split that names neither or both ways of giving the sides, before Spark starts. */
    void check() {
        boolean split = reference != null || target != null;
        if (data == null && !split) {
            throw DataException.of("give --reference and --target, or --data with --reference-where and"
                    + " --target-where");
        }
        if (data != null && (split || referenceWhere == null || targetWhere == null)) {
            throw DataException.of(split ? "give either --data (with filters) or --reference and --target, not both"
                    : "--data needs --reference-where and --target-where");
        }
        if (data == null && (reference == null || target == null)) {
            throw DataException.of(reference == null ? "--target needs --reference" : "--reference needs --target");
        }
    }

    SparkSession session() {
        return SparkDetect.session(master);
    }

    Sides open(SparkSession spark) {
        Dataset<Row> ref;
        Dataset<Row> tgt;
        if (data != null) {
            Dataset<Row> all = SparkInputs.read(spark, data, "--data");
            ref = SparkInputs.where(all, referenceWhere, "--reference-where");
            tgt = SparkInputs.where(all, targetWhere, "--target-where");
        } else {
            ref = SparkInputs.read(spark, reference, "--reference");
            tgt = SparkInputs.read(spark, target, "--target");
        }
        List<String> cols = SparkInputs.columns(ref, tgt, columns);
        long refAll = ref.count();
        long tgtAll = tgt.count();
        String[] analysed = cols.toArray(String[]::new);
        return new Sides(ref.select(quoted(ref, analysed)).na().drop(analysed),
                tgt.select(quoted(tgt, analysed)).na().drop(analysed), cols, ref, tgt, refAll, tgtAll,
                data != null ? data + " where " + referenceWhere : reference,
                data != null ? data + " where " + targetWhere : target);
    }

    private static Column[] quoted(Dataset<Row> rows, String[] names) {
        return java.util.Arrays.stream(names).map(n -> SparkInputs.column(rows, n)).toArray(Column[]::new);
    }
}
