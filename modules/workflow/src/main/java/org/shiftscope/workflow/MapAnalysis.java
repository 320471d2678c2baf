package org.shiftscope.workflow;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.embedding.BuiltInEncoder;
import org.shiftscope.embedding.TabularEncoding;
import org.shiftscope.projection.Projector;
import org.shiftscope.transport.KMeans;
import org.shiftscope.transport.Points;

/**
 * The subpopulation map of a split: reference and target points projected together to 2-D (PCA, t-SNE or UMAP, see
 * {@link Projector}), clustered together by k-means in the full feature space (not in the 2-D map), and the
 * subpopulation table of the clusters (shares per side, emerging and vanishing clusters).
 */
public final class MapAnalysis {

    /**
     * @param reference 2-D coordinates of the reference points, x0, y0, x1, y1, ...
     * @param target    2-D coordinates of the target points
     */
    public record Result(TransportAnalysis.Prepared prepared, double[] reference, double[] target,
                         int[] referenceCluster, int[] targetCluster, Subpopulations table,
                         Projector.Result projection, double seconds) {
    }

    private MapAnalysis() {
    }

    /** Points embedded by the built-in encoder, with how well it fitted its training rows and where it ran. */
    public record Encoded(TransportAnalysis.Prepared prepared, double trainAccuracy, int classes, String device) {
    }

    /**
     * The built-in encoder, trained on the reference rows to predict {@code label}; both sides are then mapped
     * through its penultimate layer ({@code dim} units). Images (when the split has them, all of one shape) train
     * the small CNN of {@link BuiltInEncoder#cnn} on up to {@code maxTrain} reference images (a seeded sample);
     * tabular rows train the MLP on the split's other columns, encoded by {@link TabularEncoding}.
     */
    public static Encoded encode(Split split, String label, int dim, int epochs, int maxTrain, long seed,
                                 TaskMonitor monitor) {
        if (!split.reference().column(label).isPresent()) {
            throw DataException.of("label column '" + label + "' is not among the split's columns ("
                    + String.join(", ", split.reference().columnNames()) + ")");
        }
        Column labels = split.reference().requireColumn(label);
        Map<String, Integer> classOf = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            classOf.putIfAbsent(labels.text(i), 0);
        }
        int next = 0;
        for (Map.Entry<String, Integer> e : classOf.entrySet()) {
            e.setValue(next++);
        }
        if (classOf.size() < 2 || classOf.size() > 100) {
            throw DataException.of("label column '" + label + "' has " + classOf.size() + " distinct values in the"
                    + " reference; the built-in encoder needs 2 to 100 classes");
        }
        int nr = split.reference().rowCount();
        int nt = split.target().rowCount();
        int[] train = Projector.sample(nr, maxTrain, seed);
        int[] y = new int[train.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = classOf.get(labels.text(train[i]));
        }
        if (split.reference().hasImages()) {
            monitor.progress(0, "preparing " + (nr + nt) + " images");
            EmbeddingAnalysis.ImageTensor ref = EmbeddingAnalysis.imageTensor(split.reference());
            EmbeddingAnalysis.ImageTensor tgt = EmbeddingAnalysis.imageTensor(split.target());
            if (!java.util.Arrays.equals(ref.shape(), tgt.shape())) {
                throw DataException.of("reference images are " + java.util.Arrays.toString(ref.shape())
                        + " but target images " + java.util.Arrays.toString(tgt.shape()) + " (channels, height, width)");
            }
            float[] xs = rows(ref.values(), (int) (ref.values().length / nr), train);
            try (BuiltInEncoder cnn = BuiltInEncoder.cnn(xs, train.length, ref.shape(), y, classOf.size(), dim, epochs,
                    seed, monitor.range(0, 0.7))) {
                return encoded(cnn, ref.values(), nr, tgt.values(), nt, "cnn", classOf.size(), monitor);
            }
        }
        List<String> features = split.columns().stream().filter(c -> !c.equals(label)).toList();
        if (features.isEmpty()) {
            throw DataException.of("the built-in encoder needs columns besides the label '" + label + "'");
        }
        TabularEncoding enc = TabularEncoding.fit(features, split.reference(), split.target());
        int d = enc.features().size();
        float[] xr = toFloat(enc.encode(split.reference()));
        float[] xt = toFloat(enc.encode(split.target()));
        try (BuiltInEncoder mlp = BuiltInEncoder.mlp(rows(xr, d, train), train.length, d, y, classOf.size(), 64, dim,
                epochs, seed, monitor.range(0, 0.7))) {
            return encoded(mlp, xr, nr, xt, nt, "mlp", classOf.size(), monitor);
        }
    }

    private static Encoded encoded(BuiltInEncoder enc, float[] xr, int nr, float[] xt, int nt, String prefix,
                                   int classes, TaskMonitor monitor) {
        Embeddings er = enc.embed(xr, nr, monitor.range(0.7, 0.85));
        Embeddings et = enc.embed(xt, nt, monitor.range(0.85, 1));
        List<String> names = new ArrayList<>();
        for (int k = 0; k < er.d(); k++) {
            names.add(prefix + "_" + k);
        }
        TransportAnalysis.Prepared p = TransportAnalysis.Prepared.unscaled(new Points(nr, er.d(), er.toDoubles()),
                new Points(nt, et.d(), et.toDoubles()), names);
        return new Encoded(p, enc.trainAccuracy(), classes, er.device());
    }

    private static float[] rows(float[] x, int per, int[] which) {
        if (which.length * per == x.length) {
            return x;
        }
        float[] out = new float[which.length * per];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(x, which[i] * per, out, i * per, per);
        }
        return out;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /**
     * The split's columns as points: numeric columns only as {@link TransportAnalysis#prepare} does; with
     * categorical columns among them, every column through {@link TabularEncoding} (numeric z-scored on both sides
     * pooled, categorical one-hot).
     */
    public static TransportAnalysis.Prepared prepare(Split split, TransportAnalysis.Standardize standardize,
                                                     boolean columnsChosen) {
        boolean categorical = split.columns().stream()
                .anyMatch(c -> !(split.reference().requireColumn(c) instanceof NumericColumn));
        if (!categorical) {
            return TransportAnalysis.prepare(split, standardize, columnsChosen);
        }
        if (standardize == TransportAnalysis.Standardize.NONE) {
            throw DataException.of("categorical columns are one-hot encoded next to z-scored numeric ones: use"
                    + " --standardize zscore, or choose numeric --columns only");
        }
        TransportAnalysis.requireRows(split);
        TabularEncoding e = TabularEncoding.fit(split.columns(), split.reference(), split.target());
        int d = e.features().size();
        return TransportAnalysis.Prepared.unscaled(new Points(split.reference().rowCount(), d,
                e.encode(split.reference())), new Points(split.target().rowCount(), d, e.encode(split.target())),
                e.features());
    }

    /**
     * Projects both sides together with {@code method} ({@link Projector}: t-SNE and UMAP are fitted on a subsample
     * and place the other points out of sample) and clusters them with k-means in the full feature space.
     */
    public static Result run(TransportAnalysis.Prepared p, Projector.Method method, int clusters, long seed,
                             TaskMonitor monitor) {
        long start = System.nanoTime();
        int total = p.reference().n() + p.target().n();
        if (clusters < 1 || clusters > total) {
            throw DataException.of("--clusters must lie in 1.." + total + " (the points of both sides), not "
                    + clusters);
        }
        Points pooled = pool(p.reference(), p.target());
        Projector.Result projection = Projector.project(pooled.values(), total, pooled.d(),
                Projector.Options.of(method, seed), monitor.range(0, 0.7));
        int nr = p.reference().n();
        double[] ref = java.util.Arrays.copyOfRange(projection.xy(), 0, 2 * nr);
        double[] tgt = java.util.Arrays.copyOfRange(projection.xy(), 2 * nr, 2 * total);
        monitor.checkCancelled();
        monitor.progress(0.7, "clustering into " + clusters + " clusters");
        KMeans km = KMeans.fit(pooled, clusters, seed);
        int[] refCluster = km.assign(p.reference());
        int[] tgtCluster = km.assign(p.target());
        Subpopulations table = Subpopulations.of(refCluster, tgtCluster, clusters);
        monitor.progress(1, "map ready");
        return new Result(p, ref, tgt, refCluster, tgtCluster, table, projection, (System.nanoTime() - start) / 1e9);
    }


    /** Writes side,row,x,y,cluster (row = position within its side of the split) to a CSV file. */
    public static void writeCsv(Result r, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("side,row,x,y,cluster\n");
            write(w, "reference", r.reference(), r.referenceCluster());
            write(w, "target", r.target(), r.targetCluster());
        } catch (IOException e) {
            throw DataException.of(file + ": cannot write the map (" + e.getMessage() + ")");
        }
    }

    private static void write(Writer w, String side, double[] xy, int[] cluster) throws IOException {
        for (int i = 0; i < cluster.length; i++) {
            w.write(String.format(Locale.ROOT, "%s,%d,%.9g,%.9g,%d%n", side, i, xy[2 * i], xy[2 * i + 1],
                    cluster[i]));
        }
    }

    private static Points pool(Points x, Points y) {
        double[] v = new double[x.values().length + y.values().length];
        System.arraycopy(x.values(), 0, v, 0, x.values().length);
        System.arraycopy(y.values(), 0, v, x.values().length, y.values().length);
        return new Points(x.n() + y.n(), x.d(), v);
    }
}
