package org.shiftscope.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.shiftscope.analysis.DriftTests;

/**
 * {@code spark detect} on local[2] against the single-machine tests on the same rows: 150,000 reference and 120,000
 * target rows written as Parquet (several files a side), a shifted normal column, a skewed column with missing
 * values and ties, and a category whose shares change.
 */
class SparkDetectTest {

    static final int NR = 150_000;
    static final int NT = 120_000;

    @TempDir
    static Path dir;

    static double[][] x = new double[2][];
    static double[][] y = new double[2][];
    static String[][] g = new String[2][];
    static int[][] present = new int[2][];

    /** The values of rows whose y is present. */
    static double[] complete(double[] v, int side) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> present[side][i] == 1).mapToDouble(i -> v[i])
                .toArray();
    }

    static String[] complete(String[] v, int side) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> present[side][i] == 1).mapToObj(i -> v[i])
                .toArray(String[]::new);
    }

    @BeforeAll
    static void writeParquet() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fixture")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType, true)
                    .add("g", DataTypes.StringType);
            SplittableRandom rnd = new SplittableRandom(21);
            for (int side = 0; side < 2; side++) {
                int n = side == 0 ? NR : NT;
                x[side] = new double[n];
                List<Double> ys = new ArrayList<>();
                g[side] = new String[n];
                List<Row> rows = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    x[side][i] = side == 0 ? rnd.nextGaussian() : 0.05 + 1.1 * rnd.nextGaussian();
                    // skewed, rounded to 0.1 (many ties), missing in 5 %
                    Double yi = rnd.nextDouble() < 0.05 ? null
                            : Math.round(-Math.log(rnd.nextDouble()) * (side == 0 ? 2 : 2.2) * 10) / 10.0;
                    ys.add(yi);
                    double u = rnd.nextDouble();
                    g[side][i] = u < (side == 0 ? 0.5 : 0.45) ? "A" : u < 0.8 ? "B" : "C";
                    rows.add(RowFactory.create(x[side][i], yi, g[side][i]));
                }
                // the single-machine tests see the complete rows (detect's default --missing drop)
                present[side] = ys.stream().mapToInt(v -> v == null ? 0 : 1).toArray();
                y[side] = ys.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
                spark.createDataFrame(rows, schema).repartition(3).write()
                        .parquet(dir.resolve(side == 0 ? "ref" : "tgt").toString());
            }
        } finally {
            spark.stop();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    @Test
    void agreesWithTheSingleMachineTestsWithinItsStatedBounds() throws Exception {
        Result r = run("detect", "--master", "local[2]", "--reference", dir.resolve("ref") + "/*.parquet",
                "--target", dir.resolve("tgt") + "/*.parquet", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = r.json();
        assertThat(root.get("schema").asText()).isEqualTo("shiftscope/detect/v1");
        assertThat(SchemaFields.missing("detect", root)).as("fields the desktop detect's schema requires").isEmpty();
        assertThat(root.get("engine").get("rows_reference").asLong()).isEqualTo(y[0].length);
        assertThat(root.get("engine").get("rows_target").asLong()).isEqualTo(y[1].length);
        assertThat(root.get("engine").get("master").asText()).isEqualTo("local[2]");
        JsonNode[] cols = new JsonNode[3];
        root.get("univariate").forEach(c -> cols[List.of("x", "y", "g").indexOf(c.get("column").asText())] = c);
        for (int c = 0; c < 2; c++) {
            double[] a = c == 0 ? complete(x[0], 0) : y[0];
            double[] b = c == 0 ? complete(x[1], 1) : y[1];
            DriftTests.Raw exact = DriftTests.numeric(a, b);
            JsonNode s = cols[c];
            assertThat(s.get("sketched").asBoolean()).isTrue();
            assertThat(s.get("n_reference").asInt()).isEqualTo(a.length);
            assertThat(s.get("n_target").asInt()).isEqualTo(b.length);
            double ksBound = s.get("sketch").get("ks_bound").asDouble();
            assertThat(ksBound).isLessThan(0.0031); // 2 x (0.001 + 1 / 2000) + 1 / n_r + 1 / n_t
            assertThat(s.get("statistic").asDouble()).as("KS of %s", s.get("column"))
                    .isCloseTo(exact.statistic(), within(ksBound));
            assertThat(s.get("effect").get("wasserstein1").asDouble()).as("W1 of %s", s.get("column"))
                    .isCloseTo(exact.w1(), within(s.get("sketch").get("wasserstein1_bound").asDouble()));
            // the exact p-value lies in the range the bound allows
            assertThat(exact.pValue()).isBetween(s.get("sketch").get("p_value_range").get(0).asDouble(),
                    s.get("sketch").get("p_value_range").get(1).asDouble());
            // PSI over the sketched deciles' bins (each within eps n rows of the exact deciles' bins)
            assertThat(s.get("effect").get("psi").asDouble()).isCloseTo(exact.psi(), within(0.01 * exact.psi() + 1e-3));
        }
        DriftTests.Raw chi = DriftTests.categorical(complete(g[0], 0), complete(g[1], 1));
        assertThat(root.get("engine").get("dropped_reference").asLong()).isEqualTo(NR - y[0].length);
        JsonNode cat = cols[2];
        assertThat(cat.get("sketched").asBoolean()).isFalse();
        assertThat(cat.get("test").asText()).isEqualTo("chi2");
        assertThat(cat.get("statistic").asDouble()).isCloseTo(chi.statistic(), within(1e-9 * chi.statistic()));
        assertThat(cat.get("p_value").asDouble()).isEqualTo(chi.pValue());
        assertThat(cat.get("effect").get("psi").asDouble()).isCloseTo(chi.psi(), within(1e-12));
        assertThat(cat.get("effect").get("cramers_v").asDouble()).isCloseTo(chi.cramersV(), within(1e-12));
        // the classifier test (MLlib): it tells the sides apart on held-out rows, mostly by x's wider spread and g
        JsonNode cls = root.get("classifier");
        assertThat(cls.get("method").asText()).startsWith("logistic regression (Spark MLlib)");
        assertThat(cls.get("auc").asDouble()).isBetween(0.5, 0.6);
        assertThat(cls.get("p_value").asDouble()).isLessThan(1e-6);
        assertThat(cls.get("top_features")).hasSize(5);
        assertThat(root.get("drift").asBoolean()).isTrue();
        // the MMD test: the same random features (seed 0, the bandwidth Spark chose) over the same rows, here
        JsonNode mmd = root.get("mmd");
        double sigma = mmd.get("bandwidth").asDouble();
        double[][][] rows = new double[2][][];
        double[] mean = new double[2];
        double[] sq = new double[2];
        long total = 0;
        for (int side = 0; side < 2; side++) {
            double[] xs = complete(x[side], side);
            rows[side] = new double[xs.length][];
            for (int i = 0; i < xs.length; i++) {
                rows[side][i] = new double[] {xs[i], y[side][i]};
                for (int j = 0; j < 2; j++) {
                    mean[j] += rows[side][i][j];
                    sq[j] += rows[side][i][j] * rows[side][i][j];
                }
            }
            total += xs.length;
        }
        double[] sd = new double[2];
        for (int j = 0; j < 2; j++) {
            mean[j] /= total;
            sd[j] = Math.sqrt(sq[j] / total - mean[j] * mean[j]);
        }
        var features = org.shiftscope.analysis.RandomFeatureMmd.Features.draw(2, 64, sigma, 0);
        var moments = new org.shiftscope.analysis.RandomFeatureMmd.Moments[2];
        double[] phi = new double[64];
        for (int side = 0; side < 2; side++) {
            moments[side] = new org.shiftscope.analysis.RandomFeatureMmd.Moments(64);
            for (double[] row : rows[side]) {
                features.apply(new double[] {(row[0] - mean[0]) / sd[0], (row[1] - mean[1]) / sd[1]}, 0, phi);
                moments[side].add(phi);
            }
        }
        var here = org.shiftscope.analysis.RandomFeatureMmd.test(features, moments[0], moments[1]);
        assertThat(mmd.get("statistic").asDouble()).isCloseTo(here.statistic(), within(1e-9 * here.statistic()));
        assertThat(mmd.get("p_value").asDouble()).isCloseTo(here.pValue(), within(1e-9));
        assertThat(mmd.get("p_value").asDouble()).isLessThan(1e-6); // the sides differ in x's spread and y's scale
    }

    @Test
    void theClassifierFindsNothingBetweenTwoHalvesOfOneSide() throws Exception {
        // the reference rows below and above x = 0.3, compared on g alone, which does not depend on x: a null, where
        // the held-out AUC is 1/2 up to noise
        Result r = run("detect", "--master", "local[2]", "--data", dir.resolve("ref") + "/*.parquet",
                "--reference-where", "x<0.3", "--target-where", "x>=0.3", "--columns", "g,y", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode cls = r.json().get("classifier");
        assertThat(Math.abs(cls.get("auc").asDouble() - 0.5)).isLessThan(0.01);
        assertThat(cls.get("p_value").asDouble()).isGreaterThan(0.001);
        // nor does the MMD test on y, drawn apart from x
        assertThat(r.json().get("mmd").get("p_value").asDouble()).isGreaterThan(0.001);
    }

    @Test
    void filtersCutOneSetOfFilesIntoTheTwoSides() throws Exception {
        Result r = run("detect", "--master", "local[2]", "--data", dir.resolve("ref") + "/*.parquet",
                "--reference-where", "g=A", "--target-where", "g in {B,C}", "--columns", "x", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        long a = Arrays.stream(g[0]).filter("A"::equals).count();
        JsonNode x0 = r.json().get("univariate").get(0);
        assertThat(x0.get("n_reference").asLong()).isEqualTo(a);
        assertThat(x0.get("n_target").asLong()).isEqualTo(NR - a);
    }

    @Test
    void badInputIsNamedNotThrown() {
        Result missing = run("detect", "--master", "local[2]", "--reference", dir.resolve("nowhere") + "/*.parquet",
                "--target", dir.resolve("tgt") + "/*.parquet");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: '").contains("nowhere").contains("(--reference)");
        Result column = run("detect", "--master", "local[2]", "--reference", dir.resolve("ref") + "/*.parquet",
                "--target", dir.resolve("tgt") + "/*.parquet", "--columns", "x,age");
        assertThat(column.code()).isEqualTo(2);
        assertThat(column.err()).contains("--columns").contains("no column 'age'");
        Result both = run("detect", "--reference", "a.parquet");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--reference needs --target");
    }
}
