package org.shiftscope.workflow.lab;

import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.TransportAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.core.Column;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.scenarios.Scenario;
import org.shiftscope.scenarios.Scenarios;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.transport.Points;

/**
 * One frame of the classroom lab: a tabular scenario generated at an intensity, and what detection, explanation
 * and a model make of it. Small enough to recompute while a slider moves (600 rows a side by default): the MMD
 * permutation test on the features, the k-cluster PercentExplained curve (k = 1..4, exact transport), and a
 * k-nearest-neighbour classifier (k = 15) trained on the reference's first half, scored on its second half (in
 * distribution) and on the target, overall and on its worst group.
 */
public final class LabAnalysis {

    /** Rows per side of a lab frame: small enough to recompute while a slider moves. */
    public static final int ROWS = 600;
    /** Neighbours of the lab's classifier. */
    public static final int NEIGHBOURS = 15;
    /** Largest k of the lab's PercentExplained curve. */
    public static final int KMAX = 4;
    static final int PERMUTATIONS = 100;

    private LabAnalysis() {
    }

    /**
     * @param reference   the reference's first two features (x, y per row), for the map
     * @param target      the target's, likewise
     * @param features    the features' names
     * @param mmd         the detection test on every feature
     * @param curve       PercentExplained for k = 1..{@link #KMAX}
     * @param accuracy    the classifier's accuracy on the target
     * @param inDistribution its accuracy on held-out reference rows
     * @param groupAccuracy  its target accuracy per group (the scenario's group column, else the label)
     */
    public record Frame(Scenario scenario, double intensity, double[] reference, double[] target,
                        List<String> features, MmdTest.Result mmd, double[] curve, double accuracy,
                        double inDistribution, Map<String, Double> groupAccuracy) {

        /** The group the classifier does worst on, and its accuracy; null for a scenario without labels. */
        public Map.Entry<String, Double> worstGroup() {
            return groupAccuracy.entrySet().stream().min(Map.Entry.comparingByValue()).orElse(null);
        }

        /**
         * Whether the scenario has a label, so the frame measured the classifier (the mixture ring and the Gaussian
         * mean shift have none: their frames measure the shift only, and the accuracies are NaN).
         */
        public boolean labelled() {
            return !groupAccuracy.isEmpty();
        }

        /** Whether the test calls the sides different at the 5 % level. */
        public boolean shiftDetected() {
            return mmd.pValue() < 0.05;
        }
    }

    /** The Fashion-MNIST corruption ladder's scenarios: fashion-FAMILY, severity = round(5 x intensity). */
    public static final List<String> FASHION = List.of("fashion-noise", "fashion-blur", "fashion-contrast",
            "fashion-rotate");
    private static final DatasetCatalog CATALOG = new DatasetCatalog();

    /** Where Fashion-MNIST's IDX files are looked for (Debian's dataset-fashion-mnist package by default). */
    static java.nio.file.Path fashionFolder() {
        return java.nio.file.Path.of(System.getProperty("shiftscope.fashion", "/usr/share/datasets/fashion-mnist"));
    }

    /**
     * The lab's scenarios with what their intensity does: the built-in ones, and the Fashion-MNIST ladder when its
     * files are installed.
     */
    public static List<Scenarios.Entry> catalog() {
        List<Scenarios.Entry> out = new ArrayList<>(Scenarios.catalog());
        if (java.nio.file.Files.isRegularFile(fashionFolder().resolve("t10k-images-idx3-ubyte.gz"))) {
            for (String id : FASHION) {
                out.add(new Scenarios.Entry(id, "images", "Fashion-MNIST test images " + id.substring(8)
                        + " at severity round(5 t) of the ladder (0 clean)"));
            }
        }
        return out;
    }

    /** The ids of {@link #catalog()}. */
    public static List<String> scenarios() {
        return catalog().stream().map(Scenarios.Entry::id).toList();
    }

    /**
     * A Fashion-MNIST corruption-ladder scenario: {@code rows} seeded training images as the reference, as many
     * test images as the target, corrupted by the family at severity round(5 t) (0: clean).
     */
    static Scenario fashion(String id, int rows, long seed, double t, TaskMonitor monitor) {
        String family = id.substring("fashion-".length());
        int severity = (int) Math.round(5 * t);
        java.nio.file.Path dir = fashionFolder();
        Dataset train = CATALOG.load(dir.resolve("train-images-idx3-ubyte.gz"), monitor.range(0, 0.1));
        Dataset test = CATALOG.load(dir.resolve("t10k-images-idx3-ubyte.gz"), monitor.range(0.1, 0.2));
        Dataset ref = train.selectRows(sample(train.rowCount(), rows, seed));
        Dataset tgt = test.selectRows(sample(test.rowCount(), rows, seed + 1));
        if (severity > 0) {
            org.shiftscope.scenarios.TargetShift shift = new org.shiftscope.scenarios.TargetShift(
                    "corrupt=" + family + ":" + severity, List.of(org.shiftscope.scenarios.TargetShift.ladder(family,
                    severity)), seed);
            tgt = shift.apply(tgt);
        }
        return new Scenario(id, "Fashion-MNIST corruption ladder: " + family, String.format(java.util.Locale.ROOT,
                "%d training images as the reference, %d test images as the target, %s at severity %d of 5 (5 x"
                        + " intensity; 0 is clean). Groups: the ten classes.", rows, rows, family, severity), ref, tgt);
    }

    private static int[] sample(int n, int k, long seed) {
        int[] idx = java.util.stream.IntStream.range(0, n).toArray();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int m = Math.min(k, n);
        for (int i = 0; i < m; i++) {
            int j = i + r.nextInt(n - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        return java.util.Arrays.copyOf(idx, m);
    }

    /** A lab scenario by name: a built-in one, or a step of the Fashion-MNIST ladder. */
    public static Scenario scenario(String id, int rows, long seed, double intensity, TaskMonitor monitor) {
        return FASHION.contains(id) ? fashion(id, rows, seed, intensity, monitor)
                : Scenarios.generate(id, rows, seed, intensity);
    }

    public static Frame run(String scenario, double intensity, int rows, long seed, TaskMonitor monitor) {
        Scenario s = scenario(scenario, rows, seed, intensity, monitor);
        boolean images = !s.reference().images().isEmpty();
        List<String> features = new ArrayList<>();
        for (Column c : s.reference().columns()) {
            if (c instanceof NumericColumn) {
                features.add(c.name());
            }
        }
        // images: every pixel value in [0, 1] is a feature; the map shows each image's mean red and mean green
        Points x = images ? pixels(s.reference()) : TransportAnalysis.points(s.reference(), features);
        Points y = images ? pixels(s.target()) : TransportAnalysis.points(s.target(), features);
        boolean rgb = images && s.reference().images().get(0).channels() == 3;
        if (images) {
            features = rgb ? List.of("mean red", "mean green") : List.of("mean intensity", "centre intensity");
        }
        int d = x.d();
        double[] pooled = new double[(x.n() + y.n()) * d];
        System.arraycopy(x.values(), 0, pooled, 0, x.values().length);
        System.arraycopy(y.values(), 0, pooled, x.values().length, y.values().length);
        monitor.checkCancelled();
        MmdTest.Result mmd = MmdTest.test(pooled, x.n() + y.n(), d, x.n(), PERMUTATIONS, seed, monitor.range(0, 0.3));
        List<String> names = images ? java.util.stream.IntStream.range(0, d).mapToObj(j -> "pixel " + j).toList()
                : List.copyOf(features);
        TransportAnalysis.Prepared p = TransportAnalysis.Prepared.unscaled(x, y, names);
        Explanation e = TransportAnalysis.explain(p, new TransportAnalysis.Options(TransportAnalysis.Standardize.NONE,
                TransportAnalysis.Solver.EXACT, Double.NaN), ExplanationMethod.KCLUSTER, KMAX, seed,
                monitor.range(0.3, 0.9));
        double[] curve = e.curve().stream().mapToDouble(Explanation.Point::percentExplained).toArray();
        // the classifier: the reference's first half trains it (a scenario without labels has none)
        if (s.reference().column("label").isEmpty() || s.target().column("label").isEmpty()) {
            monitor.progress(1, "lab frame ready");
            return new Frame(s, intensity, images ? colourPlane(s.reference()) : plane(x), images
                    ? colourPlane(s.target()) : plane(y), List.copyOf(features), mmd, curve, Double.NaN, Double.NaN,
                    Map.of());
        }
        Column refLabel = s.reference().requireColumn("label");
        Column tgtLabel = s.target().requireColumn("label");
        int half = x.n() / 2;
        String[] trainLabels = new String[half];
        for (int i = 0; i < half; i++) {
            trainLabels[i] = refLabel.text(i);
        }
        int right = 0;
        for (int i = half; i < x.n(); i++) {
            right += knn(x, half, trainLabels, x, i).equals(refLabel.text(i)) ? 1 : 0;
        }
        double inDistribution = (double) right / (x.n() - half);
        Column groups = s.target().column("cluster").or(() -> s.target().column("group")).orElse(tgtLabel);
        Map<String, int[]> perGroup = new java.util.TreeMap<>();
        right = 0;
        for (int i = 0; i < y.n(); i++) {
            boolean ok = knn(x, half, trainLabels, y, i).equals(tgtLabel.text(i));
            right += ok ? 1 : 0;
            int[] g = perGroup.computeIfAbsent(groups.text(i), k -> new int[2]);
            g[0] += ok ? 1 : 0;
            g[1]++;
        }
        monitor.progress(1, "lab frame ready");
        Map<String, Double> groupAccuracy = new LinkedHashMap<>();
        String prefix = groups == tgtLabel ? "label " : groups.name().equals("cluster") ? "cluster " : "";
        perGroup.forEach((g, c) -> groupAccuracy.put(prefix + g, (double) c[0] / c[1]));
        return new Frame(s, intensity, images ? colourPlane(s.reference()) : plane(x), images
                ? colourPlane(s.target()) : plane(y), List.copyOf(features), mmd, curve,
                (double) right / y.n(), inDistribution, groupAccuracy);
    }

    /** The majority label among the {@link #NEIGHBOURS} training rows nearest to row i of {@code q}. */
    static String knn(Points train, int n, String[] labels, Points q, int i) {
        int k = Math.min(NEIGHBOURS, n);
        int[] best = org.shiftscope.core.NearestNeighbours.nearest(train.values(), n, q.values(), i, q.d(), k, -1,
                null);
        Map<String, Integer> votes = new java.util.TreeMap<>();
        for (int b : best) {
            votes.merge(labels[b], 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Each image's pixels scaled to [0, 1], one row per image. */
    private static Points pixels(Dataset d) {
        int n = d.rowCount();
        int dim = d.images().get(0).pixels().length;
        double[] v = new double[n * dim];
        for (int i = 0; i < n; i++) {
            byte[] px = d.images().get(i).pixels();
            for (int j = 0; j < dim; j++) {
                v[i * dim + j] = (px[j] & 0xFF) / 255.0;
            }
        }
        return new Points(n, dim, v);
    }

    /**
     * For the map: each RGB image's mean red and mean green; each grey image's mean intensity and the mean of its
     * central quarter. Interleaved.
     */
    private static double[] colourPlane(Dataset d) {
        double[] out = new double[d.rowCount() * 2];
        for (int i = 0; i < d.rowCount(); i++) {
            org.shiftscope.core.RasterImage img = d.images().get(i);
            byte[] px = img.pixels();
            if (img.channels() == 1) {
                double all = 0;
                double centre = 0;
                int inCentre = 0;
                for (int y = 0; y < img.height(); y++) {
                    for (int x = 0; x < img.width(); x++) {
                        int v = px[y * img.width() + x] & 0xFF;
                        all += v;
                        if (Math.abs(x - img.width() / 2.0) < img.width() / 4.0
                                && Math.abs(y - img.height() / 2.0) < img.height() / 4.0) {
                            centre += v;
                            inCentre++;
                        }
                    }
                }
                out[2 * i] = all / px.length;
                out[2 * i + 1] = centre / Math.max(1, inCentre);
                continue;
            }
            double r = 0;
            double g = 0;
            for (int p = 0; p + 2 < px.length; p += 3) {
                r += px[p] & 0xFF;
                g += px[p + 1] & 0xFF;
            }
            out[2 * i] = r / (px.length / 3.0);
            out[2 * i + 1] = g / (px.length / 3.0);
        }
        return out;
    }

    /** The first two coordinates of every point, interleaved (x0, y0, x1, y1, ...). */
    private static double[] plane(Points p) {
        double[] out = new double[p.n() * 2];
        for (int i = 0; i < p.n(); i++) {
            out[2 * i] = p.get(i, 0);
            out[2 * i + 1] = p.get(i, Math.min(1, p.d() - 1));
        }
        return out;
    }
}
