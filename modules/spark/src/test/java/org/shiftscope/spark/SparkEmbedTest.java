package org.shiftscope.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.NpyReader;

/**
 * {@code spark embed} on local[2] against PyTorch: the embedding module's tiny MLP (ONNX and TorchScript exports,
 * made by make_models.py beside them) over its 10 input rows, spread over 3 partitions and run in batches of 3; the
 * hidden layer Spark writes equals torch's (hidden.npy) row by row, joined back by an id column.
 */
class SparkEmbedTest {

    static final Path MODELS = Path.of("../embedding/src/test/resources/models").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void writesTorchsHiddenLayerForEveryRow() throws Exception {
        double[][] input = matrix("input.npy");
        double[][] hidden = matrix("hidden.npy");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fixture")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType().add("id", DataTypes.IntegerType).add("a", DataTypes.DoubleType)
                    .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType).add("d", DataTypes.DoubleType);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < input.length; i++) {
                rows.add(RowFactory.create(i, input[i][0], input[i][1], input[i][2], input[i][3]));
            }
            spark.createDataFrame(rows, schema).repartition(3).write().parquet(dir.resolve("in").toString());
        } finally {
            spark.stop();
        }
        for (String model : List.of("tiny_mlp.onnx", "tiny_mlp.pt")) {
            Path out = dir.resolve("emb-" + model);
            StringWriter err = new StringWriter();
            StringWriter printed = new StringWriter();
            int code = SparkMain.run(new String[] {"embed", "--master", "local[2]", "--input",
                    dir.resolve("in") + "/*.parquet", "--model", MODELS.resolve(model).toString(), "--columns",
                    "a,b,c,d", "--batch", "3", "--out", out.toString()}, new PrintWriter(printed), new PrintWriter(err));
            assertThat(code).as(err.toString()).isZero();
            assertThat(printed.toString()).startsWith("10 rows embedded to 8 dimensions by " + model);
            SparkSession read = SparkSession.builder().master("local[2]").appName("check")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                List<Row> got = read.read().parquet(out.toString()).collectAsList();
                assertThat(got).hasSize(10);
                assertThat(got.get(0).schema().fieldNames()).containsExactly("id", "emb_0", "emb_1", "emb_2", "emb_3",
                        "emb_4", "emb_5", "emb_6", "emb_7");
                for (Row r : got) {
                    int id = r.getInt(0);
                    for (int j = 0; j < 8; j++) {
                        assertThat((double) r.getFloat(1 + j)).as("%s row %d dim %d", model, id, j)
                                .isCloseTo(hidden[id][j], within(1e-5));
                    }
                }
            } finally {
                read.stop();
            }
        }
    }

    @Test
    void embedsATextColumnAsLangchain4jsMiniLmDoes() throws Exception {
        List<String> texts = List.of("the model drifts over time", "prices rose in the north", "a cat sat on the mat",
                "", "shift happens", "the same sentence again", "domain adaptation works", "one more line");
        StringBuilder csv = new StringBuilder("id,review\n");
        for (int i = 0; i < texts.size(); i++) {
            csv.append(i).append(',').append(texts.get(i).isEmpty() ? "" : '"' + texts.get(i) + '"').append('\n');
        }
        java.nio.file.Files.writeString(dir.resolve("reviews.csv"), csv);
        Path out = dir.resolve("text-emb");
        StringWriter err = new StringWriter();
        int code = SparkMain.run(new String[] {"embed", "--master", "local[2]", "--input",
                dir.resolve("reviews.csv").toString(), "--text", "review", "--batch", "3", "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        SparkSession read = SparkSession.builder().master("local[2]").appName("check")
                .config("spark.ui.enabled", "false").getOrCreate();
        List<Row> got;
        try {
            got = read.read().parquet(out.toString()).collectAsList();
        } finally {
            read.stop();
        }
        assertThat(got).hasSize(texts.size());
        assertThat(got.get(0).schema().fieldNames()).hasSize(1 + 384).startsWith("id", "emb_0");
        // the independent reference: langchain4j's own tokenisation, ONNX session and pooling of the same model
        var reference = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        for (Row r : got) {
            int id = r.getInt(0);
            if (texts.get(id).isEmpty()) { // langchain4j refuses blank text; ours embeds it, of unit length
                double norm = 0;
                for (int k = 0; k < 384; k++) {
                    norm += r.getFloat(1 + k) * r.getFloat(1 + k);
                }
                assertThat(norm).isCloseTo(1, within(1e-5));
                continue;
            }
            float[] want = reference.embed(texts.get(id)).content().vector();
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int k = 0; k < 384; k++) {
                dot += r.getFloat(1 + k) * want[k];
                a += r.getFloat(1 + k) * r.getFloat(1 + k);
                b += want[k] * want[k];
            }
            assertThat(dot / Math.sqrt(a * b)).as("text %d", id).isGreaterThan(0.99999);
        }
    }

    @Test
    void embedsImagesNamedInAMetadataTableAsTorchDoes() throws Exception {
        // the embedding module's image fixture: 12 PNG and JPEG files of many modes named by index.csv, torchvision's
        // Resize(64), CenterCrop(56), Normalize(ImageNet) and a small CNN (make_fixtures.py beside them)
        Path images = Path.of("../embedding/src/test/resources/preprocess").toAbsolutePath().normalize();
        Path out = dir.resolve("image-emb");
        StringWriter err = new StringWriter();
        StringWriter printed = new StringWriter();
        int code = SparkMain.run(new String[] {"embed", "--master", "local[2]", "--input",
                images.resolve("index.csv").toString(), "--image-column", "file", "--image-root", images.toString(),
                "--resize", "64", "--crop", "56", "--model", images.resolve("cnn.onnx").toString(), "--keep", "file",
                "--batch", "5", "--out", out.toString()}, new PrintWriter(printed), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(printed.toString()).startsWith("12 rows embedded to 16 dimensions by cnn.onnx");
        List<String> files = java.nio.file.Files.readAllLines(images.resolve("index.csv")).stream().skip(1)
                .map(l -> l.split(",")[0]).toList();
        double[][] torch = new double[12][16];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(
                images.resolve("cnn_embeddings.npy"))).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int header = 10 + (buf.getShort(8) & 0xffff); // .npy version 1: magic, version, header length, header
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 16; j++) {
                torch[i][j] = buf.getFloat(header + 4 * (i * 16 + j));
            }
        }
        SparkSession read = SparkSession.builder().master("local[2]").appName("check")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> got = read.read().parquet(out.toString()).collectAsList();
            assertThat(got).hasSize(12);
            for (Row r : got) {
                double[] want = torch[files.indexOf(r.getString(0))];
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int j = 0; j < 16; j++) {
                    dot += r.getFloat(1 + j) * want[j];
                    a += r.getFloat(1 + j) * r.getFloat(1 + j);
                    b += want[j] * want[j];
                }
                assertThat(dot / Math.sqrt(a * b)).as(r.getString(0)).isGreaterThan(0.9999);
            }
        } finally {
            read.stop();
        }
    }

    @Test
    void aTextColumnAsInputIsNamed() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("t.csv"), "a,name\n1,x\n2,y\n");
        StringWriter err = new StringWriter();
        int code = SparkMain.run(new String[] {"embed", "--master", "local[2]", "--input",
                dir.resolve("t.csv").toString(), "--model", MODELS.resolve("tiny_mlp.onnx").toString(), "--columns",
                "a,name", "--out", dir.resolve("o").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("column 'name' is string").contains("(--columns)");
    }

    private static double[][] matrix(String name) {
        Dataset d = NpyReader.read(MODELS.resolve(name), TaskMonitor.NONE);
        double[][] m = new double[d.rowCount()][d.columns().size()];
        for (int j = 0; j < d.columns().size(); j++) {
            double[] v = ((NumericColumn) d.columns().get(j)).values();
            for (int i = 0; i < v.length; i++) {
                m[i][j] = v[i];
            }
        }
        return m;
    }
}
