package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.DataException;
import org.shiftscope.core.ImagePreprocessing;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import org.shiftscope.workflow.model.EmbeddingCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed every row of a data file with an ONNX or TorchScript model and write the embeddings as"
                + " a .npy file (one row per data row).")
final class EmbedCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Data file (any format inspect reads; images for image folders and IDX).")
    Path data;

    @Option(names = "--model", paramLabel = "FILE", description = "Model: .onnx, or TorchScript .pt.")
    Path model;

    @Option(names = "--text", paramLabel = "COL",
            description = "Instead of a model: embed this text column with the built-in sentence encoder"
                    + " (all-MiniLM-L6-v2, mean pooled, unit length, 384 dimensions).")
    String text;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where to write the embeddings.")
    Path out;

    @Mixin
    TextModelOptions textModel;

    @Mixin
    ImageOptions images;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        if (StdinPath.isStdout(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "embed writes a binary .npy array: give a"
                    + " file name to --out, not -");
        }
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        long start = System.nanoTime();
        Dataset d = SplitBuilder.load(new DatasetCatalog(), data, images.column(), monitor, spec.commandLine()
                .getErr()::println);
        if ((model == null) == (text == null)) {
            throw DataException.of("embed needs --model FILE or --text COL (one of the two)");
        }
        Embeddings e = EmbeddingAnalysis.embed(d, text != null ? textModel.text(text)
                : new EmbeddingAnalysis.Model(model, modelOptions.modelInput()), modelOptions.cache(), monitor);
        EmbeddingAnalysis.write(e, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        ConsoleProgress.clear(monitor);
        PrintWriter w = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode root = Json.object();
            root.put("rows", e.n());
            root.put("dimensions", e.d());
            root.put("device", e.device());
            root.put("model", text != null ? (textModel.model != null ? textModel.model.toString()
                    : EmbeddingAnalysis.TEXT_ENCODER) : model.toString());
            root.put("out", out.toString());
            root.put("seconds", seconds);
            Json.print(w, "embed", root);
        } else {
            w.printf(Locale.ROOT, "%,d rows embedded in %d dimensions on %s (%.2f s) -> %s%n", e.n(), e.d(),
                    e.device(), seconds, out);
            w.flush();
        }
        return 0;
    }

    /** Options of a model run, shared by embed and map. */
    static final class ModelOptions {
        @Option(names = "--model-output", paramLabel = "K", defaultValue = "0",
                description = "Which of the model's outputs is the embedding (0 = the first, default).")
        int output;

        @Option(names = "--model-features", paramLabel = "J", defaultValue = "-1", description = "A classifier with"
                + " several outputs: the one holding its features (its embedding), used by LAME and for the target's"
                + " clusters (default: none, its probabilities are used).")
        int features;

        @Option(names = "--model-input", paramLabel = "a,b,c", split = ",",
                description = "Numeric columns fed to a tabular model, in order (default: every numeric column).")
        List<String> input = new ArrayList<>();

        @Option(names = "--batch", paramLabel = "B", defaultValue = "256", description = "Rows per batch (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--no-cache", description = "Run the model even when the embedding cache"
                + " ($SHIFTSCOPE_CACHE/embeddings or ~/.cache/shiftscope/embeddings) holds its result for this input.")
        boolean noCache;

        /** The standard embedding cache, or null with --no-cache. */
        EmbeddingCache cache() {
            return noCache ? null : EmbeddingCache.standard();
        }

        @Option(names = "--preprocess", paramLabel = "imagenet|none", defaultValue = "none",
                description = "How images become the model's input: imagenet (resize 256, centre crop 224, RGB,"
                        + " ImageNet mean/std, NCHW: torchvision's convention) or none (pixels in [0, 1], channels"
                        + " first; default). The options below change single steps.")
        String preprocess;

        @Option(names = "--resize", paramLabel = "N|NxN", description = "Resize the shorter side to N (the other in"
                + " proportion), or to exactly NxN; 0 for none.")
        String resize;

        @Option(names = "--crop", paramLabel = "N", description = "Centre crop N x N after resizing; 0 for none.")
        Integer crop;

        @Option(names = "--mean", paramLabel = "a,b,c", split = ",", description = "Subtracted per channel after"
                + " scaling (one value, or one per channel).")
        List<Double> mean;

        @Option(names = "--std", paramLabel = "a,b,c", split = ",", description = "Divided per channel after the mean.")
        List<Double> std;

        @Option(names = "--layout", paramLabel = "nchw|nhwc", description = "Channels first (PyTorch) or last"
                + " (TensorFlow / Keras).")
        String layout;

        @Option(names = "--channels", paramLabel = "rgb|bgr|grey", description = "Colour channels the model takes.")
        String channels;

        @Option(names = "--scale", paramLabel = "1|255", description = "Pixel values in 0..1 or 0..255 before the mean.")
        Integer scale;

        List<String> inputs() {
            return input.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        /** How the model is fed: columns, output, batch and the image preprocessing these options describe. */
        EmbeddingAnalysis.ModelInput modelInput() {
            return new EmbeddingAnalysis.ModelInput(inputs(), output, batch, preprocessing(), features);
        }

        ImagePreprocessing preprocessing() {
            ImagePreprocessing p = ImagePreprocessing.preset(preprocess);
            int size = p.resize();
            boolean exact = p.exact();
            if (resize != null) {
                String r = resize.strip().toLowerCase(java.util.Locale.ROOT);
                String[] wh = r.split("x");
                try {
                    size = Integer.parseInt(wh[0]);
                    exact = wh.length == 2;
                    if (exact && Integer.parseInt(wh[1]) != size) {
                        throw DataException.setting("resize", "an exact resize is square (NxN), not " + resize);
                    }
                } catch (NumberFormatException e) {
                    throw DataException.setting("resize", "resize takes N or NxN, not '" + resize + "'");
                }
            }
            int c = p.channels();
            boolean bgr = p.bgr();
            if (channels != null) {
                switch (channels.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "rgb" -> { c = 3; bgr = false; }
                    case "bgr" -> { c = 3; bgr = true; }
                    case "grey", "gray" -> { c = 1; bgr = false; }
                    default -> throw DataException.setting("channels", "channels are rgb, bgr or grey, not '"
                            + channels + "'");
                }
            }
            boolean nhwc = p.nhwc();
            if (layout != null) {
                switch (layout.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "nchw" -> nhwc = false;
                    case "nhwc" -> nhwc = true;
                    default -> throw DataException.setting("layout", "layout is nchw or nhwc, not '" + layout + "'");
                }
            }
            if (scale != null && scale != 1 && scale != 255) {
                throw DataException.setting("scale", "pixel values are scaled to 1 or 255, not " + scale);
            }
            return new ImagePreprocessing(size, exact, crop != null ? crop : p.crop(), c, bgr, nhwc,
                    scale != null ? scale == 255 : p.byteRange(),
                    mean != null ? mean.stream().mapToDouble(Double::doubleValue).toArray() : p.mean(),
                    std != null ? std.stream().mapToDouble(Double::doubleValue).toArray() : p.std());
        }
    }
}
