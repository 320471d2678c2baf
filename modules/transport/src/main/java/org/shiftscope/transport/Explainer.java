package org.shiftscope.transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * Computes transport-map explanations of the shift from X (reference) to Y (target) and their PercentExplained
 * curves, exactly as defined by Kulinski and Inouye. Feature rankings break ties by column order.
 *
 * <p>Reference: S. Kulinski and D. I. Inouye, "Towards Explaining Distribution Shifts", ICML 2023.
 */
public final class Explainer {

    private final W2Estimator estimator;

    public Explainer(W2Estimator estimator) {
        this.estimator = estimator;
    }

    public Explanation explain(Points x, Points y, List<String> names, ExplanationMethod method, int kmax, long seed,
                               TaskMonitor monitor) {
        if (names.size() != x.d() || x.d() != y.d()) {
            throw new IllegalArgumentException("feature names and dimensions differ");
        }
        if (kmax < 1) {
            throw DataException.setting("kmax", "the largest k must be at least 1, not " + kmax);
        }
        monitor.progress(0, "W2 between reference and target");
        boolean needsMap = method == ExplanationMethod.KSPARSE_OT || method == ExplanationMethod.KCLUSTER;
        W2Estimator.Coupling coupling = needsMap ? estimator.couple(x, y, monitor) : null;
        double base = needsMap ? coupling.w2sq() : estimator.w2sq(x, y, monitor);
        List<Candidate> candidates = new ArrayList<>();
        double[] displacement = new double[0];
        switch (method) {
            case KSPARSE_MEAN -> {
                double[] diff = subtract(y.mean(), x.mean());
                int[] order = rank(diff.length, j -> Math.abs(diff[j]));
                for (int k = 1; k <= Math.min(kmax, x.d()); k++) {
                    int[] chosen = java.util.Arrays.copyOf(order, k);
                    candidates.add(new Candidate(k, chosen, shiftColumns(x, chosen, diff), List.of(), null));
                }
            }
            case KSPARSE_OT -> {
                Points z = coupling.projection();
                displacement = meanDisplacement(z, x);
                double[] norms = columnNorms(z, x);
                int[] order = rank(norms.length, j -> norms[j]);
                for (int k = 1; k <= Math.min(kmax, x.d()); k++) {
                    int[] chosen = java.util.Arrays.copyOf(order, k);
                    candidates.add(new Candidate(k, chosen, copyColumns(x, z, chosen), List.of(), null));
                }
            }
            case KCLUSTER -> {
                Points z = coupling.projection();
                displacement = meanDisplacement(z, x);
                for (int k = 1; k <= Math.min(kmax, x.n()); k++) {
                    monitor.checkCancelled();
                    KMeans km = KMeans.fit(x, k, seed);
                    int[] labels = km.assign(x);
                    List<Explanation.Cluster> clusters = clusters(x, z, labels, k, names);
                    Points t = moveClusters(x, labels, clusters);
                    double[] overall = meanDisplacement(t, x);
                    int[] moved = IntStream.range(0, x.d()).filter(j -> columnMoves(t, x, j)).boxed()
                            .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(overall[j]))).mapToInt(i -> i)
                            .toArray();
                    candidates.add(new Candidate(k, moved, t, clusters, labels));
                }
            }
            case GAUSSIAN -> {
                Points t = GaussianMap.fit(x, y).apply(x);
                candidates.add(new Candidate(x.d(), IntStream.range(0, x.d()).toArray(), t, List.of(), null));
            }
        }
        List<Explanation.Point> curve = evaluate(candidates, names, x, y, base, monitor);
        return new Explanation(method, base, estimator.describe(), List.copyOf(names), List.copyOf(curve), displacement);
    }

    /** A map for one k, before its W2^2 is known. */
    private record Candidate(int k, int[] chosen, Points t, List<Explanation.Cluster> clusters, int[] labels) {
    }

    /**
     * W2^2(T_k(X), Y) for every k. The solves are independent, so they run two (or as many as there are cores) at
     * a time when their cost matrices fit in half the heap; the curve keeps the order of k.
     */
    private List<Explanation.Point> evaluate(List<Candidate> candidates, List<String> names, Points x, Points y,
                                             double base, TaskMonitor monitor) {
        long matrixBytes = 8L * x.n() * y.n();
        int parallel = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                (int) Math.min(8, Runtime.getRuntime().maxMemory() / 2 / Math.max(1, matrixBytes))));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<Candidate, Explanation.Point> solve = c -> {
            monitor.checkCancelled();
            Explanation.Point p = point(c.k(), c.chosen(), names, c.t(), x, y, base, c.clusters(), c.labels(), monitor);
            monitor.progress((double) done.incrementAndGet() / candidates.size(), "PercentExplained: "
                    + done.get() + " of " + candidates.size() + " maps evaluated");
            return p;
        };
        if (parallel < 2 || candidates.size() < 2) {
            return candidates.stream().map(solve).toList();
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(parallel);
        try {
            return pool.submit(() -> candidates.parallelStream().map(solve).toList()).join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof RuntimeException r ? r : e;
            throw cause instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private Explanation.Point point(int k, int[] chosen, List<String> names, Points t, Points x, Points y, double base,
                                    List<Explanation.Cluster> clusters, int[] labels, TaskMonitor monitor) {
        monitor.checkCancelled();
        double after = estimator.w2sq(t, y, monitor);
        double pe = base > 0 ? 100 * (base - after) / base : Double.NaN;
        List<String> feats = IntStream.of(chosen).mapToObj(names::get).toList();
        return new Explanation.Point(k, feats, after, pe, t.meanSqDistance(x), meanDisplacement(t, x), clusters, labels);
    }

    static int[] rank(int d, java.util.function.IntToDoubleFunction score) {
        return IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -score.applyAsDouble(j)).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    static double[] subtract(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    static Points shiftColumns(Points x, int[] cols, double[] shift) {
        double[] v = x.values().clone();
        for (int i = 0; i < x.n(); i++) {
            for (int j : cols) {
                v[i * x.d() + j] += shift[j];
            }
        }
        return new Points(x.n(), x.d(), v);
    }

    static Points copyColumns(Points x, Points z, int[] cols) {
        double[] v = x.values().clone();
        for (int i = 0; i < x.n(); i++) {
            for (int j : cols) {
                v[i * x.d() + j] = z.get(i, j);
            }
        }
        return new Points(x.n(), x.d(), v);
    }

    static double[] columnNorms(Points z, Points x) {
        double[] s = new double[x.d()];
        for (int i = 0; i < x.n(); i++) {
            for (int j = 0; j < x.d(); j++) {
                double t = z.get(i, j) - x.get(i, j);
                s[j] += t * t;
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.sqrt(s[j]);
        }
        return s;
    }

    static double[] meanDisplacement(Points t, Points x) {
        double[] s = new double[x.d()];
        for (int i = 0; i < x.n(); i++) {
            for (int j = 0; j < x.d(); j++) {
                s[j] += t.get(i, j) - x.get(i, j);
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] /= Math.max(1, x.n());
        }
        return s;
    }

    private static boolean columnMoves(Points t, Points x, int j) {
        for (int i = 0; i < x.n(); i++) {
            if (t.get(i, j) != x.get(i, j)) {
                return true;
            }
        }
        return false;
    }

    private static List<Explanation.Cluster> clusters(Points x, Points z, int[] labels, int k, List<String> names) {
        int d = x.d();
        double[][] centroid = new double[k][d];
        double[][] delta = new double[k][d];
        int[] size = new int[k];
        for (int i = 0; i < x.n(); i++) {
            int c = labels[i];
            size[c]++;
            for (int j = 0; j < d; j++) {
                centroid[c][j] += x.get(i, j);
                delta[c][j] += z.get(i, j) - x.get(i, j);
            }
        }
        List<Explanation.Cluster> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroid[c][j] /= Math.max(1, size[c]);
                delta[c][j] /= Math.max(1, size[c]);
            }
            double[] dc = delta[c];
            List<String> top = IntStream.of(rank(d, j -> Math.abs(dc[j]))).limit(5).mapToObj(names::get).toList();
            out.add(new Explanation.Cluster(c, size[c], centroid[c], dc, top));
        }
        return out;
    }

    private static Points moveClusters(Points x, int[] labels, List<Explanation.Cluster> clusters) {
        double[] v = x.values().clone();
        for (int i = 0; i < x.n(); i++) {
            double[] dc = clusters.get(labels[i]).displacement();
            for (int j = 0; j < x.d(); j++) {
                v[i * x.d() + j] += dc[j];
            }
        }
        return new Points(x.n(), x.d(), v);
    }
}
