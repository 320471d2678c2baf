package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.projection.Projector;
import org.shiftscope.workflow.map.MapAnalysis;
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

    @Option(names = "--method", paramLabel = "pca|tsne|umap", defaultValue = "pca",
            description = "2-D projection: pca (default), tsne or umap. t-SNE and UMAP are fitted on a seeded subsample"
                    + " (2,500 and 4,000 points: the fast preview) and place the other points among their nearest"
                    + " fitted neighbours; --fit changes that.")
    String method;

    @Option(names = "--fit", paramLabel = "N|all",
            description = "Points t-SNE or UMAP is fitted on: a count, or all (approximate nearest neighbours past 4,096"
                    + " points; t-SNE past 5,000 on neighbour affinities with FFT-interpolated repulsion). Default:"
                    + " the preview sample.")
    String fit;

    @Option(names = "--clusters", paramLabel = "K",
            description = "Number of k-means clusters or mixture components (default 8, or the number of points when"
                    + " there are fewer).")
    Integer clusters;

    @Option(names = "--clustering", paramLabel = "kmeans|gmm|dbscan", defaultValue = "kmeans",
            description = "How to cluster the points in the feature space: kmeans (default), gmm (Gaussian mixture,"
                    + " full covariances, fitted on up to 20,000 points) or dbscan (fitted on up to 10,000 points; the"
                    + " rest join the cluster of their nearest core point within eps, else noise).")
    String clustering;

    @Option(names = "--eps", paramLabel = "E",
            description = "DBSCAN's radius (default: chosen so that 90 %% of the fitted points are core points).")
    Double eps;

    @Option(names = "--min-samples", paramLabel = "M", defaultValue = "10",
            description = "DBSCAN's neighbours within eps, the point itself included, that make a core point"
                    + " (default ${DEFAULT-VALUE}).")
    int minSamples;

    @Option(names = "--tests", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the MMD and classifier two-sample tests on the mapped points (default on;"
                    + " --no-tests skips them).")
    boolean tests;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of k-means (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv",
            description = "Write side,row,x,y,cluster for every point to this CSV file (-: to standard output, the"
                    + " summary then going to standard error).")
    Path out;

    @Mixin
    EmbeddingSourceOptions source;

    @Option(names = "--encoder", paramLabel = "mlp|cnn",
            description = "Without a model: train the built-in encoder on the reference rows to predict --label and map"
                    + " its penultimate layer: mlp for tabular rows (from the other columns), cnn for images.")
    String encoder;

    @Option(names = "--max-train", paramLabel = "N", defaultValue = "" + MapAnalysis.EncoderSettings.MAX_TRAIN,
            description = "Reference rows the built-in encoder trains on, a seeded sample (default ${DEFAULT-VALUE}).")
    int maxTrain;

    @Option(names = "--label", paramLabel = "COL", description = "Label column the built-in encoder learns.")
    String label;

    @Option(names = "--epochs", paramLabel = "E",
            description = "Training epochs of the built-in encoder (default 10 for tables, 5 for images, as in the"
                    + " app).")
    Integer epochs;

    @Option(names = "--dim", paramLabel = "D",
            description = "Embedding size of the built-in encoder (default 16 for tables, 32 for images, as in the"
                    + " app).")
    Integer dim;


    @Mixin
    FormatOption output;

    /** --fit as a sample size: 0 for the preview, {@link Projector#ALL} for every point. */
    private int fitCount() {
        if (fit == null) {
            return 0;
        }
        if (fit.strip().equalsIgnoreCase("all")) {
            return Projector.ALL;
        }
        try {
            int n = Integer.parseInt(fit.strip());
            if (n >= 3) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DataException.setting("--fit", "expected all or a number of points of at least 3, not '" + fit + "'");
    }

    /** The split of the columns, or of embeddings attached to every loaded file. */
    private Split buildSplit(TaskMonitor monitor) {
        return source.build(split, monitor);
    }

    @Override
    public Integer call() {
        Projector.Method projection = Projector.Method.parse(method);
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        long start = System.nanoTime();
        MapAnalysis.Encoded encoded = null;
        MapAnalysis.EncoderSettings settings = null;
        TransportAnalysis.Prepared p;
        if (encoder != null) {
            String kind = encoder.strip().toLowerCase(Locale.ROOT);
            if (!kind.equals("mlp") && !kind.equals("cnn")) {
                throw DataException.of("unknown --encoder '" + encoder + "' (use mlp for tables, cnn for images)");
            }
            if (label == null || source.given()) {
                throw DataException.of("--encoder needs --label COL, and none of --embeddings, --model, --text");
            }
            Split s = split.build();
            if (s.reference().hasImages() != kind.equals("cnn")) {
                throw DataException.of(kind.equals("cnn") ? "--encoder cnn needs image data (IDX files or an image"
                        + " folder); use --encoder mlp for tables" : "the data are images: use --encoder cnn");
            }
            MapAnalysis.EncoderSettings defaults = MapAnalysis.EncoderSettings.defaults(s.reference().hasImages());
            settings = new MapAnalysis.EncoderSettings(dim == null ? defaults.dim() : dim,
                    epochs == null ? defaults.epochs() : epochs, maxTrain);
            encoded = MapAnalysis.encode(s, label, settings, seed, monitor);
            p = encoded.prepared();
        } else {
            Split s = buildSplit(monitor);
            p = MapAnalysis.prepare(s, TransportAnalysis.Standardize.parse(standardize), !split.columns.isEmpty());
        }
        MapAnalysis.Clustering how = new MapAnalysis.Clustering(MapAnalysis.Clustering.Method.parse(clustering),
                clusters != null ? clusters : Math.min(8, p.reference().n() + p.target().n()),
                eps == null ? Double.NaN : eps, minSamples);
        MapAnalysis.Result r = MapAnalysis.run(p, new MapAnalysis.Options(projection, how, tests, seed, fitCount()),
                encoded == null ? null : encoded.predictions(), monitor);
        ConsoleProgress.clear(monitor);
        // --out -: the points go to standard output, and the summary to standard error
        boolean pointsOut = StdinPath.isStdout(out);
        PrintWriter w = pointsOut ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode root = org.shiftscope.workflow.map.MapJson.toJson(r,
                    TransportAnalysis.Standardize.parse(standardize).id(), seed);
            if (r.clustering().method() == MapAnalysis.Clustering.Method.DBSCAN) {
                ((ObjectNode) root.get("clustering")).put("min_samples", minSamples);
            }
            if (encoded != null) {
                ObjectNode enc = root.putObject("encoder");
                enc.put("kind", encoder.strip().toLowerCase(Locale.ROOT));
                enc.put("trained_on", Math.min(maxTrain, p.reference().n()));
                enc.put("label", label);
                enc.put("classes", encoded.classes());
                enc.put("epochs", settings.epochs());
                enc.put("dim", settings.dim());
                enc.put("train_accuracy", encoded.trainAccuracy());
                enc.put("device", encoded.device());
                org.shiftscope.workflow.map.MapJson.accuracy(enc.putObject("reference_accuracy"),
                        Subpopulations.overall(encoded.correct().reference()));
                org.shiftscope.workflow.map.MapJson.accuracy(enc.putObject("target_accuracy"),
                        Subpopulations.overall(encoded.correct().target()));
            }
            if (out != null) {
                root.put("out", out.toString());
            }
            // everything: loading, embedding or training, projecting, clustering
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            Json.print(w, "map", root);
        } else {
            w.printf(Locale.ROOT, "%d reference x %d target points, %d features, %s (%.2f s)%n",
                    p.reference().n(), p.target().n(), p.features().size(), r.clustering().describe(),
                    (System.nanoTime() - start) / 1e9);
            if (r.detection() != null) {
                w.printf(Locale.ROOT, "two-sample tests on these points: MMD p = %.4g (%s), classifier AUC %.3f,"
                        + " p = %.3g%n", r.detection().mmd().pValue(), r.detection().mmd().method(),
                        r.detection().classifier().auc(), r.detection().classifier().pValue());
            }
            w.printf(Locale.ROOT, "%s map fitted on %d points in %d dimensions, trustworthiness(10) %.3f (%.2f s)%n",
                    projection.id(), r.projection().fitted(), r.projection().dims(), r.projection().trustworthiness(),
                    r.projection().seconds());
            w.printf(Locale.ROOT, "%-8s %10s %10s %10s %10s %11s  %-9s %8s %8s%n", "cluster", "n ref", "n target",
                    "ref share", "tgt share", "ratio", "trend", "ref acc", "tgt acc");
            for (Subpopulations.Cluster c : r.table().clusters()) {
                w.printf(Locale.ROOT, "%-8s %10d %10d %10.4f %10.4f %11s  %-9s %8s %8s%n",
                        c.noise() ? "noise" : Integer.toString(c.id()), c.nReference(), c.nTarget(),
                        c.referenceShare(), c.targetShare(),
                        Double.isFinite(c.ratio()) ? String.format(Locale.ROOT, "%.3f", c.ratio()) : "target only",
                        c.trend().id(), percent(c.referenceAccuracy()), percent(c.targetAccuracy()));
            }
            w.flush();
        }
        if (pointsOut) {
            try {
                MapAnalysis.writeCsv(r, spec.commandLine().getOut());
            } catch (java.io.IOException e) {
                throw DataException.of("standard output cannot be written: " + e.getMessage());
            }
        } else if (out != null) {
            // the result is printed first: a disk that cannot take the file loses only the file, and says so
            MapAnalysis.writeCsv(r, out);
            if (!output.json()) {
                w.println("map written to " + out);
                w.flush();
            }
        }
        return 0;
    }

    private static String percent(Subpopulations.Accuracy a) {
        return a.labelled() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * a.value());
    }
}
