package org.shiftscope.app;

import java.nio.file.Path;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where an analysis's points come from when not from the split's columns: precomputed embeddings, a user's model
 * run over the rows, or a text encoder over a text column (map and explain take the same options).
 */
final class EmbeddingSourceOptions {

    @Option(names = "--embeddings", paramLabel = "FILE.npy",
            description = "Use these precomputed embeddings (one row per row of --data) instead of the columns.")
    Path embeddings;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Embed the rows with this ONNX or TorchScript model and use the embeddings.")
    Path model;

    @Mixin
    EmbedCommand.ModelOptions modelOptions;

    @Option(names = "--text", paramLabel = "COL",
            description = "Embed this text column with the built-in sentence encoder (all-MiniLM-L6-v2, 384"
                    + " dimensions, shipped with ShiftScope) or --text-model DIR, and use the embeddings.")
    String text;

    @Mixin
    TextModelOptions textModel;

    /** Whether any of these options is given. */
    boolean given() {
        return embeddings != null || model != null || text != null;
    }

    /** The split of the columns, or of embeddings attached to every loaded file. */
    Split build(SplitOptions split, TaskMonitor monitor) {
        int sources = (embeddings != null ? 1 : 0) + (model != null ? 1 : 0) + (text != null ? 1 : 0);
        if (sources > 1) {
            throw DataException.of("use one of --embeddings, --model and --text");
        }
        if (sources == 0) {
            return split.build();
        }
        if (!split.columns.isEmpty()) {
            throw DataException.of("--columns chooses data columns; with --embeddings, --model or --text the"
                    + " analysis uses the embeddings (use --model-input for a model's input columns)");
        }
        if (embeddings != null && split.data == null) {
            throw DataException.of("--embeddings needs --data (one file, whose rows the embeddings follow)");
        }
        return EmbeddingAnalysis.embeddedSplit(new SplitBuilder(new DatasetCatalog()), split.definition(),
                embeddings != null ? new EmbeddingAnalysis.Npy(embeddings)
                        : text != null ? textModel.text(text)
                        : new EmbeddingAnalysis.Model(model, modelOptions.modelInput()),
                modelOptions.cache(), monitor);
    }
}
