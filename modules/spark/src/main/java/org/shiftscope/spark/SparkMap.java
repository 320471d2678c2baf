package org.shiftscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.AtomicFile;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.projection.Projector;
import org.shiftscope.workflow.summary.ScaleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shiftscope spark map}: the subpopulation map of data no machine holds, in the desktop {@code map}'s JSON
 * shape: k-means clusters (Spark MLlib) of every row with each side's counts, shares and trend, and the 2-D
 * projection (PCA, t-SNE or UMAP, on the driver) of a stratified sample ({@link SparkClusters}) in the clusters'
 * standardised units. Counts are of every row; the projection, its trustworthiness and {@code --out}'s points are of
 * the sample.
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "k-means clusters of every row with each side's shares (Spark MLlib), and a 2-D map of a"
                + " stratified sample.")
final class SparkMap implements Callable<Integer> {

    @Mixin
    SparkSplit split = new SparkSplit();

    @picocli.CommandLine.Mixin
    ClusterOptions kmeans = new ClusterOptions();

    @Option(names = "--sample", paramLabel = "N", defaultValue = "100000",
            description = "Rows of the stratified sample the map shows (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--method", paramLabel = "pca|tsne|umap", defaultValue = "pca",
            description = "Projection (default ${DEFAULT-VALUE}), fitted on its preview size and the rest placed.")
    String method;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of k-means, the sample and the projection"
            + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write side,row,x,y,cluster for every sampled"
            + " point (row: its place in the sample).")
    Path out;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        split.check();
        kmeans.check();
        if (sample < 3) {
            throw DataException.setting("--sample", "a map needs at least 3 rows, not " + sample);
        }
        Projector.Method projection = Projector.Method.parse(method);
        SparkCommands.checkFormat(format);
        long start = System.nanoTime();
        SparkSession spark = split.session();
        try {
            SparkSplit.Sides sides = split.open(spark);
            List<String> numeric = SparkCommands.numeric(sides);
            SparkClusters.Result r = SparkClusters.run(sides.reference(), sides.target(), sides.columns(), numeric,
                    kmeans.clusters, kmeans.fit, sample, seed, null);
            ScaleSummary.Clusters c = r.clusters();
            int n = r.sample().size();
            int d = numeric.size();
            double[] x = new double[n * d];
            for (int i = 0; i < n; i++) {
                Row row = r.sample().get(i);
                for (int j = 0; j < d; j++) {
                    int at = 2 + sides.columns().indexOf(numeric.get(j));
                    x[i * d + j] = (((Number) row.get(at)).doubleValue() - c.mean()[j]) / c.scale()[j];
                }
            }
            Projector.Result p = Projector.project(x, n, d, Projector.Options.of(projection, seed), TaskMonitor.NONE);
            if (out != null) {
                points(r, p);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode json = json(c, r.info(), p, numeric, seconds, spark);
            PrintWriter printed = spec.commandLine().getOut();
            if (format.equals("json")) {
                printed.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
            } else {
                text(c, r.info(), p, printed, seconds);
            }
            printed.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private ObjectNode json(ScaleSummary.Clusters c, ScaleSummary.Sample s, Projector.Result p, List<String> numeric,
                            double seconds, SparkSession spark) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("schema", "shiftscope/map/v1");
        root.put("method", p.method().id());
        root.put("fitted", p.fitted());
        root.put("projected_dims", p.dims());
        root.put("projection_seconds", p.seconds());
        root.put("n_reference", c.referenceRows());
        root.put("n_target", c.targetRows());
        root.put("standardize", "zscore");
        numeric.forEach(root.putArray("features")::add);
        root.put("seed", seed);
        ObjectNode grouping = root.putObject("clustering");
        grouping.put("method", "kmeans");
        grouping.put("clusters", c.clusters().size());
        grouping.put("fitted", c.fittedOn());
        ArrayNode table = root.putArray("clusters");
        for (ScaleSummary.Cluster k : c.clusters()) {
            double rs = c.referenceRows() == 0 ? 0 : (double) k.reference() / c.referenceRows();
            double ts = c.targetRows() == 0 ? 0 : (double) k.target() / c.targetRows();
            ObjectNode o = table.addObject();
            o.put("cluster", k.id());
            o.put("n_reference", k.reference());
            o.put("n_target", k.target());
            o.put("reference_share", rs);
            o.put("target_share", ts);
            double ratio = Subpopulations.ratio(rs, ts);
            if (Double.isFinite(ratio)) {
                o.put("ratio", ratio);
            } else {
                o.putNull("ratio");
            }
            o.put("trend", Subpopulations.trend(rs, ts).id());
        }
        root.put("trustworthiness", p.trustworthiness());
        root.put("seconds", seconds);
        ObjectNode sampled = root.putObject("sample");
        sampled.put("reference", s.reference());
        sampled.put("target", s.target());
        sampled.put("stratified_by", "side, then k-means cluster in proportion to its rows");
        SparkCommands.engine(root, spark, seconds);
        return root;
    }

    private void points(SparkClusters.Result r, Projector.Result p) {
        try {
            AtomicFile.write(out, stream -> {
                java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream,
                        java.nio.charset.StandardCharsets.UTF_8));
                w.write("side,row,x,y,cluster\n");
                for (int i = 0; i < r.sample().size(); i++) {
                    Row row = r.sample().get(i);
                    w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%d%n", row.getString(0), i, p.xy()[2 * i],
                            p.xy()[2 * i + 1], row.getInt(1)));
                }
                w.flush();
            });
        } catch (IOException e) {
            throw DataException.setting("--out", "'" + out + "' cannot be written: " + e.getMessage());
        }
    }

    private static void text(ScaleSummary.Clusters c, ScaleSummary.Sample s, Projector.Result p, PrintWriter out,
                             double seconds) {
        out.printf(Locale.ROOT, "%,d reference x %,d target rows in %d k-means clusters (fitted on %,d rows); map of"
                + " a %,d + %,d row sample by %s, trustworthiness %.3f (%.1f s)%n", c.referenceRows(), c.targetRows(),
                c.clusters().size(), c.fittedOn(), s.reference(), s.target(), p.method().id(), p.trustworthiness(),
                seconds);
        out.printf(Locale.ROOT, "%-8s %14s %14s %10s %10s  %s%n", "cluster", "reference", "target", "ref share",
                "tgt share", "trend");
        for (ScaleSummary.Cluster k : c.clusters()) {
            double rs = (double) k.reference() / Math.max(1, c.referenceRows());
            double ts = (double) k.target() / Math.max(1, c.targetRows());
            out.printf(Locale.ROOT, "%-8d %,14d %,14d %10.4f %10.4f  %s%n", k.id(), k.reference(), k.target(), rs, ts,
                    Subpopulations.trend(rs, ts).id());
        }
    }
}
