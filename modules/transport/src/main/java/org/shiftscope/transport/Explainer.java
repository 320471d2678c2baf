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

    /** {@link #explain(Points, Points, List, ExplanationMethod, int, long, Treatment, TaskMonitor)}, every column continuous. */
    public Explanation explain(Points x, Points y, List<String> names, ExplanationMethod method, int kmax, long seed,
                               TaskMonitor monitor) {
        return explain(x, y, names, method, kmax, seed, Treatment.continuous(), monitor);
    }

    /**
     * The PercentExplained curve of {@code method} up to {@code kmax}. With discrete features in {@code treatment},
     * a map sets them to a sampled category (k-cluster: from its cluster's target distribution; k-sparse OT: from the
     * point's own transported values) and each k's numbers are means over {@link Treatment#samples(int)} seeded samples.
     */
    public Explanation explain(Points x, Points y, List<String> names, ExplanationMethod method, int kmax, long seed,
                               Treatment treatment, TaskMonitor monitor) {
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
        List<DiscreteFeature> discrete = treatment.discrete();
        List<Candidate> candidates = new ArrayList<>();
        double[] displacement = new double[0];
        switch (method) {
            case KSPARSE_MEAN -> {
                double[] targetMean = y.mean();
                double[] diff = subtract(targetMean, x.mean());
                int[] order = rank(diff.length, j -> Math.abs(diff[j]));
                for (int k = 1; k <= Math.min(kmax, x.d()); k++) {
                    int[] chosen = java.util.Arrays.copyOf(order, k);
                    Points t = shiftColumns(x, chosen, diff);
                    List<DiscreteFeature> sampled = chosenDiscrete(chosen, discrete);
                    int kk = k;
                    candidates.add(sampled.isEmpty() ? new Candidate(k, chosen, r -> t, false, List.of(), null)
                            : new Candidate(k, chosen, r -> DiscreteMaps.sampleAll(t, sampled, targetMean,
                                    DiscreteMaps.random(seed, kk, r)), true, List.of(), null));
                }
            }
            case KSPARSE_OT -> {
                Points z = coupling.projection();
                displacement = meanDisplacement(z, x);
                double[] norms = columnNorms(z, x);
                int[] order = rank(norms.length, j -> norms[j]);
                for (int k = 1; k <= Math.min(kmax, x.d()); k++) {
                    int[] chosen = java.util.Arrays.copyOf(order, k);
                    Points copied = copyColumns(x, z, chosen);
                    List<DiscreteFeature> sampled = chosenDiscrete(chosen, discrete);
                    int kk = k;
                    candidates.add(sampled.isEmpty() ? new Candidate(k, chosen, r -> copied, false, List.of(), null)
                            : new Candidate(k, chosen, r -> DiscreteMaps.samplePerPoint(copied, z, sampled,
                                    DiscreteMaps.random(seed, kk, r)), true, List.of(), null));
                }
            }
            case KCLUSTER -> {
                Points z = coupling.projection();
                displacement = meanDisplacement(z, x);
                Points clustered = treatment.pairing() == Pairing.PAIRED ? DiscreteMaps.paired(x, z) : x;
                for (int k = 1; k <= Math.min(kmax, x.n()); k++) {
                    monitor.checkCancelled();
                    KMeans km = KMeans.fit(clustered, k, seed, KMeans.inits(clustered.n(), clustered.d(), k));
                    int[] labels = km.assign(clustered);
                    List<Explanation.Cluster> clusters = clusters(x, z, labels, k, names, discrete);
                    double[] overall = new double[x.d()];
                    for (Explanation.Cluster c : clusters) {
                        for (int j = 0; j < x.d(); j++) {
                            overall[j] += c.displacement()[j] * c.size() / x.n();
                        }
                    }
                    int[] moved = IntStream.range(0, x.d()).filter(j -> clusters.stream()
                                    .anyMatch(c -> c.size() > 0 && c.displacement()[j] != 0)).boxed()
                            .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(overall[j]))).mapToInt(i -> i)
                            .toArray();
                    int kk = k;
                    candidates.add(new Candidate(k, moved, r -> DiscreteMaps.moveClusters(x, labels, clusters, discrete,
                            DiscreteMaps.random(seed, kk, r)), !discrete.isEmpty(), clusters, labels,
                            warmPrices(coupling, x, y, labels, clusters), k == 1 && discrete.isEmpty()
                            && coupling.prices() != null ? translated(x, z, clusters.get(0).displacement()) : Double.NaN));
                }
            }
            case GAUSSIAN -> {
                Points t = GaussianMap.fit(x, y).apply(x);
                candidates.add(new Candidate(x.d(), IntStream.range(0, x.d()).toArray(), r -> t, false, List.of(),
                        null));
            }
        }
        List<Explanation.Point> curve = evaluate(candidates, names, x, y, base, treatment.samples(x.n()), monitor);
        return new Explanation(method, base, estimator.describe(), List.copyOf(names), List.copyOf(curve), displacement,
                discrete, treatment.pairing());
    }

    /**
     * A map for one k, before its W2^2 is known: {@code map} gives T_k(X) for sample r (the same points for every r
     * unless {@code sampled}).
     */
    private record Candidate(int k, int[] chosen, java.util.function.IntFunction<Points> map, boolean sampled,
                             List<Explanation.Cluster> clusters, int[] labels, double[] warm, double known) {

        Candidate(int k, int[] chosen, java.util.function.IntFunction<Points> map, boolean sampled,
                  List<Explanation.Cluster> clusters, int[] labels) {
            this(k, chosen, map, sampled, clusters, labels, null, Double.NaN);
        }
    }

    /**
     * Start prices for W2^2(T_k(X), Y) from the base assignment's (null when there are none): moving row i by
     * delta_i changes its cost to column j by 2 delta_i . (x_i - y_j) + |delta_i|^2, whose part in j is a price
     * change of -2 delta_i . y_j; each column takes the delta of the row the base assignment gave it.
     */
    private static double[] warmPrices(W2Estimator.Coupling coupling, Points x, Points y, int[] labels,
                                       List<Explanation.Cluster> clusters) {
        double[] prices = coupling.prices();
        if (prices == null) {
            return null;
        }
        int[] rowToCol = coupling.assignment().rowToCol();
        double[] out = prices.clone();
        for (int i = 0; i < x.n(); i++) {
            int j = rowToCol[i];
            double[] delta = clusters.get(labels[i]).displacement();
            double dot = 0;
            for (int q = 0; q < y.d(); q++) {
                dot += delta[q] * y.get(j, q);
            }
            out[j] -= 2 * dot;
        }
        return out;
    }

    /**
     * W2^2(X + delta, Y) from the base assignment (x_i sent to z_i): a translation adds 2 delta . (mean x - mean y)
     * + |delta|^2 to every coupling's cost, so the base assignment stays optimal.
     */
    private static double translated(Points x, Points z, double[] delta) {
        return shiftColumns(x, IntStream.range(0, x.d()).toArray(), delta).meanSqDistance(z);
    }

    /** The discrete features among the chosen columns, each once. */
    private static List<DiscreteFeature> chosenDiscrete(int[] chosen, List<DiscreteFeature> discrete) {
        return IntStream.of(chosen).mapToObj(j -> DiscreteFeature.of(discrete, j)).filter(java.util.Objects::nonNull)
                .distinct().toList();
    }

    /** One solve: sample {@code sample} of candidate {@code candidate}. */
    private record Task(int candidate, int sample) {
    }

    /** What one solve found. */
    private record Solved(double after, double parsimony, double[] displacement) {
    }

    /**
     * W2^2(T_k(X), Y) for every k (and sample). The solves are independent, so they run two (or as many as there are
     * cores) at a time when their cost matrices fit in half the heap; the curve keeps the order of k.
     */
    private List<Explanation.Point> evaluate(List<Candidate> candidates, List<String> names, Points x, Points y,
                                             double base, int samples, TaskMonitor monitor) {
        List<Task> tasks = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            for (int r = 0; r < (candidates.get(c).sampled() ? samples : 1); r++) {
                tasks.add(new Task(c, r));
            }
        }
        long matrixBytes = 8L * x.n() * y.n();
        int parallel = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                (int) Math.min(8, Runtime.getRuntime().maxMemory() / 2 / Math.max(1, matrixBytes))));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<Task, Solved> solve = task -> {
            monitor.checkCancelled();
            Candidate c = candidates.get(task.candidate());
            Points t = c.map().apply(task.sample());
            double after = !Double.isNaN(c.known()) ? c.known() : estimator.w2sq(t, y, c.warm(), monitor);
            monitor.progress((double) done.incrementAndGet() / tasks.size(), "PercentExplained: "
                    + done.get() + " of " + tasks.size() + " maps evaluated");
            return new Solved(after, t.meanSqDistance(x), meanDisplacement(t, x));
        };
        List<Solved> solved;
        if (parallel < 2 || tasks.size() < 2) {
            solved = tasks.stream().map(solve).toList();
        } else {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(parallel);
            try {
                solved = pool.submit(() -> tasks.parallelStream().map(solve).toList()).join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() instanceof RuntimeException r ? r : e;
                throw cause instanceof RuntimeException r ? r : e;
            } finally {
                pool.shutdownNow();
            }
        }
        List<Explanation.Point> out = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            int cc = c;
            List<Solved> mine = IntStream.range(0, tasks.size()).filter(i -> tasks.get(i).candidate() == cc)
                    .mapToObj(solved::get).toList();
            out.add(point(candidates.get(c), mine, names, x.d(), base));
        }
        return out;
    }

    private static Explanation.Point point(Candidate c, List<Solved> solved, List<String> names, int d, double base) {
        int r = solved.size();
        double after = 0;
        double parsimony = 0;
        double[] disp = new double[d];
        double[] pe = new double[r];
        for (int i = 0; i < r; i++) {
            Solved s = solved.get(i);
            after += s.after() / r;
            parsimony += s.parsimony() / r;
            for (int j = 0; j < d; j++) {
                disp[j] += s.displacement()[j] / r;
            }
            pe[i] = base > 0 ? 100 * (base - s.after()) / base : Double.NaN;
        }
        double mean = 0;
        for (double v : pe) {
            mean += v / r;
        }
        double ss = 0;
        for (double v : pe) {
            ss += (v - mean) * (v - mean);
        }
        double spread = r > 1 ? Math.sqrt(ss / (r - 1)) : 0;
        List<String> feats = IntStream.of(c.chosen()).mapToObj(names::get).toList();
        return new Explanation.Point(c.k(), feats, after, mean, parsimony, disp, c.clusters(), c.labels(), r, spread);
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

    /**
     * Each cluster's centroid, mean displacement (for a discrete feature: the change of its expected value) and,
     * per discrete feature, its target distribution: the mean of the cluster's transported values, read as a
     * probability per level.
     */
    private static List<Explanation.Cluster> clusters(Points x, Points z, int[] labels, int k, List<String> names,
                                                      List<DiscreteFeature> discrete) {
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
            List<double[]> distributions = new ArrayList<>();
            for (DiscreteFeature f : discrete) {
                double[] mean = new double[f.columns().length];
                for (int i = 0; i < mean.length; i++) {
                    int j = f.columns()[i];
                    mean[i] = centroid[c][j] + dc[j];
                }
                distributions.add(f.probabilities(mean));
            }
            out.add(new Explanation.Cluster(c, size[c], centroid[c], dc, top, distributions));
        }
        return out;
    }

}
