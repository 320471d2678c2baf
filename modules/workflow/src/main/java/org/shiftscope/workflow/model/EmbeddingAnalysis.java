package org.shiftscope.workflow.model;

import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.ImageFiles;
import org.shiftscope.core.ImagePreprocessing;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.embedding.ModelEmbedder;
import org.shiftscope.embedding.TextEncoder;
import org.shiftscope.io.NpyWriter;

/**
 * Embeddings of datasets: a user's model run over a dataset's rows (its images, or its numeric columns), and
 * embeddings attached to a dataset as numeric columns {@code emb_0, emb_1, ...} so that every analysis (map, transport,
 * detection) can run on them.
 */
public final class EmbeddingAnalysis {

    /** Name prefix of the embedding columns. */
    public static final String PREFIX = "emb_";

    private EmbeddingAnalysis() {
    }

    /** n images as one planar tensor: {@code values} holds n x shape[0] x shape[1] x shape[2] floats in [0, 1]. */
    public record ImageTensor(float[] values, long[] shape) {
    }

    /** Side of the square the built-in CNN's images are resized to when their sizes differ. */
    public static final int BUILT_IN_SIDE = 32;

    /**
     * The images of datasets (e.g. reference and target) as (channels, height, width) scaled to [0, 1], for the
     * built-in CNN: as they are when every image has one shape; otherwise each resized to {@value #BUILT_IN_SIDE} x
     * {@value #BUILT_IN_SIDE} (Pillow's bilinear), RGB when any image is.
     */
    public static ImageTensor[] imageTensors(Dataset... sides) {
        RasterImage first = sides[0].images().get(0);
        boolean same = true;
        boolean rgb = false;
        for (Dataset d : sides) {
            for (RasterImage img : d.images()) {
                same &= img.width() == first.width() && img.height() == first.height()
                        && img.channels() == first.channels();
                rgb |= img.channels() == 3;
            }
        }
        ImagePreprocessing pre = same ? ImagePreprocessing.NONE : new ImagePreprocessing(BUILT_IN_SIDE, true, 0,
                rgb ? 3 : 1, false, false, false, new double[] {0}, new double[] {1});
        ImageTensor[] out = new ImageTensor[sides.length];
        for (int k = 0; k < sides.length; k++) {
            Dataset d = sides[k];
            long[] shape = pre.shape(first);
            int per = (int) (shape[0] * shape[1] * shape[2]);
            float[] values = new float[Math.multiplyExact(d.rowCount(), per)];
            java.util.stream.IntStream.range(0, d.rowCount()).parallel()
                    .forEach(i -> pre.apply(d.images().get(i), values, i * per));
            out[k] = new ImageTensor(values, shape);
        }
        return out;
    }

    /**
     * Runs the model over the rows of {@code data}: images through the input's preprocessing when the dataset has
     * images, else the input's numeric columns (all numeric columns when it names none), in order.
     */
    public static Embeddings embed(Dataset data, ModelEmbedder model, ModelInput input, TaskMonitor monitor) {
        return embed(data, model, input, null, monitor);
    }

    /**
     * {@link #embed(Dataset, ModelEmbedder, ModelInput, TaskMonitor)}, reusing what {@code cache} holds for the same
     * input, preprocessing, model and output (null: no cache).
     */
    public static Embeddings embed(Dataset data, ModelEmbedder model, ModelInput in, EmbeddingCache cache,
                                   TaskMonitor monitor) {
        int n = data.rowCount();
        List<String> columns = in.columns();
        if (data.hasImages()) {
            return embedImages(data, model, in, cache, monitor);
        }
        List<NumericColumn> inputs = new ArrayList<>();
        for (Column c : data.columns()) {
            if ((columns.isEmpty() || columns.contains(c.name())) && c instanceof NumericColumn nc) {
                inputs.add(nc);
            }
        }
        for (String name : columns) {
            if (!(data.requireColumn(name) instanceof NumericColumn)) {
                throw DataException.inFile(data.source().displayName(), "column '" + name
                        + "' is not numeric; a model's input columns must be");
            }
        }
        if (inputs.isEmpty()) {
            throw DataException.inFile(data.source().displayName(), "has no numeric columns to feed the model");
        }
        int d = inputs.size();
        float[] input = new float[Math.multiplyExact(n, d)];
        for (int j = 0; j < d; j++) {
            NumericColumn c = inputs.get(j);
            for (int i = 0; i < n; i++) {
                if (c.isMissing(i)) {
                    throw DataException.inFile(data.source().displayName(), "row " + (i + 1) + ", column '"
                            + c.name() + "': missing value; a model needs every input (drop or fill these rows first)");
                }
                input[i * d + j] = (float) c.get(i);
            }
        }
        return run(model, input, n, new long[] {d}, in.output(), in.batch(), cache, monitor);
    }

    /**
     * The images of a dataset through the model, batch by batch: each batch's images decoded (files stay on disk
     * until then) and preprocessed in parallel, so memory holds one batch of pixels, not all of them.
     */
    private static Embeddings embedImages(Dataset data, ModelEmbedder model, ModelInput in, EmbeddingCache cache,
                                          TaskMonitor monitor) {
        int n = data.rowCount();
        List<RasterImage> images = data.images();
        ImagePreprocessing pre = fitToModel(in.preprocess(), model, images.get(0));
        long[] shape = pre.shape(images.get(0));
        int per = (int) (shape[0] * shape[1] * shape[2]);
        ModelEmbedder.Rows rows = (start, count, into) -> java.util.stream.IntStream.range(0, count).parallel()
                .forEach(i -> {
                    monitor.checkCancelled();
                    RasterImage img = images.get(start + i);
                    long[] s = pre.shape(img);
                    if (!java.util.Arrays.equals(s, shape)) {
                        throw DataException.inFile(imageName(data, start + i), "preprocessed to "
                                + java.util.Arrays.toString(s) + ", not " + java.util.Arrays.toString(shape)
                                + " like the first image: images of different sizes need a resize and crop (the"
                                + " imagenet preprocessing, or --resize N --crop N)");
                    }
                    pre.apply(img, into, i * per);
                });
        if (cache == null) {
            return model.embed(rows, n, shape, in.output(), in.batch(), monitor);
        }
        monitor.progress(-1, "looking for cached embeddings");
        String key = EmbeddingCache.key(imagesIdentity(data), shape, model.file(), "output=" + in.output()
                + ", preprocessing=" + pre.describe());
        return cache.getOrCompute(key, n, () -> model.embed(rows, n, shape, in.output(), in.batch(), monitor));
    }

    /**
     * The preprocessing for a model that declares a fixed input size (an ONNX model's first input): a resize and
     * crop made to give that size (see {@link ImagePreprocessing#forSide}); a shape that still differs is an error
     * naming both.
     */
    public static ImagePreprocessing fitToModel(ImagePreprocessing pre, ModelEmbedder model, RasterImage first) {
        long[] declared = model.inputShape();
        if (declared == null || declared.length != 3 || java.util.Arrays.stream(declared).anyMatch(d -> d < 1)) {
            return pre;
        }
        long[] ours = pre.shape(first);
        if (java.util.Arrays.equals(ours, declared)) {
            return pre;
        }
        int side = (int) (pre.nhwc() ? declared[0] : declared[1]);
        int other = (int) (pre.nhwc() ? declared[1] : declared[2]);
        ImagePreprocessing fitted = side == other ? pre.forSide(side) : pre;
        long[] now = fitted.shape(first);
        if (!java.util.Arrays.equals(now, declared)) {
            throw DataException.inFile(model.file().getFileName().toString(), "takes inputs of shape "
                    + java.util.Arrays.toString(declared) + " per image, but the preprocessing (" + pre.describe()
                    + ") gives " + java.util.Arrays.toString(ours) + "; choose a resize, crop and channels that"
                    + " give " + java.util.Arrays.toString(declared));
        }
        return fitted;
    }

    /**
     * BN-adapt of a user's TorchScript network on a dataset's images ({@link ModelEmbedder#adaptBatchNorm}):
     * {@code batches} training-mode batches through the input's preprocessing.
     */
    public static void adaptBatchNorm(Dataset data, ModelEmbedder model, ModelInput in, int batches,
                                      TaskMonitor monitor) {
        if (!data.hasImages()) {
            throw DataException.of("batch-norm adaptation adapts an image network; the data are not images");
        }
        List<RasterImage> images = data.images();
        ImagePreprocessing pre = fitToModel(in.preprocess(), model, images.get(0));
        long[] shape = pre.shape(images.get(0));
        int per = (int) (shape[0] * shape[1] * shape[2]);
        model.adaptBatchNorm((start, count, into) -> java.util.stream.IntStream.range(0, count).parallel()
                .forEach(i -> pre.apply(images.get(start + i), into, i * per)), data.rowCount(), shape,
                Math.min(in.batch(), 64), batches, monitor);
    }

    /** How messages name row i's image: its file as the table names it, or its row. */
    private static String imageName(Dataset data, int i) {
        return data.images() instanceof ImageFiles f ? f.name(i) : data.source().displayName() + ", image " + (i + 1);
    }

    /** What the images are, for the cache: the files' identity, or a hash of the decoded pixels. */
    private static float[] imagesIdentity(Dataset data) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (data.images() instanceof ImageFiles f) {
            sha.update(f.identity().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            for (RasterImage img : data.images()) {
                sha.update(java.nio.ByteBuffer.allocate(12).putInt(img.width()).putInt(img.height())
                        .putInt(img.channels()).array());
                sha.update(img.pixels());
            }
        }
        byte[] digest = sha.digest();
        float[] out = new float[digest.length];
        for (int i = 0; i < digest.length; i++) {
            out[i] = digest[i];
        }
        return out;
    }

    private static Embeddings run(ModelEmbedder model, float[] input, int n, long[] shape, int output, int batch,
                                  EmbeddingCache cache, TaskMonitor monitor) {
        if (cache == null) {
            return model.embed(input, n, shape, output, batch, monitor);
        }
        monitor.progress(-1, "looking for cached embeddings");
        String key = EmbeddingCache.key(input, shape, model.file(), "output=" + output);
        return cache.getOrCompute(key, n, () -> model.embed(input, n, shape, output, batch, monitor));
    }

    /**
     * How a model is fed: its input columns (tabular data; empty for all numeric ones), output and batch size, how
     * images become its input ({@link ImagePreprocessing}; {@code NONE} feeds the pixels as they are), and for a
     * classifier with several outputs which one holds its features (its embedding: -1 for none).
     */
    public record ModelInput(List<String> columns, int output, int batch, ImagePreprocessing preprocess,
                             int featuresOutput) {

        public ModelInput {
            columns = List.copyOf(columns);
            preprocess = preprocess == null ? ImagePreprocessing.NONE : preprocess;
            if (batch < 1) {
                throw DataException.setting("batch", "the batch size must be at least 1, not " + batch);
            }
            if (featuresOutput < -1) {
                throw DataException.setting("model-features", "the features output is 0, 1, ... (or none), not "
                        + featuresOutput);
            }
        }

        public ModelInput(List<String> columns, int output, int batch, ImagePreprocessing preprocess) {
            this(columns, output, batch, preprocess, -1);
        }

        public ModelInput(List<String> columns, int output, int batch) {
            this(columns, output, batch, ImagePreprocessing.NONE, -1);
        }

        /** The same input reading another of the model's outputs (e.g. its embedding beside its logits). */
        public ModelInput withOutput(int o) {
            return new ModelInput(columns, o, batch, preprocess, featuresOutput);
        }
    }

    /** Where a split's embeddings come from. */
    public sealed interface Source permits Npy, Model, Text {
    }

    /** Precomputed embeddings, one row per row of the (single) data file. */
    public record Npy(Path file) implements Source {
    }

    /** A user's ONNX or TorchScript model run over each side's rows. */
    public record Model(Path file, ModelInput input) implements Source {
    }

    /**
     * A text encoder run over a text column: a Hugging Face export folder ({@link TextEncoder#load(Path,
     * TextEncoder.Settings)}), or the built-in MiniLM when {@code model} is null.
     */
    public record Text(String column, Path model, TextEncoder.Settings settings) implements Source {
        public Text {
            settings = settings == null ? TextEncoder.Settings.defaults() : settings;
        }

        /** The built-in sentence encoder on a column. */
        public Text(String column) {
            this(column, null, null);
        }

        TextEncoder open() {
            return model == null ? TextEncoder.load() : TextEncoder.load(model, settings);
        }
    }

    /**
     * The split of a definition whose analysed columns are embeddings: read from a row-aligned {@code .npy} file
     * (attached to the loaded file before any filter, so {@code definition} must split one file), or computed on
     * each side after filtering and any target shift by a model or the text encoder (through the cache; null for
     * none).
     */
    public static org.shiftscope.core.Split embeddedSplit(SplitBuilder builder, SplitDefinition definition,
                                                          Source source, EmbeddingCache cache, TaskMonitor monitor) {
        SplitBuilder.Sides sides = switch (source) {
            case Npy npy -> {
                if (!(definition.source() instanceof SplitSource.FilteredFile)) {
                    throw DataException.of("precomputed embeddings follow the rows of one data file: split one file"
                            + " with reference and target filters");
                }
                if (definition.targetShift() != null && definition.targetShift().changesPixels()) {
                    throw DataException.of("precomputed embeddings cannot see a target shift that changes pixels;"
                            + " embed with a model or the built-in encoder instead");
                }
                Embeddings e = read(npy.file(), monitor);
                yield builder.sides(definition, d -> attach(d, e, npy.file().getFileName().toString()), monitor);
            }
            case Model model -> {
                SplitBuilder.Sides raw = builder.sides(definition, monitor);
                try (ModelEmbedder m = ModelEmbedder.load(model.file())) {
                    String name = model.file().getFileName().toString();
                    ModelInput in = model.input();
                    yield new SplitBuilder.Sides(
                            attach(raw.reference(), embed(raw.reference(), m, in, cache, monitor.range(0, 0.5)),
                                    name),
                            attach(raw.target(), embed(raw.target(), m, in, cache, monitor.range(0.5, 1)), name),
                            raw.filterColumns(), raw.notes());
                }
            }
            case Text text -> {
                SplitBuilder.Sides raw = builder.sides(definition, monitor);
                try (TextEncoder enc = text.open()) {
                    yield new SplitBuilder.Sides(
                            attach(raw.reference(), embedText(raw.reference(), text.column(), enc, cache,
                                    monitor.range(0, 0.5)), enc.name()),
                            attach(raw.target(), embedText(raw.target(), text.column(), enc, cache,
                                    monitor.range(0.5, 1)), enc.name()),
                            raw.filterColumns(), raw.notes());
                }
            }
        };
        return builder.build(definition.withColumns(attachedColumns(sides.reference())), sides);
    }

    /**
     * The text encoder's embeddings of one column's values (a missing value embeds as the empty text), reusing what
     * {@code cache} holds for the same texts (null: no cache).
     */
    /**
     * The embed use case: the rows of one dataset embedded by a user's model or the built-in sentence encoder (opened
     * and closed here), through the cache when one is given.
     */
    public static Embeddings embed(Dataset data, Source how, EmbeddingCache cache, TaskMonitor monitor) {
        return switch (how) {
            case Model model -> {
                try (ModelEmbedder m = ModelEmbedder.load(model.file())) {
                    ModelInput in = model.input();
                    yield embed(data, m, in, cache, monitor);
                }
            }
            case Text text -> {
                try (TextEncoder enc = text.open()) {
                    yield embedText(data, text.column(), enc, cache, monitor);
                }
            }
            case Npy npy -> read(npy.file(), monitor);
        };
    }

    /** What {@link #embed(Dataset, Source, EmbeddingCache, TaskMonitor)} names the built-in sentence encoder. */
    public static final String TEXT_ENCODER = TextEncoder.NAME;

    /**
     * The cache's name of an encoder: the built-in one keeps the key it always had; a user's folder adds its model
     * file's hash, so a re-exported model is not mistaken for the old one.
     */
    private static String enc(TextEncoder encoder) {
        return encoder.isBuiltIn() ? TextEncoder.NAME + ", " + TextEncoder.MAX_TOKENS + " tokens"
                : encoder.name() + ", " + encoder.modelHash();
    }

    public static Embeddings embedText(Dataset data, String column, TextEncoder encoder, EmbeddingCache cache,
                                       TaskMonitor monitor) {
        Column c = data.requireColumn(column);
        List<String> texts = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            texts.add(c.isMissing(i) ? "" : c.text(i));
        }
        if (cache == null) {
            return encoder.embed(texts, monitor);
        }
        String key = EmbeddingCache.textKey(texts, enc(encoder));
        return cache.getOrCompute(key, texts.size(), () -> encoder.embed(texts, monitor));
    }

    /** The dataset with the embeddings as extra numeric columns emb_0..emb_{d-1} (row i belongs to row i). */
    public static Dataset attach(Dataset data, Embeddings e, String origin) {
        if (e.n() != data.rowCount()) {
            throw DataException.inFile(origin, "has " + e.n() + " rows but " + data.source().displayName() + " has "
                    + data.rowCount() + ": embeddings must be row-aligned with the data");
        }
        for (String name : data.columnNames()) {
            if (isAttached(name)) {
                throw DataException.inFile(data.source().displayName(), "already has a column '" + name
                        + "'; rename it to attach embeddings");
            }
        }
        List<Column> cols = new ArrayList<>(data.columns());
        for (int k = 0; k < e.d(); k++) {
            double[] v = new double[e.n()];
            for (int i = 0; i < e.n(); i++) {
                v[i] = e.values()[i * e.d() + k];
            }
            cols.add(new NumericColumn(PREFIX + k, v));
        }
        return new Dataset(data.name(), data.source(), cols, data.images());
    }

    /** The embedding columns that {@link #attach} added to a dataset, in order. */
    public static List<String> attachedColumns(Dataset data) {
        return data.columnNames().stream().filter(EmbeddingAnalysis::isAttached).toList();
    }

    /** emb_0, emb_1, ...: names that {@link #attach} reserves. */
    private static boolean isAttached(String column) {
        return column.startsWith(PREFIX) && column.length() > PREFIX.length()
                && column.substring(PREFIX.length()).chars().allMatch(Character::isDigit);
    }

    /** Reads precomputed embeddings (a 2-D .npy file, one row per data row). */
    public static Embeddings read(Path npy, TaskMonitor monitor) {
        Dataset d = org.shiftscope.io.NpyReader.read(npy, monitor);
        int n = d.rowCount();
        int dims = d.columns().size();
        float[] v = new float[Math.multiplyExact(n, dims)];
        for (int k = 0; k < dims; k++) {
            NumericColumn c = (NumericColumn) d.columns().get(k);
            for (int i = 0; i < n; i++) {
                v[i * dims + k] = (float) c.get(i);
            }
        }
        return new Embeddings(n, dims, v, "none");
    }

    public static void write(Embeddings e, Path npy) {
        NpyWriter.write(npy, e.n(), e.d(), e.toDoubles());
    }
}
