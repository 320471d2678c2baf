package org.shiftscope.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.embedding.ModelEmbedder;
import org.shiftscope.embedding.TextEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shiftscope spark embed}: a user's ONNX or TorchScript model run over numeric columns inside
 * {@code mapPartitions}, or a sentence encoder over a text column (the built-in all-MiniLM-L6-v2, or a Hugging Face
 * export folder): the model file is shipped to the executors ({@code SparkContext.addFile}), each executor
 * loads it once and shares it between its tasks (each task its own predictor), and a partition's rows go through it
 * in batches. The embeddings are written as Parquet: the kept columns, then {@code emb_0 .. emb_(d-1)} (floats), which
 * {@code spark detect} and the desktop commands read as any columns.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Run an ONNX or TorchScript model over numeric columns on Spark and write the embeddings as"
                + " Parquet (the kept columns, then emb_0, emb_1, ...).")
final class SparkEmbed implements Callable<Integer> {

    static final String PREFIX = "emb_";

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, as for detect.")
    String master;

    @Option(names = "--input", required = true, paramLabel = "PATHS",
            description = "Parquet, CSV or JSON Lines paths or globs, comma-separated.")
    String input;

    @Option(names = "--where", paramLabel = "FILTER", description = "Only the rows that meet this filter.")
    String where;

    @Option(names = "--model", paramLabel = "FILE|FOLDER", description = "The model: .onnx or .pt (TorchScript)"
            + " over --columns; with --text, a Hugging Face sentence-transformer export folder (default: the built-in"
            + " all-MiniLM-L6-v2).")
    Path model;

    @Option(names = "--columns", split = ",", paramLabel = "A,B,...",
            description = "The model's input columns, numeric, in the order it takes them.")
    List<String> columns;

    @Option(names = "--text", paramLabel = "COLUMN",
            description = "Embed this text column with a sentence encoder instead (a missing text counts as empty).")
    String text;

    @Option(names = "--image-column", paramLabel = "COLUMN",
            description = "Or embed images: the column holding each row's image file (PNG or JPEG; a path any"
                    + " executor can read: local, shared, hdfs://, s3a://).")
    String imageColumn;

    @Option(names = "--image-root", paramLabel = "DIR", description = "The folder relative image paths resolve"
            + " against.")
    String imageRoot;

    @Option(names = "--preprocess", paramLabel = "imagenet|none", defaultValue = "imagenet",
            description = "Images: torchvision's ImageNet preprocessing (default) or the pixels as they are.")
    String preprocess;

    @Option(names = "--resize", paramLabel = "N", description = "Images: resize the shorter side to N (overrides"
            + " the preset's).")
    Integer resize;

    @Option(names = "--crop", paramLabel = "N", description = "Images: centre crop N x N (overrides the preset's).")
    Integer crop;

    @Option(names = "--keep", split = ",", paramLabel = "A,B,...",
            description = "Columns copied beside the embeddings (default: every column that is not an input).")
    List<String> keep;

    @Option(names = "--output", defaultValue = "0", paramLabel = "N",
            description = "Which of the model's outputs is the embedding (default ${DEFAULT-VALUE}).")
    int output;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "N",
            description = "Rows per model call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where the Parquet files go (a folder; it must not exist yet).")
    String out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw DataException.setting("--batch", "must be at least 1, not " + batch);
        }
        int kinds = (columns == null ? 0 : 1) + (text == null ? 0 : 1) + (imageColumn == null ? 0 : 1);
        if (kinds != 1) {
            throw DataException.setting("--columns", "give the model's numeric input --columns, one --text column or"
                    + " one --image-column");
        }
        if (text == null && model == null) {
            throw DataException.setting("--model", (columns != null ? "--columns" : "--image-column")
                    + " need a model file (.onnx or .pt)");
        }
        Path file = model == null ? null : model.toAbsolutePath().normalize();
        if (file != null && !(text != null ? Files.isDirectory(file) : Files.isRegularFile(file))) {
            throw DataException.setting("--model", "'" + model + "': " + (text != null
                    ? "no such folder (a text model is a Hugging Face export folder)" : "no such model file"));
        }
        List<String> inputs = text != null ? List.of(text) : imageColumn != null ? List.of(imageColumn) : columns;
        long start = System.nanoTime();
        SparkSession spark = SparkDetect.session(master);
        try {
            Dataset<Row> read = SparkInputs.read(spark, input, "--input");
            Dataset<Row> rows = where == null ? read : SparkInputs.where(read, where, "--where");
            List<String> names = List.of(rows.columns());
            for (String c : inputs) {
                if (!names.contains(c)) {
                    throw DataException.setting(text != null ? "--text" : imageColumn != null ? "--image-column"
                            : "--columns", "no column '" + c
                            + "' (the files have " + String.join(", ", names) + ")");
                }
                if (columns != null && !(rows.schema().apply(c).dataType() instanceof NumericType)) {
                    throw DataException.setting("--columns", "column '" + c + "' is "
                            + rows.schema().apply(c).dataType().simpleString() + "; a model's inputs must be numbers");
                }
            }
            List<String> kept = keep != null ? keep : names.stream().filter(c -> !inputs.contains(c)).toList();
            for (String c : kept) {
                if (!names.contains(c)) {
                    throw DataException.setting("--keep", "no column '" + c + "'");
                }
            }
            List<Column> selected = new ArrayList<>();
            kept.forEach(c -> selected.add(SparkInputs.column(rows, c)));
            inputs.forEach(c -> selected.add(SparkInputs.column(rows, c).cast(columns == null ? "string" : "double")
                    .as("__in_" + c)));
            Dataset<Row> shaped = rows.select(selected.toArray(Column[]::new));
            String shipped = file == null ? null : file.getFileName().toString();
            if (file != null) {
                spark.sparkContext().addFile(file.toString(), text != null);
            }
            Batch run;
            int d;
            if (imageColumn != null) {
                SparkImages.Probe probe = SparkImages.probe(shaped, imageRoot, preprocessing(), file, output);
                run = new SparkImages.ImageBatch(shipped, probe.preprocessing(), probe.shape(), imageRoot, output, batch);
                d = probe.width();
            } else {
                run = text != null ? new TextBatch(shipped) : new ModelBatch(shipped, inputs.size(), output, batch);
                // the embedding's width, from one input on the driver
                d = width(file, text != null, inputs.size());
            }
            StructType schema = new StructType();
            for (String c : kept) {
                StructField f = shaped.schema().apply(c);
                schema = schema.add(f.name(), f.dataType(), f.nullable());
            }
            for (int j = 0; j < d; j++) {
                schema = schema.add(PREFIX + j, DataTypes.FloatType, false);
            }
            org.apache.spark.util.LongAccumulator counted = spark.sparkContext().longAccumulator("embedded rows");
            Dataset<Row> embedded = shaped.mapPartitions(new Embedder(run, kept.size(), inputs, batch, d, counted),
                    Encoders.row(schema));
            embedded.write().parquet(out);
            long written = counted.value();
            spec.commandLine().getOut().printf(Locale.ROOT, "%,d rows embedded to %d dimensions by %s in %.1f s;"
                    + " wrote %s (%s, then %s0 .. %s%d)%n", written, d, file == null ? TextEncoder.NAME
                    : file.getFileName() + (text != null ? "" : " (output " + output + ")"),
                    (System.nanoTime() - start) / 1e9, out, kept.isEmpty() ? "no kept columns" : String.join(", ", kept),
                    PREFIX, PREFIX, d - 1);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private int width(Path file, boolean isText, int k) {
        if (isText) {
            try (TextEncoder e = file == null ? TextEncoder.load() : TextEncoder.load(file,
                    TextEncoder.Settings.defaults())) {
                return e.embed(List.of("width"), TaskMonitor.NONE).d();
            }
        }
        try (ModelEmbedder m = ModelEmbedder.load(file)) {
            return m.embed(new float[k], 1, new long[] {k}, output, 1, TaskMonitor.NONE).d();
        }
    }

    /** The images' preprocessing: the preset with --resize and --crop put in. */
    private org.shiftscope.core.ImagePreprocessing preprocessing() {
        org.shiftscope.core.ImagePreprocessing p = org.shiftscope.core.ImagePreprocessing.preset(preprocess);
        if (resize == null && crop == null) {
            return p;
        }
        return new org.shiftscope.core.ImagePreprocessing(resize != null ? resize : p.resize(), p.exact(),
                crop != null ? crop : p.crop(), p.channels() == 0 ? 3 : p.channels(), p.bgr(), p.nhwc(), p.byteRange(),
                p.mean(), p.std());
    }

    /** How one batch of input rows (their input values from index {@code at}) becomes embeddings. */
    interface Batch extends java.io.Serializable {
        Embeddings run(List<Row> rows, int at, List<String> inputs);
    }

    /** A numeric model: the batch's inputs as one float matrix. */
    record ModelBatch(String shipped, int k, int output, int batch) implements Batch {

        @Override
        public Embeddings run(List<Row> in, int at, List<String> inputs) {
            float[] x = new float[in.size() * k];
            for (int i = 0; i < in.size(); i++) {
                for (int j = 0; j < k; j++) {
                    Row r = in.get(i);
                    if (r.isNullAt(at + j)) {
                        throw DataException.setting("--columns", "a row has no value in column '" + inputs.get(j)
                                + "'; the model needs every input (leave such rows out with --where)");
                    }
                    x[i * k + j] = (float) r.getDouble(at + j);
                }
            }
            return model(shipped).embed(x, in.size(), new long[] {k}, output, batch, TaskMonitor.NONE);
        }
    }

    /** A sentence encoder: the batch's texts (a missing one counts as empty, as the desktop's embed). */
    record TextBatch(String shipped) implements Batch {

        @Override
        public Embeddings run(List<Row> in, int at, List<String> inputs) {
            List<String> texts = new ArrayList<>(in.size());
            for (Row r : in) {
                texts.add(r.isNullAt(at) ? "" : r.getString(at));
            }
            return encoder(shipped).embed(texts, TaskMonitor.NONE);
        }
    }

    /** One executor's models, loaded once each from the files Spark shipped to it. */
    private static final ConcurrentHashMap<String, ModelEmbedder> MODELS = new ConcurrentHashMap<>();

    private static final ConcurrentHashMap<String, TextEncoder> ENCODERS = new ConcurrentHashMap<>();

    static ModelEmbedder model(String name) {
        return MODELS.computeIfAbsent(name, n -> ModelEmbedder.load(Path.of(SparkFiles.get(n))));
    }

    /** The built-in encoder for a null name, else the export folder Spark shipped. */
    static TextEncoder encoder(String name) {
        return ENCODERS.computeIfAbsent(name == null ? "" : name, n -> n.isEmpty() ? TextEncoder.load()
                : TextEncoder.load(Path.of(SparkFiles.get(n)), TextEncoder.Settings.defaults()));
    }

    /** A partition's rows through the model, {@code batch} at a time, each row's kept values then its embedding. */
    record Embedder(Batch run, int kept, List<String> inputs, int batch, int d,
                    org.apache.spark.util.LongAccumulator counted) implements MapPartitionsFunction<Row, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private final List<Row> pending = new ArrayList<>();
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < pending.size()) {
                        return true;
                    }
                    pending.clear();
                    next = 0;
                    List<Row> in = new ArrayList<>(batch);
                    while (in.size() < batch && rows.hasNext()) {
                        in.add(rows.next());
                    }
                    if (in.isEmpty()) {
                        return false;
                    }
                    Embeddings e = run.run(in, kept, inputs);
                    counted.add(in.size());
                    for (int i = 0; i < in.size(); i++) {
                        Object[] values = new Object[kept + d];
                        for (int j = 0; j < kept; j++) {
                            values[j] = in.get(i).get(j);
                        }
                        for (int j = 0; j < d; j++) {
                            values[kept + j] = e.values()[i * d + j];
                        }
                        pending.add(RowFactory.create(values));
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return pending.get(next++);
                }
            };
        }
    }
}
