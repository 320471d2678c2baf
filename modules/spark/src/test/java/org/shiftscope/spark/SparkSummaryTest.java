package org.shiftscope.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import org.shiftscope.workflow.summary.CentroidTransport;
import org.shiftscope.workflow.summary.ScaleSummary;

/**
 * {@code spark detect --out} on local[2]: three well-separated blobs whose shares change between the sides (0.5,
 * 0.3, 0.2 to 0.2, 0.3, 0.5) and whose third blob moves by 1 along b; the clusters' counts and centroids, the
 * sample's strata and the audit's counts against the same rows counted here.
 */
class SparkSummaryTest {

    static final int NR = 60_000;
    static final int NT = 40_000;
    static final double[][] CENTRES = {{0, 0}, {10, 0}, {0, 10}};

    @TempDir
    static Path dir;

    /** Per side and blob: rows, sums of a and b; per side and group: rows, correct, predicted positive, ... */
    static long[][] blobRows = new long[2][3];
    static double[][][] blobSum = new double[2][3][2];
    static long[][][] audit = new long[2][2][6];
    static double[] sumSq = new double[2];

    @BeforeAll
    static void writeParquet() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fixture")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                    .add("g", DataTypes.StringType).add("label", DataTypes.IntegerType)
                    .add("pred", DataTypes.IntegerType);
            SplittableRandom rnd = new SplittableRandom(5);
            double[][] shares = {{0.5, 0.3, 0.2}, {0.2, 0.3, 0.5}};
            for (int side = 0; side < 2; side++) {
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < (side == 0 ? NR : NT); i++) {
                    double u = rnd.nextDouble();
                    int blob = u < shares[side][0] ? 0 : u < shares[side][0] + shares[side][1] ? 1 : 2;
                    double a = CENTRES[blob][0] + rnd.nextGaussian();
                    double b = CENTRES[blob][1] + rnd.nextGaussian() + (side == 1 && blob == 2 ? 1 : 0);
                    int group = rnd.nextDouble() < 0.4 ? 1 : 0;
                    int label = rnd.nextDouble() < 0.3 + 0.2 * group ? 1 : 0;
                    int pred = rnd.nextDouble() < (side == 0 ? 0.85 : 0.75) ? label : 1 - label;
                    blobRows[side][blob]++;
                    blobSum[side][blob][0] += a;
                    blobSum[side][blob][1] += b;
                    sumSq[0] += a * a;
                    sumSq[1] += b * b;
                    long[] c = audit[side][group];
                    c[0]++;
                    c[1] += label == pred ? 1 : 0;
                    c[2] += pred;
                    c[3] += label;
                    c[4] += label * pred;
                    c[5] += (1 - label) * pred;
                    rows.add(RowFactory.create(a, b, group == 1 ? "v" : "u", label, pred));
                }
                spark.createDataFrame(rows, schema).repartition(3).write()
                        .parquet(dir.resolve(side == 0 ? "ref" : "tgt").toString());
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void writesASummaryProjectWhoseCountsAreTheRowsOwn() throws Exception {
        Path out = dir.resolve("summary.shiftscope.json");
        StringWriter err = new StringWriter();
        int code = SparkMain.run(new String[] {"detect", "--master", "local[2]", "--reference",
                dir.resolve("ref") + "/*.parquet", "--target", dir.resolve("tgt") + "/*.parquet", "--columns", "a,b,g",
                "--out", out.toString(), "--clusters", "3", "--sample", "2000", "--audit-label", "label",
                "--audit-prediction", "pred", "--audit-group", "g", "--no-classifier"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("summary.sample.csv");
        Project p = ProjectStore.load(out);
        assertThat(p.view()).isEqualTo("summary");
        ScaleSummary s = p.summary();
        assertThat(s.engine().referenceRows()).isEqualTo(NR);
        assertThat(s.columns()).extracting(c -> c.drift().column()).containsExactly("a", "b", "g");

        // k-means finds the three blobs: each cluster's counts and centroids are a blob's, exactly
        ScaleSummary.Clusters c = s.clusters();
        assertThat(c.clusters()).hasSize(3);
        List<ScaleSummary.Cluster> byBlob = new ArrayList<>(c.clusters());
        byBlob.sort(Comparator.comparingDouble((ScaleSummary.Cluster k) -> k.referenceCentroid()[0]
                + 100 * k.referenceCentroid()[1]));
        for (int blob = 0; blob < 3; blob++) {
            ScaleSummary.Cluster k = byBlob.get(blob);
            assertThat(k.reference()).isEqualTo(blobRows[0][blob]);
            assertThat(k.target()).isEqualTo(blobRows[1][blob]);
            for (int f = 0; f < 2; f++) {
                assertThat(k.referenceCentroid()[f]).isCloseTo(blobSum[0][blob][f] / blobRows[0][blob], within(1e-9));
                assertThat(k.targetCentroid()[f]).isCloseTo(blobSum[1][blob][f] / blobRows[1][blob], within(1e-9));
            }
        }
        // the transport between the centroids as the single machine computes it from those clusters
        CentroidTransport.Result t = CentroidTransport.solve(c.features(), c.mean(), c.scale(), c.clusters(),
                TaskMonitor.NONE);
        assertThat(c.transport().w2sq()).isCloseTo(t.w2sq(), within(1e-12));
        assertThat(c.transport().percentExplained()).isCloseTo(t.percentExplained(), within(1e-9));
        // the first blob loses 30 % of the mass: the plan sends it to the third
        ScaleSummary.Cluster first = byBlob.get(0);
        ScaleSummary.Cluster third = byBlob.get(2);
        double moved = c.transport().flows().stream().filter(f -> f.from() == first.id() && f.to() == third.id())
                .mapToDouble(CentroidTransport.Flow::mass).sum();
        assertThat(moved).isCloseTo((double) blobRows[0][0] / NR - (double) blobRows[1][0] / NT, within(0.02));

        // the sample: 1,000 rows a side, each cluster's share of its side to one row
        List<String> lines = Files.readAllLines(dir.resolve("summary.sample.csv"));
        assertThat(lines.get(0)).isEqualTo("side,spark_cluster,a,b,g");
        assertThat(lines).hasSize(2001);
        for (int side = 0; side < 2; side++) {
            String name = side == 0 ? "reference" : "target";
            assertThat(lines.stream().filter(l -> l.startsWith(name + ",")).count()).isEqualTo(1000);
            for (ScaleSummary.Cluster k : c.clusters()) {
                long rows = lines.stream().filter(l -> l.startsWith(name + "," + k.id() + ",")).count();
                double share = (side == 0 ? k.reference() : k.target()) / (double) (side == 0 ? NR : NT);
                assertThat((double) rows).isCloseTo(1000 * share, within(1.0));
            }
        }
        assertThat(s.sample().reference()).isEqualTo(1000);

        // the audit: counts of the rows themselves, per group and side
        for (int side = 0; side < 2; side++) {
            for (int group = 0; group < 2; group++) {
                long[] n = audit[side][group];
                String sideName = side == 0 ? "reference" : "target";
                String groupName = group == 1 ? "v" : "u";
                ScaleSummary.Rate acc = rate(s, groupName, sideName, "accuracy");
                assertThat(acc.numerator()).isEqualTo(n[1]);
                assertThat(acc.denominator()).isEqualTo(n[0]);
                ScaleSummary.Rate tpr = rate(s, groupName, sideName, "tpr");
                assertThat(tpr.numerator()).isEqualTo(n[4]);
                assertThat(tpr.denominator()).isEqualTo(n[3]);
                ScaleSummary.Rate fpr = rate(s, groupName, sideName, "fpr");
                assertThat(fpr.numerator()).isEqualTo(n[5]);
                assertThat(fpr.denominator()).isEqualTo(n[0] - n[3]);
                assertThat(acc.low()).isLessThan(acc.value());
                assertThat(acc.high()).isGreaterThan(acc.value());
            }
        }
        assertThat(rate(s, "(all)", "target", "selection_rate").numerator())
                .isEqualTo(audit[1][0][2] + audit[1][1][2]);
    }

    private static ScaleSummary.Rate rate(ScaleSummary s, String group, String side, String metric) {
        return s.audit().rates().stream().filter(r -> r.group().equals(group) && r.side().equals(side)
                && r.metric().equals(metric)).findFirst().orElseThrow();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    }

    private String[] split(String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--master", "local[2]", "--reference",
                dir.resolve("ref") + "/*.parquet", "--target", dir.resolve("tgt") + "/*.parquet"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void mapPrintsTheDesktopShapeWithEveryRowsClusters() throws Exception {
        Path points = dir.resolve("points.csv");
        var map = json(split("map", "--columns", "a,b", "--clusters", "3", "--sample", "1000", "--format", "json",
                "--out", points.toString()));
        assertThat(SchemaFields.missing("map", map)).isEmpty();
        assertThat(map.get("n_reference").asLong()).isEqualTo(NR);
        List<Long> ref = new ArrayList<>();
        List<String> trends = new ArrayList<>();
        map.get("clusters").forEach(c -> ref.add(c.get("n_reference").asLong()));
        assertThat(ref).containsExactlyInAnyOrder(blobRows[0][0], blobRows[0][1], blobRows[0][2]);
        for (var c : map.get("clusters")) {
            int blob = java.util.stream.IntStream.range(0, 3).filter(b -> blobRows[0][b] == c.get("n_reference")
                    .asLong()).findFirst().orElseThrow();
            assertThat(c.get("n_target").asLong()).isEqualTo(blobRows[1][blob]);
            trends.add(blob + ":" + c.get("trend").asText());
        }
        // shares 0.5 -> 0.2 (ratio about 0.4), 0.3 -> 0.3, 0.2 -> 0.5 (about 2.5)
        assertThat(trends).containsExactlyInAnyOrder("0:shrank", "1:stable", "2:grew");
        // three separated blobs in two dimensions: the map keeps neighbourhoods
        assertThat(map.get("trustworthiness").asDouble()).isGreaterThan(0.95);
        assertThat(Files.readAllLines(points)).hasSize(1001).first().isEqualTo("side,row,x,y,cluster");
    }

    @Test
    void explainPrintsTheTransportBetweenTheBlobs() throws Exception {
        var ex = json(split("explain", "--columns", "a,b", "--clusters", "3", "--format", "json"));
        assertThat(SchemaFields.missing("explain", ex)).isEmpty();
        // the same transport from the blobs as generated: counts, means and the pooled standardisation computed here
        double[] mean = new double[2];
        double[] sq = new double[2];
        List<ScaleSummary.Cluster> blobs = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            double[][] centroid = new double[2][2];
            for (int side = 0; side < 2; side++) {
                for (int f = 0; f < 2; f++) {
                    centroid[side][f] = blobSum[side][b][f] / blobRows[side][b];
                    mean[f] += blobSum[side][b][f] / (NR + NT);
                }
            }
            blobs.add(new ScaleSummary.Cluster(b, blobRows[0][b], blobRows[1][b], centroid[0], centroid[1]));
        }
        double[] scale = {Math.sqrt(sumSq[0] / (NR + NT) - mean[0] * mean[0]),
            Math.sqrt(sumSq[1] / (NR + NT) - mean[1] * mean[1])};
        CentroidTransport.Result t = CentroidTransport.solve(List.of("a", "b"), mean, scale, blobs, TaskMonitor.NONE);
        assertThat(ex.get("w2sq").asDouble()).isCloseTo(t.w2sq(), within(1e-6 * t.w2sq()));
        assertThat(ex.get("curve").get(0).get("percent_explained").asDouble())
                .isCloseTo(t.percentExplained(), within(1e-6));
        assertThat(ex.get("clusters")).hasSize(3);
    }

    @Test
    void auditPrintsTheDesktopAuditFromTheRowsCounts() throws Exception {
        var au = json(split("audit", "--label", "label", "--prediction", "pred", "--group", "g", "--resamples", "200",
                "--format", "json"));
        assertThat(SchemaFields.missing("audit", au)).as("fields of the desktop audit")
                .allMatch(m -> m.contains("transport_clusters"));
        for (int side = 0; side < 2; side++) {
            var s = au.get(side == 0 ? "reference" : "target");
            assertThat(s.get("rows").asLong()).isEqualTo(side == 0 ? NR : NT);
            assertThat(s.get("reference_group").asText()).isEqualTo("u"); // the larger group
            var groups = s.get("groups");
            assertThat(groups).hasSize(2);
            double[] selection = new double[2];
            for (var g : groups) {
                int k = g.get("group").asText().equals("v") ? 1 : 0;
                long[] n = audit[side][k];
                assertThat(g.get("n").asLong()).isEqualTo(n[0]);
                assertThat(g.get("accuracy").asDouble()).isEqualTo((double) n[1] / n[0]);
                assertThat(g.get("precision").asDouble()).isEqualTo((double) n[4] / n[2]);
                assertThat(g.get("tpr").asDouble()).isEqualTo((double) n[4] / n[3]);
                assertThat(g.get("ci").get("accuracy").get(0).asDouble()).isLessThan(g.get("accuracy").asDouble());
                selection[k] = (double) n[2] / n[0];
            }
            var dp = java.util.stream.StreamSupport.stream(s.get("disparities").spliterator(), false)
                    .filter(d -> d.get("name").asText().equals("demographic_parity_difference")).findFirst()
                    .orElseThrow();
            assertThat(dp.get("value").asDouble()).isCloseTo(Math.abs(selection[1] - selection[0]), within(1e-15));
        }
        assertThat(au.get("change")).hasSize(2);
    }

    @Test
    void refusesAnOutputTheAppWouldNotOpen() {
        StringWriter err = new StringWriter();
        int code = SparkMain.run(new String[] {"detect", "--reference", "a.parquet", "--target", "b.parquet", "--out",
                "summary.json"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("must end in .shiftscope.json").contains("(--out)");
    }
}
