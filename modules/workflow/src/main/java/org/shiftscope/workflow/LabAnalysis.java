package org.shiftscope.workflow;

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

        /** The group the classifier does worst on, and its accuracy. */
        public Map.Entry<String, Double> worstGroup() {
            return groupAccuracy.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        }

        /** Whether the test calls the sides different at the 5 % level. */
        public boolean shiftDetected() {
            return mmd.pValue() < 0.05;
        }
    }

    public static Frame run(String scenario, double intensity, int rows, long seed, TaskMonitor monitor) {
        Scenario s = Scenarios.generate(scenario, rows, seed, intensity);
        boolean images = !s.reference().images().isEmpty();
        List<String> features = new ArrayList<>();
        for (Column c : s.reference().columns()) {
            if (c instanceof NumericColumn) {
                features.add(c.name());
            }
        }
        // images: every pixel value in [0, 1] is a feature; the map shows each image's mean red and mean green
        Points x = images ? pixels(s.reference()) : points(s.reference(), features);
        Points y = images ? pixels(s.target()) : points(s.target(), features);
        if (images) {
            features = List.of("mean red", "mean green");
        }
        int d = x.d();
        double[] pooled = new double[(x.n() + y.n()) * d];
        System.arraycopy(x.values(), 0, pooled, 0, x.values().length);
        System.arraycopy(y.values(), 0, pooled, x.values().length, y.values().length);
        monitor.checkCancelled();
        MmdTest.Result mmd = MmdTest.test(pooled, x.n() + y.n(), d, x.n(), PERMUTATIONS, seed, monitor.range(0, 0.3));
        List<String> names = images ? java.util.stream.IntStream.range(0, d).mapToObj(j -> "pixel " + j).toList()
                : List.copyOf(features);
        TransportAnalysis.Prepared p = new TransportAnalysis.Prepared(x, y, names, ones(d));
        Explanation e = TransportAnalysis.explain(p, new TransportAnalysis.Options(TransportAnalysis.Standardize.NONE,
                TransportAnalysis.Solver.EXACT, Double.NaN), ExplanationMethod.KCLUSTER, KMAX, seed,
                monitor.range(0.3, 0.9));
        double[] curve = e.curve().stream().mapToDouble(Explanation.Point::percentExplained).toArray();
        // the classifier: the reference's first half trains it
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
        int[] best = new int[k];
        double[] dist = new double[k];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            double dj = q.sqDist(i, train, j);
            if (dj < dist[k - 1]) {
                int at = k - 1;
                while (at > 0 && dist[at - 1] > dj) {
                    dist[at] = dist[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                dist[at] = dj;
                best[at] = j;
            }
        }
        Map<String, Integer> votes = new java.util.TreeMap<>();
        for (int b : best) {
            votes.merge(labels[b], 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static Points points(Dataset d, List<String> features) {
        int n = d.rowCount();
        double[] v = new double[n * features.size()];
        for (int j = 0; j < features.size(); j++) {
            double[] col = ((NumericColumn) d.requireColumn(features.get(j))).values();
            for (int i = 0; i < n; i++) {
                v[i * features.size() + j] = col[i];
            }
        }
        return new Points(n, features.size(), v);
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

    /** Each RGB image's mean red and mean green, interleaved, for the map. */
    private static double[] colourPlane(Dataset d) {
        double[] out = new double[d.rowCount() * 2];
        for (int i = 0; i < d.rowCount(); i++) {
            byte[] px = d.images().get(i).pixels();
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

    private static double[] ones(int d) {
        double[] s = new double[d];
        java.util.Arrays.fill(s, 1);
        return s;
    }
}
