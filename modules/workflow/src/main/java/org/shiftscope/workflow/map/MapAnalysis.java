package org.shiftscope.workflow.map;

import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.model.BuiltInModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.Dbscan;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.analysis.GaussianMixture;
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
 * {@link Projector}), clustered together in the full feature space (not in the 2-D map) by k-means, a Gaussian
 * mixture or DBSCAN, and the subpopulation table of the clusters (shares per side, emerging and vanishing clusters,
 * and the classifier's accuracy per cluster and side when there are predictions).
 */
public final class MapAnalysis {

    /**
     * @param reference 2-D coordinates of the reference points, x0, y0, x1, y1, ...
     * @param target    2-D coordinates of the target points
     * @param predictions the built-in encoder's classifier on each point (null without it)
     */
    public record Result(TransportAnalysis.Prepared prepared, double[] reference, double[] target,
                         int[] referenceCluster, int[] targetCluster, Subpopulations table,
                         Projector.Result projection, Clustered clustering, Detection detection, double seconds,
                         Predictions predictions) {

        /** Per point whether the built-in encoder's classifier was right; null without it. */
        public Subpopulations.Correct correct() {
            return predictions == null ? null : predictions.correct();
        }
    }

    /**
     * The multivariate two-sample tests run on the mapped points (embeddings or encoded columns): MMD with
     * {@value #PERMUTATIONS} permutations and the classifier test.
     */
    public record Detection(MmdTest.Result mmd, ClassifierTest.Result classifier) {
    }

    /** Fewest points per side for which a map runs the two-sample tests. */
    public static final int MIN_TEST_ROWS = 10;

    /** Permutations of the MMD test run on a map's points. */
    public static final int PERMUTATIONS = 200;

    /**
     * What to compute.
     *
     * @param detect whether to run the two-sample tests on the points
     * @param fit    points t-SNE or UMAP is fitted on: 0 for the method's preview sample, {@link Projector#ALL} for
     *               every point ({@link Projector.Options#fitting})
     */
    public record Options(Projector.Method method, Clustering clustering, boolean detect, long seed, int fit) {

        /** The method fitted on its preview sample. */
        public Options(Projector.Method method, Clustering clustering, boolean detect, long seed) {
            this(method, clustering, detect, seed, 0);
        }
    }

    /** Points a Gaussian mixture is fitted on at most (a seeded sample; the rest are assigned). */
    public static final int GMM_FIT = 20_000;
    /** Points DBSCAN is fitted on at most (all pairs are compared). */
    public static final int DBSCAN_FIT = 10_000;
    /** Share of the fitted points that are core points under DBSCAN's default eps. */
    public static final double DBSCAN_CORE_SHARE = 0.9;

    /**
     * How to cluster.
     *
     * @param k          clusters (k-means) or components (Gaussian mixture); ignored by DBSCAN
     * @param eps        DBSCAN's radius; NaN to choose it from the data ({@link Dbscan#defaultEps}, so that
     *                   {@value #DBSCAN_CORE_SHARE} of the fitted points are core points)
     * @param minSamples DBSCAN's neighbours (itself included) that make a core point
     */
    public record Clustering(Method method, int k, double eps, int minSamples) {

        public enum Method {
            KMEANS("k-means"), GMM("Gaussian mixture"), DBSCAN("DBSCAN");

            private final String label;

            Method(String label) {
                this.label = label;
            }

            public String label() {
                return label;
            }

            public String id() {
                return org.shiftscope.core.EnumIds.id(this);
            }

            public static Method parse(String s) {
                return org.shiftscope.core.EnumIds.parse(Method.class, s, "clustering");
            }
        }

        public static Clustering kmeans(int k) {
            return new Clustering(Method.KMEANS, k, Double.NaN, 10);
        }
    }

    /**
     * What the clustering did: clusters found, the points it was fitted on, DBSCAN's eps and noise share, the
     * mixture's BIC on its fitted points (NaN when not applicable).
     */
    public record Clustered(Clustering.Method method, int clusters, int fitted, double eps, double noiseShare,
                            double bic) {

        /** One line for summaries. */
        public String describe() {
            return switch (method) {
                case KMEANS -> String.format(Locale.ROOT, "k-means, %d clusters", clusters);
                case GMM -> String.format(Locale.ROOT, "Gaussian mixture, %d components fitted on %,d points, BIC %.4g",
                        clusters, fitted, bic);
                case DBSCAN -> String.format(Locale.ROOT,
                        "DBSCAN (eps %.4g) fitted on %,d points: %d clusters, %.1f %% noise", eps, fitted, clusters,
                        100 * noiseShare);
            };
        }
    }

    private MapAnalysis() {
    }

    /**
     * Points embedded by the built-in encoder, with how well it fitted its training rows, where it ran, and for every
     * point whether its prediction is right: unlabelled where the target lacks the label or holds a value the
     * reference never had, and for the reference rows the encoder trained on (so reference accuracy is measured on
     * held-out rows only).
     */
    public record Encoded(TransportAnalysis.Prepared prepared, double trainAccuracy, int classes, String device,
                          Predictions predictions) {

        /** Per point whether the classifier was right. */
        public Subpopulations.Correct correct() {
            return predictions.correct();
        }
    }

    /**
     * How the built-in encoder of a map is trained.
     *
     * @param dim      size of its penultimate layer (the embedding)
     * @param maxTrain most reference rows it trains on (a seeded sample)
     */
    public record EncoderSettings(int dim, int epochs, int maxTrain) {

        /** Most reference rows the encoder trains on by default. */
        public static final int MAX_TRAIN = 10_000;

        public EncoderSettings {
            if (dim < 1 || epochs < 1 || maxTrain < 2) {
                throw org.shiftscope.core.DataException.of("the built-in encoder needs a dimension and epochs of at"
                        + " least 1 and at least 2 training rows (not " + dim + ", " + epochs + ", " + maxTrain + ")");
            }
            org.shiftscope.core.Limits.check("dim", dim, 1, 4096);
            org.shiftscope.core.Limits.check("epochs", epochs, 1, org.shiftscope.core.Limits.EPOCHS);
        }

        /**
         * The defaults, the same in the app and the CLI: tables 16 units and 10 epochs; images (the CNN, slower per
         * epoch and richer) 32 units and 5 epochs.
         */
        public static EncoderSettings defaults(boolean images) {
            return images ? new EncoderSettings(32, 5, MAX_TRAIN) : new EncoderSettings(16, 10, MAX_TRAIN);
        }
    }

    /**
     * The built-in encoder, trained on the reference rows to predict {@code label}; both sides are then mapped
     * through its penultimate layer ({@code dim} units). Images (when the split has them; resized to 32 x 32 when
     * their sizes differ) train the small CNN of {@link BuiltInEncoder#cnn} on up to {@code maxTrain} reference
     * images (a seeded sample);
     * tabular rows train the MLP on the split's other columns, encoded by {@link TabularEncoding}.
     */
    public static Encoded encode(Split split, String label, EncoderSettings settings, long seed, TaskMonitor monitor) {
        int dim = settings.dim();
        int epochs = settings.epochs();
        int maxTrain = settings.maxTrain();
        int nr = split.reference().rowCount();
        int nt = split.target().rowCount();
        int[] train = Projector.sample(nr, maxTrain, seed);
        BuiltInModel.Trained m = BuiltInModel.train(split, label, org.shiftscope.adaptation.method.TrainingRequest
                .builder().setRows(train).optScored(null).optDim(dim).setEpochs(epochs).setSeed(seed).build(), monitor);
        Embeddings er = m.reference().embeddings();
        Embeddings et = m.target().embeddings();
        byte[] refCorrect = correct(m.reference().predicted(), split.reference().column(label).orElse(null),
                m.classOf());
        for (int i : train) {
            refCorrect[i] = Subpopulations.Correct.UNLABELLED; // reference accuracy is held out, never in-sample
        }
        Subpopulations.Correct correct = new Subpopulations.Correct(refCorrect,
                correct(m.target().predicted(), split.target().column(label).orElse(null), m.classOf()));
        List<String> names = new ArrayList<>();
        for (int k = 0; k < er.d(); k++) {
            names.add(m.kind() + "_" + k);
        }
        TransportAnalysis.Prepared p = TransportAnalysis.Prepared.unscaled(new Points(nr, er.d(), er.toDoubles()),
                new Points(nt, et.d(), et.toDoubles()), names);
        int classes = m.classOf().size();
        Predictions predictions = new Predictions(Predictions.names(m.classOf()), m.reference().predicted(),
                m.target().predicted(), Predictions.confidence(m.reference().probabilities(), classes),
                Predictions.confidence(m.target().probabilities(), classes), correct);
        return new Encoded(p, m.trainAccuracy(), classes, er.device(), predictions);
    }

    private static byte[] correct(int[] predicted, Column labels, Map<String, Integer> classOf) {
        byte[] out = new byte[predicted.length];
        for (int i = 0; i < out.length; i++) {
            Integer truth = labels == null || labels.isMissing(i) ? null : classOf.get(labels.text(i));
            out[i] = truth == null ? Subpopulations.Correct.UNLABELLED
                    : truth == predicted[i] ? Subpopulations.Correct.RIGHT : Subpopulations.Correct.WRONG;
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
            throw DataException.setting("standardize", "categorical columns are one-hot encoded next to z-scored"
                    + " numeric ones: z-score the columns, or choose numeric columns only");
        }
        TransportAnalysis.requireRows(split);
        TabularEncoding e = TabularEncoding.fit(split.columns(), split.reference(), split.target());
        int d = e.features().size();
        return TransportAnalysis.Prepared.unscaled(new Points(split.reference().rowCount(), d,
                e.encode(split.reference())), new Points(split.target().rowCount(), d, e.encode(split.target())),
                e.features());
    }

    /** {@link #run(TransportAnalysis.Prepared, Options, Predictions, TaskMonitor)} with k-means, no
     * predictions and no tests. */
    public static Result run(TransportAnalysis.Prepared p, Projector.Method method, int clusters, long seed,
                             TaskMonitor monitor) {
        return run(p, new Options(method, Clustering.kmeans(clusters), false, seed), null, monitor);
    }

    /**
     * Projects both sides together with {@code method} ({@link Projector}: t-SNE and UMAP are fitted on a subsample
     * and place the other points out of sample) and clusters them in the full feature space.
     *
     * @param predictions null, or per point a classifier's prediction (for per-cluster accuracy)
     */
    public static Result run(TransportAnalysis.Prepared p, Options options, Predictions predictions,
                             TaskMonitor monitor) {
        Subpopulations.Correct correct = predictions == null ? null : predictions.correct();
        Projector.Method method = options.method();
        Clustering clustering = options.clustering();
        long seed = options.seed();
        long start = System.nanoTime();
        int total = p.reference().n() + p.target().n();
        if (clustering.method() != Clustering.Method.DBSCAN && (clustering.k() < 1 || clustering.k() > total)) {
            throw DataException.setting("clusters", "the number of clusters must lie in 1.." + total + " (the points of both sides), not "
                    + clustering.k());
        }
        Points pooled = pool(p.reference(), p.target());
        double projectionEnd = options.detect() ? 0.6 : 0.7;
        Projector.Result projection = Projector.project(pooled.values(), total, pooled.d(),
                Projector.Options.fitting(method, seed, options.fit()), monitor.range(0, projectionEnd));
        int nr = p.reference().n();
        double[] ref = java.util.Arrays.copyOfRange(projection.xy(), 0, 2 * nr);
        double[] tgt = java.util.Arrays.copyOfRange(projection.xy(), 2 * nr, 2 * total);
        monitor.checkCancelled();
        monitor.progress(projectionEnd, "clustering: " + clustering.method().label());
        int[] all = new int[total];
        Clustered how = cluster(pooled, clustering, seed, all);
        int[] refCluster = java.util.Arrays.copyOfRange(all, 0, nr);
        int[] tgtCluster = java.util.Arrays.copyOfRange(all, nr, total);
        Subpopulations table = Subpopulations.of(refCluster, tgtCluster, how.clusters(), correct);
        Detection detection = null;
        if (options.detect() && Math.min(nr, total - nr) >= MIN_TEST_ROWS) {
            monitor.checkCancelled();
            monitor.progress(0.8, "two-sample tests on the mapped points");
            MmdTest.Result mmd = MmdTest.test(pooled.values(), total, pooled.d(), nr, PERMUTATIONS, seed,
                    monitor.range(0.8, 0.9));
            ClassifierTest.Result classifier = ClassifierTest.test(pooled.values(), total, pooled.d(), nr,
                    p.features(), seed, monitor.range(0.9, 1));
            detection = new Detection(mmd, classifier);
        }
        monitor.progress(1, "map ready");
        return new Result(p, ref, tgt, refCluster, tgtCluster, table, projection, how, detection,
                (System.nanoTime() - start) / 1e9, predictions);
    }

    /** Clusters the pooled points, writing each point's cluster (or noise) into {@code out}. */
    static Clustered cluster(Points pooled, Clustering c, long seed, int[] out) {
        int n = pooled.n();
        int d = pooled.d();
        switch (c.method()) {
            case KMEANS -> {
                KMeans km = KMeans.fit(pooled, c.k(), seed);
                System.arraycopy(km.assign(pooled), 0, out, 0, n);
                return new Clustered(c.method(), c.k(), n, Double.NaN, 0, Double.NaN);
            }
            case GMM -> {
                Points fit = subset(pooled, Projector.sample(n, GMM_FIT, seed));
                int[] init = KMeans.fit(fit, c.k(), seed).assign(fit);
                GaussianMixture gm = GaussianMixture.fit(fit.values(), fit.n(), d, init, c.k(), 1e-3, 100);
                System.arraycopy(gm.predict(pooled.values(), n), 0, out, 0, n);
                return new Clustered(c.method(), c.k(), fit.n(), Double.NaN, 0, gm.bic(fit.n()));
            }
            case DBSCAN -> {
                Points fit = subset(pooled, Projector.sample(n, DBSCAN_FIT, seed));
                double eps = Double.isNaN(c.eps())
                        ? Dbscan.defaultEps(fit.values(), fit.n(), d, c.minSamples(), DBSCAN_CORE_SHARE) : c.eps();
                Dbscan db = Dbscan.fit(fit.values(), fit.n(), d, eps, c.minSamples());
                if (db.clusters() == 0) {
                    throw DataException.of(String.format(Locale.ROOT, "DBSCAN found no cluster with eps %.4g and"
                            + " min samples %d: raise eps or lower min samples", eps, c.minSamples()));
                }
                int[] labels = fit.n() == n ? db.labels() : db.assign(pooled.values(), n);
                System.arraycopy(labels, 0, out, 0, n);
                long noise = java.util.Arrays.stream(out).filter(v -> v == Dbscan.NOISE).count();
                return new Clustered(c.method(), db.clusters(), fit.n(), eps, (double) noise / n, Double.NaN);
            }
            default -> throw new IllegalStateException(c.method().name());
        }
    }

    private static Points subset(Points x, int[] rows) {
        if (rows.length == x.n()) {
            return x;
        }
        double[] v = new double[rows.length * x.d()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x.values(), rows[i] * x.d(), v, i * x.d(), x.d());
        }
        return new Points(rows.length, x.d(), v);
    }


    /** Writes side,row,x,y,cluster (row = position within its side of the split) as CSV to a writer. */
    public static void writeCsv(Result r, Writer w) throws IOException {
        w.write("side,row,x,y,cluster\n");
        write(w, "reference", r.reference(), r.referenceCluster());
        write(w, "target", r.target(), r.targetCluster());
        w.flush();
    }

    /** Writes side,row,x,y,cluster (row = position within its side of the split) to a CSV file. */
    public static void writeCsv(Result r, Path file) {
        try {
            org.shiftscope.core.AtomicFile.write(file, out -> {
                Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write("side,row,x,y,cluster\n");
                write(w, "reference", r.reference(), r.referenceCluster());
                write(w, "target", r.target(), r.targetCluster());
                w.flush();
            });
        } catch (IOException e) {
            throw DataException.inFile(file.toString(), "the map's points were not saved: " + org.shiftscope.core.AtomicFile.describe(e)
                    + " (the summary above is complete)");
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
