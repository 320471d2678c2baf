package org.shiftscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.analysis.RandomFeatureMmd;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.summary.ScaleSummary;
import org.shiftscope.workflow.summary.SummaryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shiftscope spark detect}: per-column drift as the desktop's {@code detect} prints it (rows missing an
 * analysed value left out, as its default {@code --missing drop})
 * ({@code shiftscope/detect/v1}'s {@code univariate} list, correction, alpha, verdict), numeric columns from quantile
 * sketches marked with their bounds, the classifier two-sample test ({@link SparkClassifier}) and the MMD test on random
 * features ({@link SparkMmd}), plus the engine's facts.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Per-column drift of a reference and a target split on Spark (KS and Wasserstein-1 from quantile"
                + " sketches with stated bounds; chi-square and PSI from exact counts).")
final class SparkDetect implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    SparkSplit split = new SparkSplit();

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

    @Option(names = "--no-mmd",
            description = "Skip the MMD test (a Gaussian kernel on the numeric columns through random Fourier features,"
                    + " Hotelling's chi-square p), run by default.")
    boolean noMmd;

    @Option(names = "--mmd-features", paramLabel = "D", defaultValue = "" + RandomFeatureMmd.FEATURES,
            description = "Random Fourier features of the MMD test (default ${DEFAULT-VALUE}).")
    int mmdFeatures;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the classifier's train/test split"
            + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "NAME.shiftscope.json",
            description = "Also write a summary project the desktop app opens: these results, k-means clusters with"
                    + " each side's shares and the transport between them, the audit when asked for, and a"
                    + " stratified sample (NAME.sample.csv beside it) its views analyse.")
    String out;

    @picocli.CommandLine.Mixin
    ClusterOptions kmeans = new ClusterOptions();

    @Option(names = "--sample", paramLabel = "N", defaultValue = "100000",
            description = "Rows of the summary's stratified sample (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--audit-label", paramLabel = "COLUMN", description = "Audit per group: the true label.")
    String auditLabel;

    @Option(names = "--audit-prediction", paramLabel = "COLUMN", description = "Audit: the model's prediction.")
    String auditPrediction;

    @Option(names = "--audit-group", paramLabel = "COLUMN", description = "Audit: the group column.")
    String auditGroup;

    @Option(names = "--audit-positive", paramLabel = "VALUE", defaultValue = "1",
            description = "Audit: the positive label (default ${DEFAULT-VALUE}).")
    String auditPositive;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: a table (default) or the JSON of shiftscope/detect/v1.")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private java.nio.file.Path outFile;

    @Override
    public Integer call() {
        check();
        outFile = out == null ? null : SummaryOutput.check(out);
        long start = System.nanoTime();
        SparkSession spark = split.session();
        try {
            SparkSplit.Sides sides = split.open(spark);
            Dataset<Row> ref = sides.reference();
            Dataset<Row> tgt = sides.target();
            List<String> cols = sides.columns();
            SparkDrift.Report r = SparkDrift.run(ref, tgt, cols, relativeError, grid, maxCategories,
                    MultipleTesting.parse(correction), alpha);
            ClassifierTest.Result c = !noClassifier ? SparkClassifier.test(ref, tgt, r.numeric(), r.categorical(), seed)
                    : null;
            // the numeric columns' pooled standardisation, shared by the MMD test and the clusters
            Pooled pooled = r.numeric().isEmpty() || (noMmd && outFile == null) ? null
                    : Pooled.of(ref, tgt, r.numeric());
            MmdTest.Result mmd = noMmd ? null : SparkMmd.test(ref, tgt, r.numeric(), mmdFeatures, seed, pooled);
            SparkClusters.Result clustered = outFile == null ? null
                    : SparkClusters.run(ref, tgt, cols, r.numeric(), kmeans.clusters, kmeans.fit, sample, seed, pooled);
            ScaleSummary.Audit audit = outFile == null || auditLabel == null ? null
                    : SparkAudit.run(sides.referenceRows(), sides.targetRows(), auditLabel, auditPrediction,
                            auditGroup, auditPositive);
            double seconds = (System.nanoTime() - start) / 1e9;
            ScaleSummary summary = summary(r, c, mmd, spark, seconds, sides, clustered, audit);
            if (outFile != null) {
                SummaryOutput.write(outFile, summary, cols, clustered.sample());
            }
            java.io.PrintWriter printed = spec.commandLine().getOut();
            if (format.equals("json")) {
                printed.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(SummaryJson.detect(summary)));
            } else {
                text(r, c, mmd, printed, seconds);
            }
            if (outFile != null) {
                spec.commandLine().getErr().println("wrote " + outFile + " and " + SummaryOutput.sampleFile(outFile)
                        .getFileName() + " (open it: shiftscope " + outFile.getFileName() + ")");
            }
            printed.flush();
            return 0;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            spark.stop();
        }
    }

    private void check() {
        split.check();
        if (!(relativeError > 0 && relativeError < 0.1)) {
            throw DataException.setting("--relative-error", "must lie in (0, 0.1), not " + relativeError);
        }
        if (grid < 10 || grid > 100_000) {
            throw DataException.setting("--grid", "must lie in 10..100000, not " + grid);
        }
        SparkCommands.checkFormat(format);
        kmeans.check();
        if (sample < 3) {
            throw DataException.setting("--sample", "a map needs at least 3 rows, not " + sample);
        }
        int audit = (auditLabel == null ? 0 : 1) + (auditPrediction == null ? 0 : 1) + (auditGroup == null ? 0 : 1);
        if (audit != 0 && audit != 3) {
            throw DataException.setting("--audit-label", "the audit needs --audit-label, --audit-prediction and"
                    + " --audit-group together");
        }
        if (audit == 3 && out == null) {
            throw DataException.setting("--out", "the audit's rates go to the summary project: give --out");
        }
    }

    /** The session: the given master, spark-submit's when it set one, else local[*]. */
    static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("ShiftScope").config("spark.ui.enabled", "false");
        boolean submitted = System.getProperty("spark.master") != null;
        if (master != null) {
            b.master(master);
            // a cluster's executors need our classes: outside spark-submit (which ships its jar), the jar for
            // spark-submit built beside this module's jar goes with the job
            String jar = submitted || master.startsWith("local") ? null : submitJar();
            if (jar != null && System.getProperty("spark.jars") == null) {
                b.config("spark.jars", jar);
            }
        } else if (!submitted) {
            b.master("local[*]");
        }
        return b.getOrCreate();
    }

    /** shiftscope-spark-submit.jar beside the jar this class came from (or that jar itself), or null. */
    static String submitJar() {
        try {
            java.security.CodeSource source = SparkDetect.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            java.nio.file.Path here = java.nio.file.Path.of(source.getLocation().toURI());
            java.nio.file.Path jar = here.getFileName().toString().equals("shiftscope-spark-submit.jar") ? here
                    : here.resolveSibling("shiftscope-spark-submit.jar");
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw DataException.setting("--master", "a cluster needs the job's jar and " + jar + " is missing;"
                        + " build it (./mvnw -pl modules/spark -am package) or run through spark-submit");
            }
            return jar.toString();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** What the run found, as the summary project and the JSON output hold it. */
    private ScaleSummary summary(SparkDrift.Report r, ClassifierTest.Result test, MmdTest.Result mmd, SparkSession spark,
                                 double seconds,
                                 SparkSplit.Sides sides, SparkClusters.Result clustered, ScaleSummary.Audit audit) {
        List<ScaleSummary.Column> cols = new java.util.ArrayList<>();
        for (int c = 0; c < r.columns().size(); c++) {
            cols.add(new ScaleSummary.Column(r.columns().get(c), r.sketches().get(c)));
        }
        ScaleSummary.Engine engine = new ScaleSummary.Engine("spark", spark.version(), spark.sparkContext().master(),
                sides.referenceName(), sides.targetName(), r.referenceRows(), r.targetRows(),
                sides.referenceAll() - r.referenceRows(), sides.targetAll() - r.targetRows(), seconds,
                java.time.Instant.now().toString());
        ScaleSummary.Classifier classifier = test == null ? null
                : new ScaleSummary.Classifier(test.auc(), test.pValue(), test.method(), test.topFeatures());
        return new ScaleSummary(engine, cols, classifier, mmd == null ? null : new ScaleSummary.Mmd(mmd.statistic(),
                mmd.pValue(), mmd.method(), mmd.bandwidth()), MultipleTesting.parse(correction).id(), alpha,
                drift(r, test, mmd), clustered == null ? null : clustered.clusters(), audit,
                clustered == null ? null : clustered.info());
    }

    /** As the desktop's verdict: a column drifted, or the MMD or the classifier test told the sides apart. */
    private boolean drift(SparkDrift.Report r, ClassifierTest.Result c, MmdTest.Result mmd) {
        return r.columns().stream().anyMatch(ColumnDrift::drift) || (c != null && c.pValue() < alpha)
                || (mmd != null && mmd.pValue() < alpha);
    }

    private void text(SparkDrift.Report r, ClassifierTest.Result test, MmdTest.Result mmd, java.io.PrintWriter out,
                      double seconds) {
        out.printf(Locale.ROOT, "%,d reference x %,d target rows (%.1f s)%n", r.referenceRows(), r.targetRows(),
                seconds);
        out.printf(Locale.ROOT, "%-24s %-6s %12s %12s %12s %8s  %s%n", "column", "test", "statistic", "p", "p adjusted",
                "drift", "sketch bound");
        for (int c = 0; c < r.columns().size(); c++) {
            ColumnDrift d = r.columns().get(c);
            ScaleSummary.Sketch s = r.sketches().get(c);
            out.printf(Locale.ROOT, "%-24s %-6s %12.4g %12.3g %12.3g %8s  %s%n", d.column(), d.test(), d.statistic(),
                    d.pValue(), d.pAdjusted(), d.drift() ? "yes" : "no",
                    s == null ? "exact" : String.format(Locale.ROOT, "KS +- %.4f", s.ksBound()));
        }
        if (test != null) {
            out.printf(Locale.ROOT, "classifier: AUC %.4f, p = %.3g (%s); top features %s%n", test.auc(),
                    test.pValue(), test.method(), String.join(", ", test.topFeatures()));
        }
        if (mmd != null) {
            out.printf(Locale.ROOT, "MMD: %.4g, p = %.3g (%s, bandwidth %.3g)%n", mmd.statistic(), mmd.pValue(),
                    mmd.method(), mmd.bandwidth());
        }
        out.println("drift: " + (drift(r, test, mmd) ? "yes" : "no"));
    }
}
