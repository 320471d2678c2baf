package org.shiftscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import org.shiftscope.workflow.summary.CentroidTransport;
import org.shiftscope.workflow.summary.ScaleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shiftscope spark explain}: the k-cluster transport explanation on the clusters' weighted centroids
 * ({@link CentroidTransport}) of every row's k-means cluster, in the desktop {@code explain}'s JSON shape: one point
 * of the PercentExplained curve (k = the clusters), the clusters' centroids and displacements. What it approximates is
 * stated in the output ({@code approximates}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Which groups moved where: the transport between the k-means clusters' weighted centroids of"
                + " every row (Spark MLlib).")
final class SparkExplain implements Callable<Integer> {

    @Mixin
    SparkSplit split = new SparkSplit();

    @picocli.CommandLine.Mixin
    ClusterOptions kmeans = new ClusterOptions();

    @Option(names = "--seed", defaultValue = "0", description = "Seed of k-means (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        split.check();
        kmeans.check();
        SparkCommands.checkFormat(format);
        long start = System.nanoTime();
        SparkSession spark = split.session();
        try {
            SparkSplit.Sides sides = split.open(spark);
            List<String> numeric = SparkCommands.numeric(sides);
            ScaleSummary.Clusters c = SparkClusters.run(sides.reference(), sides.target(), sides.columns(), numeric,
                    kmeans.clusters, kmeans.fit, 0, seed, null).clusters();
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(json(c, spark, seconds)));
            } else {
                text(c, out, seconds);
            }
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Sum over the reference clusters of mass times squared displacement (standardised): the map's parsimony. */
    static double parsimony(CentroidTransport.Result t) {
        return t.moves().stream().mapToDouble(m -> m.mass() * m.normSq()).sum();
    }

    private ObjectNode json(ScaleSummary.Clusters c, SparkSession spark, double seconds) {
        CentroidTransport.Result t = c.transport();
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("schema", "shiftscope/explain/v1");
        root.put("method", "kcluster");
        root.put("solver", "exact transport between the clusters' centroids weighted by their rows");
        root.put("standardize", "zscore");
        root.put("w2sq", t.w2sq());
        root.put("approximates", "the k-cluster map with the row-level optimal transport replaced by the transport"
                + " between the clusters' weighted centroids; w2sq is that of the quantised sides and leaves out"
                + " movement within clusters; mean_shift_sq, the squared distance between the sides' means, is a lower"
                + " bound of the rows' W2^2");
        root.put("mean_shift_sq", t.meanShiftSq());
        root.putArray("discrete");
        ArrayNode curve = root.putArray("curve");
        ObjectNode point = curve.addObject();
        point.put("k", c.clusters().size());
        ArrayNode features = point.putArray("features");
        double[] overall = new double[c.features().size()];
        for (CentroidTransport.Move m : t.moves()) {
            for (int j = 0; j < overall.length; j++) {
                overall[j] += m.mass() * Math.abs(m.displacement()[j] / c.scale()[j]);
            }
        }
        IntStream.range(0, overall.length).boxed().filter(j -> overall[j] > 0)
                .sorted((a, b) -> Double.compare(overall[b], overall[a])).forEach(j -> features.add(c.features().get(j)));
        point.put("w2sq_after", t.after());
        point.put("percent_explained", t.percentExplained());
        point.put("percent_explained_sd", 0.0);
        point.put("parsimony", parsimony(t));
        point.put("samples", 1);
        ArrayNode list = root.putArray("clusters");
        for (CentroidTransport.Move m : t.moves()) {
            ScaleSummary.Cluster k = c.clusters().stream().filter(x -> x.id() == m.cluster()).findFirst().orElseThrow();
            ObjectNode o = list.addObject();
            o.put("cluster", m.cluster());
            o.put("size", k.reference());
            ArrayNode centroid = o.putArray("centroid");
            for (double v : k.referenceCentroid()) {
                centroid.add(v);
            }
            ArrayNode disp = o.putArray("displacement");
            for (double v : m.displacement()) {
                disp.add(v);
            }
            o.put("displacement_norm", Math.sqrt(m.normSq()));
            m.topFeatures().forEach(o.putArray("top_features")::add);
        }
        ArrayNode flows = root.putArray("flows");
        for (CentroidTransport.Flow f : t.flows()) {
            ObjectNode o = flows.addObject();
            o.put("from", f.from());
            o.put("to", f.to());
            o.put("mass", f.mass());
        }
        c.features().forEach(root.putArray("features")::add);
        SparkCommands.engine(root, spark, seconds);
        return root;
    }

    private static void text(ScaleSummary.Clusters c, PrintWriter out, double seconds) {
        CentroidTransport.Result t = c.transport();
        out.printf(Locale.ROOT, "%,d reference x %,d target rows, %d clusters (%.1f s)%n", c.referenceRows(),
                c.targetRows(), c.clusters().size(), seconds);
        out.printf(Locale.ROOT, "W2^2 between the clusters' weighted centroids %.4g (standardised); the k-cluster map"
                + " explains %.1f %% of it; the sides' means differ by %.4g (squared)%n", t.w2sq(),
                t.percentExplained(), t.meanShiftSq());
        for (CentroidTransport.Move m : t.moves()) {
            StringBuilder by = new StringBuilder();
            for (String f : m.topFeatures()) {
                by.append(String.format(Locale.ROOT, " %s %+.4g", f, m.displacement()[c.features().indexOf(f)]));
            }
            out.printf(Locale.ROOT, "cluster %d (%.1f %% of the reference) moves by%s%n", m.cluster(), 100 * m.mass(),
                    by);
        }
    }
}
