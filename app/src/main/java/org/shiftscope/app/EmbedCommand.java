package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.DataException;
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
    ModelOptions modelOptions;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        long start = System.nanoTime();
        Dataset d = new DatasetCatalog().load(data, monitor);
        if ((model == null) == (text == null)) {
            throw DataException.of("embed needs --model FILE or --text COL (one of the two)");
        }
        Embeddings e = EmbeddingAnalysis.embed(d, text != null ? new EmbeddingAnalysis.Text(text)
                : new EmbeddingAnalysis.Model(model, new EmbeddingAnalysis.ModelInput(modelOptions.inputs(),
                modelOptions.output, modelOptions.batch)), modelOptions.cache(), monitor);
        EmbeddingAnalysis.write(e, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        ConsoleProgress.clear(monitor);
        PrintWriter w = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode root = Json.object();
            root.put("rows", e.n());
            root.put("dimensions", e.d());
            root.put("device", e.device());
            root.put("model", text != null ? EmbeddingAnalysis.TEXT_ENCODER : model.toString());
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

        List<String> inputs() {
            return input.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
