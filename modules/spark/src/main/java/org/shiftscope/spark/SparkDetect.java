package org.shiftscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.DriftJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shiftscope spark detect}: per-column drift as the desktop's {@code detect} prints it (rows missing an
 * analysed value left out, as its default {@code --missing drop})
 * ({@code shiftscope/detect/v1}'s {@code univariate} list, correction, alpha, verdict), numeric columns from quantile
 * sketches marked with their bounds, the classifier two-sample test ({@link SparkClassifier}), plus the engine's
 * facts. The MMD test is not run on Spark yet.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Per-column drift of a reference and a target split on Spark (KS and Wasserstein-1 from quantile"
                + " sketches with stated bounds; chi-square and PSI from exact counts).")
final class SparkDetect implements Callable<Integer> {

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

    @Option(names = "--relative-error", paramLabel = "EPS", defaultValue = "0.001",
            description = "Rank error of the quantile sketches (default ${DEFAULT-VALUE}); the KS bound is about 2 EPS"
                    + " + 1 / GRID.")
    double relativeError;

    @Option(names = "--grid", paramLabel = "G", defaultValue = "1000",
            description = "Quantiles read from each sketch, at i / G (default ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--max-categories", paramLabel = "K", defaultValue = "1000",
            description = "Most distinct values a text column may have (default ${DEFAULT-VALUE}).")
    int maxCategories;

    @Option(names = "--correction", paramLabel = "holm|bonferroni|bh|none", defaultValue = "holm",
            description = "Multiple-testing correction across the columns (default ${DEFAULT-VALUE}).")
    String correction;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--no-classifier",
            description = "Skip the classifier two-sample test (MLlib logistic regression, AUC on held-out rows), run"
                    + " by default.")
    boolean noClassifier;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the classifier's train/test split"
            + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: a table (default) or the JSON of shiftscope/detect/v1.")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        check();
        long start = System.nanoTime();
        SparkSession spark = session(master);
        try {
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
            // as the desktop's --missing drop: a row missing any analysed value is left out of every test
            long refAll = ref.count();
            long tgtAll = tgt.count();
            String[] analysed = cols.toArray(String[]::new);
            ref = ref.select(quoted(ref, analysed)).na().drop(analysed);
            tgt = tgt.select(quoted(tgt, analysed)).na().drop(analysed);
            SparkDrift.Report r = SparkDrift.run(ref, tgt, cols, relativeError, grid, maxCategories,
                    MultipleTesting.parse(correction), alpha);
            ClassifierTest.Result c = !noClassifier ? SparkClassifier.test(ref, tgt, r.numeric(), r.categorical(), seed)
                    : null;
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode json = json(r, c, spark, seconds);
            ((ObjectNode) json.get("engine")).put("dropped_reference", refAll - r.referenceRows());
            ((ObjectNode) json.get("engine")).put("dropped_target", tgtAll - r.targetRows());
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
            } else {
                text(r, c, out, seconds);
            }
            out.flush();
            return 0;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            spark.stop();
        }
    }

    private void check() {
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
        if (!(relativeError > 0 && relativeError < 0.1)) {
            throw DataException.setting("--relative-error", "must lie in (0, 0.1), not " + relativeError);
        }
        if (grid < 10 || grid > 100_000) {
            throw DataException.setting("--grid", "must lie in 10..100000, not " + grid);
        }
        if (!format.equals("json") && !format.equals("text")) {
            throw DataException.setting("--format", "use text or json, not '" + format + "'");
        }
    }

    private static org.apache.spark.sql.Column[] quoted(Dataset<Row> rows, String[] names) {
        return java.util.Arrays.stream(names).map(n -> SparkInputs.column(rows, n))
                .toArray(org.apache.spark.sql.Column[]::new);
    }

    /** The session: the given master, spark-submit's when it set one, else local[*]. */
    static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("ShiftScope").config("spark.ui.enabled", "false");
        boolean submitted = System.getProperty("spark.master") != null;
        if (master != null) {
            b.master(master);
        } else if (!submitted) {
            b.master("local[*]");
        }
        return b.getOrCreate();
    }

    ObjectNode json(SparkDrift.Report r, ClassifierTest.Result test, SparkSession spark, double seconds) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("schema", "shiftscope/detect/v1");
        ArrayNode univariate = root.putArray("univariate");
        DriftJson.columns(univariate, r.columns());
        for (int c = 0; c < r.columns().size(); c++) {
            SparkDrift.Sketch s = r.sketches().get(c);
            ObjectNode o = (ObjectNode) univariate.get(c);
            o.put("sketched", s != null);
            if (s != null) {
                ObjectNode k = o.putObject("sketch");
                k.put("relative_error", s.relativeError());
                k.put("grid", s.grid());
                DriftJson.number(k, "ks_bound", s.ksBound());
                DriftJson.number(k, "wasserstein1_bound", s.w1Bound());
                ArrayNode range = k.putArray("p_value_range");
                range.add(s.pLow());
                range.add(s.pHigh());
            }
        }
        if (test != null) {
            ObjectNode cls = root.putObject("classifier");
            DriftJson.number(cls, "auc", test.auc());
            DriftJson.number(cls, "p_value", test.pValue());
            test.topFeatures().forEach(cls.putArray("top_features")::add);
            cls.put("method", test.method());
        }
        root.put("correction", MultipleTesting.parse(correction).id());
        root.put("alpha", alpha);
        root.put("drift", drift(r, test));
        ObjectNode engine = root.putObject("engine");
        engine.put("name", "spark");
        engine.put("spark_version", spark.version());
        engine.put("master", spark.sparkContext().master());
        engine.put("rows_reference", r.referenceRows());
        engine.put("rows_target", r.targetRows());
        engine.put("seconds", seconds);
        return root;
    }

    /** As the desktop's verdict: a column drifted, or the classifier told the sides apart. */
    private boolean drift(SparkDrift.Report r, ClassifierTest.Result c) {
        return r.columns().stream().anyMatch(ColumnDrift::drift) || (c != null && c.pValue() < alpha);
    }

    private void text(SparkDrift.Report r, ClassifierTest.Result test, java.io.PrintWriter out, double seconds) {
        out.printf(Locale.ROOT, "%,d reference x %,d target rows (%.1f s)%n", r.referenceRows(), r.targetRows(),
                seconds);
        out.printf(Locale.ROOT, "%-24s %-6s %12s %12s %12s %8s  %s%n", "column", "test", "statistic", "p", "p adjusted",
                "drift", "sketch bound");
        for (int c = 0; c < r.columns().size(); c++) {
            ColumnDrift d = r.columns().get(c);
            SparkDrift.Sketch s = r.sketches().get(c);
            out.printf(Locale.ROOT, "%-24s %-6s %12.4g %12.3g %12.3g %8s  %s%n", d.column(), d.test(), d.statistic(),
                    d.pValue(), d.pAdjusted(), d.drift() ? "yes" : "no",
                    s == null ? "exact" : String.format(Locale.ROOT, "KS +- %.4f", s.ksBound()));
        }
        if (test != null) {
            out.printf(Locale.ROOT, "classifier: AUC %.4f, p = %.3g (%s); top features %s%n", test.auc(),
                    test.pValue(), test.method(), String.join(", ", test.topFeatures()));
        }
        out.println("drift: " + (drift(r, test) ? "yes" : "no"));
    }
}
