package org.shiftscope.app;

import java.nio.file.Path;
import org.shiftscope.embedding.TextEncoder;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import picocli.CommandLine.Option;

/** Which text encoder embeds a text column: the built-in MiniLM, or a user's Hugging Face export folder. */
final class TextModelOptions {

    @Option(names = "--text-model", paramLabel = "DIR", description = "A Hugging Face text model: a folder with"
            + " model.onnx (or onnx/model.onnx, or a TorchScript model.pt) and tokenizer.json (default: the built-in"
            + " all-MiniLM-L6-v2).")
    Path model;

    @Option(names = "--pooling", paramLabel = "mean|cls", defaultValue = "mean", description = "How a text's token"
            + " states become one vector (default ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "" + TextEncoder.MAX_TOKENS,
            description = "Longest token sequence fed to the model; longer texts are truncated (default"
                    + " ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--no-normalize", description = "Keep the pooled vectors' lengths (default: unit length).")
    boolean noNormalize;

    /** The text source for a column. */
    EmbeddingAnalysis.Text text(String column) {
        return new EmbeddingAnalysis.Text(column, model, new TextEncoder.Settings(
                TextEncoder.Pooling.parse(pooling), maxTokens, !noNormalize));
    }
}
