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
import org.shiftscope.embedding.MlpEncoder;
import org.shiftscope.embedding.TabularEncoding;
import org.shiftscope.transport.KMeans;
import org.shiftscope.transport.Points;
import org.shiftscope.transport.PrincipalPlane;

/**
 * The subpopulation map of a split: reference and target points projected together onto their two leading principal
 * components, clustered together by k-means in the full feature space (not in the 2-D map), and the subpopulation
 * table of the clusters (shares per side, emerging and vanishing clusters).
 */
public final class MapAnalysis {

    /**
     * @param reference 2-D coordinates of the reference points, x0, y0, x1, y1, ...
     * @param target    2-D coordinates of the target points
     */
    public record Result(TransportAnalysis.Prepared prepared, double[] reference, double[] target,
                         int[] referenceCluster, int[] targetCluster, Subpopulations table, double seconds) {
    }

    private MapAnalysis() {
    }

    /** Points embedded by the built-in encoder, with how well it fitted its training rows and where it ran. */
    public record Encoded(TransportAnalysis.Prepared prepared, double trainAccuracy, int classes, String device) {
    }

    /**
     * The built-in tabular encoder: an {@link MlpEncoder} trained on the reference rows to predict {@code label}
     * from the split's other columns (encoded by {@link TabularEncoding}); both sides are then mapped through its
     * penultimate layer ({@code dim} units).
     */
    public static Encoded encode(Split split, String label, int dim, int epochs, long seed, TaskMonitor monitor) {
        if (!split.columns().contains(label)) {
            throw DataException.of("label column '" + label + "' is not among the split's columns ("
                    + String.join(", ", split.columns()) + ")");
        }
        List<String> features = split.columns().stream().filter(c -> !c.equals(label)).toList();
        if (features.isEmpty()) {
            throw DataException.of("the built-in encoder needs columns besides the label '" + label + "'");
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
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classOf.get(labels.text(i));
        }
        TabularEncoding enc = TabularEncoding.fit(features, split.reference(), split.target());
        int d = enc.features().size();
        float[] xr = toFloat(enc.encode(split.reference()));
        float[] xt = toFloat(enc.encode(split.target()));
        int nr = split.reference().rowCount();
        int nt = split.target().rowCount();
        try (MlpEncoder mlp = MlpEncoder.train(xr, nr, d, y, classOf.size(), 64, dim, epochs, seed, monitor)) {
            Embeddings er = mlp.embed(xr, nr);
            Embeddings et = mlp.embed(xt, nt);
            List<String> names = new ArrayList<>();
            for (int k = 0; k < er.d(); k++) {
                names.add("mlp_" + k);
            }
            TransportAnalysis.Prepared p = TransportAnalysis.Prepared.unscaled(new Points(nr, er.d(), er.toDoubles()),
                    new Points(nt, et.d(), et.toDoubles()), names);
            return new Encoded(p, mlp.trainAccuracy(), classOf.size(), er.device());
        }
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

    public static Result run(TransportAnalysis.Prepared p, int clusters, long seed, TaskMonitor monitor) {
        long start = System.nanoTime();
        int total = p.reference().n() + p.target().n();
        if (clusters < 1 || clusters > total) {
            throw DataException.of("--clusters must lie in 1.." + total + " (the points of both sides), not "
                    + clusters);
        }
        monitor.progress(0.1, "projecting " + total + " points");
        PrincipalPlane plane = PrincipalPlane.fit(p.reference(), p.target());
        double[] ref = project(plane, p.reference());
        double[] tgt = project(plane, p.target());
        monitor.checkCancelled();
        monitor.progress(0.4, "clustering into " + clusters + " clusters");
        Points pooled = pool(p.reference(), p.target());
        KMeans km = KMeans.fit(pooled, clusters, seed);
        int[] refCluster = km.assign(p.reference());
        int[] tgtCluster = km.assign(p.target());
        Subpopulations table = Subpopulations.of(refCluster, tgtCluster, clusters);
        monitor.progress(1, "map ready");
        return new Result(p, ref, tgt, refCluster, tgtCluster, table, (System.nanoTime() - start) / 1e9);
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

    private static double[] project(PrincipalPlane plane, Points p) {
        double[] out = new double[2 * p.n()];
        for (int i = 0; i < p.n(); i++) {
            double[] uv = plane.project(p.row(i));
            out[2 * i] = uv[0];
            out[2 * i + 1] = uv[1];
        }
        return out;
    }

    private static Points pool(Points x, Points y) {
        double[] v = new double[x.values().length + y.values().length];
        System.arraycopy(x.values(), 0, v, 0, x.values().length);
        System.arraycopy(y.values(), 0, v, x.values().length, y.values().length);
        return new Points(x.n() + y.n(), x.d(), v);
    }
}
