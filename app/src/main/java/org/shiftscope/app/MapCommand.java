package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.DataException;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.embedding.ModelEmbedder;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.EmbeddingAnalysis;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.MapAnalysis;
import org.shiftscope.workflow.TransportAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Subpopulation map: reference and target projected together to 2-D, clustered together in the"
                + " feature space, and the table of clusters that grew, shrank, emerged or vanished.")
final class MapCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Option(names = "--standardize", paramLabel = "none|zscore", defaultValue = "zscore",
            description = "Feature scaling before projecting and clustering: zscore (pooled mean and sd, default) or"
                    + " none (raw units).")
    String standardize;

    @Option(names = "--method", paramLabel = "pca", defaultValue = "pca",
            description = "2-D projection: pca (the only one so far).")
    String method;

    @Option(names = "--clusters", paramLabel = "K", defaultValue = "8",
            description = "Number of k-means clusters (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of k-means (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv",
            description = "Write side,row,x,y,cluster for every point to this CSV file.")
    Path out;

    @Option(names = "--embeddings", paramLabel = "FILE.npy",
            description = "Map these precomputed embeddings (one row per row of --data) instead of the columns.")
    Path embeddings;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Embed the rows with this ONNX or TorchScript model and map the embeddings.")
    Path model;

    @Mixin
    EmbedCommand.ModelOptions modelOptions;

    @Option(names = "--encoder", paramLabel = "mlp",
            description = "Without a model: mlp trains the built-in encoder (an MLP on the reference rows, predicting"
                    + " --label from the other columns) and maps its penultimate layer.")
    String encoder;

    @Option(names = "--label", paramLabel = "COL", description = "Label column the built-in encoder learns.")
    String label;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "10",
            description = "Training epochs of the built-in encoder (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "16",
            description = "Embedding size of the built-in encoder (default ${DEFAULT-VALUE}).")
    int dim;

    @Mixin
    FormatOption output;

    /** The split of the columns, or of embeddings attached to every loaded file. */
    private Split buildSplit(TaskMonitor monitor) {
        if (embeddings != null && model != null) {
            throw DataException.of("use --embeddings or --model, not both");
        }
        if (embeddings == null && model == null) {
            return split.build();
        }
        if (!split.columns.isEmpty()) {
            throw DataException.of("--columns chooses data columns; with --embeddings or --model the map uses the"
                    + " embeddings (use --model-input for a model's input columns)");
        }
        SplitDefinition definition = split.definition();
        SplitBuilder builder = new SplitBuilder(new DatasetCatalog());
        SplitBuilder.Sides sides;
        if (embeddings != null) {
            if (split.data == null) {
                throw DataException.of("--embeddings needs --data (one file, whose rows the embeddings follow)");
            }
            Embeddings e = EmbeddingAnalysis.read(embeddings, monitor);
            sides = builder.sides(definition.source(),
                    d -> EmbeddingAnalysis.attach(d, e, embeddings.getFileName().toString()), monitor);
        } else {
            try (ModelEmbedder m = ModelEmbedder.load(model)) {
                sides = builder.sides(definition.source(), data -> EmbeddingAnalysis.attach(data,
                        EmbeddingAnalysis.embed(data, m, modelOptions.inputs(), modelOptions.output,
                                modelOptions.batch, monitor), model.getFileName().toString()), monitor);
            }
        }
        return builder.build(new SplitDefinition(definition.source(),
                EmbeddingAnalysis.attachedColumns(sides.reference()), definition.missing()), sides);
    }

    @Override
    public Integer call() {
        if (!method.strip().equalsIgnoreCase("pca")) {
            throw DataException.of("unknown --method '" + method + "' (this version projects with pca only)");
        }
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        long start = System.nanoTime();
        MapAnalysis.Encoded encoded = null;
        TransportAnalysis.Prepared p;
        if (encoder != null) {
            if (!encoder.strip().equalsIgnoreCase("mlp")) {
                throw DataException.of("unknown --encoder '" + encoder + "' (use mlp)");
            }
            if (label == null || embeddings != null || model != null) {
                throw DataException.of("--encoder mlp needs --label COL, and neither --embeddings nor --model");
            }
            Split s = split.build();
            encoded = MapAnalysis.encode(s, label, dim, epochs, seed, monitor);
            p = encoded.prepared();
        } else {
            Split s = buildSplit(monitor);
            p = MapAnalysis.prepare(s, TransportAnalysis.Standardize.parse(standardize), !split.columns.isEmpty());
        }
        MapAnalysis.Result r = MapAnalysis.run(p, clusters, seed, monitor);
        if (out != null) {
            MapAnalysis.writeCsv(r, out);
        }
        ConsoleProgress.clear(monitor);
        PrintWriter w = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode root = Json.object();
            root.put("method", "pca");
            root.put("n_reference", p.reference().n());
            root.put("n_target", p.target().n());
            root.put("standardize", TransportAnalysis.Standardize.parse(standardize).id());
            p.features().forEach(root.putArray("features")::add);
            root.put("seed", seed);
            if (encoded != null) {
                ObjectNode enc = root.putObject("encoder");
                enc.put("kind", "mlp");
                enc.put("label", label);
                enc.put("classes", encoded.classes());
                enc.put("epochs", epochs);
                enc.put("train_accuracy", encoded.trainAccuracy());
                enc.put("device", encoded.device());
            }
            ArrayNode table = root.putArray("clusters");
            for (Subpopulations.Cluster c : r.table().clusters()) {
                ObjectNode o = table.addObject();
                o.put("cluster", c.id());
                o.put("n_reference", c.nReference());
                o.put("n_target", c.nTarget());
                o.put("reference_share", c.referenceShare());
                o.put("target_share", c.targetShare());
                if (Double.isFinite(c.ratio())) {
                    o.put("ratio", c.ratio());
                } else {
                    o.putNull("ratio");
                }
                o.put("trend", c.trend().id());
            }
            if (out != null) {
                root.put("out", out.toString());
            }
            // everything: loading, embedding or training, projecting, clustering
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            Json.print(w, root);
        } else {
            w.printf(Locale.ROOT, "%d reference x %d target points, %d features, %d clusters (%.2f s)%n",
                    p.reference().n(), p.target().n(), p.features().size(), clusters, (System.nanoTime() - start) / 1e9);
            w.printf(Locale.ROOT, "%-8s %10s %10s %10s %10s %8s  %s%n", "cluster", "n ref", "n target", "ref share",
                    "tgt share", "ratio", "trend");
            for (Subpopulations.Cluster c : r.table().clusters()) {
                w.printf(Locale.ROOT, "%-8d %10d %10d %10.4f %10.4f %8s  %s%n", c.id(), c.nReference(), c.nTarget(),
                        c.referenceShare(), c.targetShare(),
                        Double.isFinite(c.ratio()) ? String.format(Locale.ROOT, "%.3f", c.ratio()) : "target only",
                        c.trend().id());
            }
            if (out != null) {
                w.println("map written to " + out);
            }
            w.flush();
        }
        return 0;
    }
}
