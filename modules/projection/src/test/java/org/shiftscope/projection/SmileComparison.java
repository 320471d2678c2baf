package org.shiftscope.projection;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.Dbscan;
import org.shiftscope.analysis.GaussianMixture;
import org.shiftscope.core.Pca;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.transport.KMeans;
import org.shiftscope.transport.Points;

/**
 * Our numerics side by side with Smile 4.4.2 on the same inputs in one run (docs/decisions/0007, docs/benchmarks.md):
 * exact k nearest neighbours, a full-covariance Gaussian mixture, DBSCAN, PCA and the classifier two-sample test's
 * learners. A program, not a test: run it with bench/smile-comparison.sh. Each timing is the best of 3 after one
 * warm-up; each row also says whether the two agree.
 */
public final class SmileComparison {

    private SmileComparison() {
    }

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "Java %s, %d cores%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| piece | input | ours (s) | Smile (s) | agreement |");
        System.out.println("|---|---|---|---|---|");
        for (int d : new int[] {2, 16, 50, 100}) {
            knn(10_000, d, 15);
        }
        gmm(10_000, 16, 8);
        dbscan(5_000, 2);
        pca(10_000, 64);
        trees();
    }

    /** A mixture of 8 Gaussian blobs, n x d row-major. */
    static double[] blobs(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centre = new double[8][d];
        for (double[] c : centre) {
            for (int j = 0; j < d; j++) {
                c[j] = 6 * r.nextGaussian();
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] c = centre[r.nextInt(8)];
            for (int j = 0; j < d; j++) {
                x[i * d + j] = c[j] + r.nextGaussian();
            }
        }
        return x;
    }

    static double[][] rows(double[] x, int n, int d) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
        }
        return out;
    }

    static <T> double best(Supplier<T> run, Object[] keep) {
        keep[0] = run.get();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            keep[0] = run.get();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }

    static void row(String piece, String input, double ours, double smile, String agreement) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %s |%n", piece, input, ours, smile, agreement);
    }

    static void knn(int n, int d, int k) {
        double[] x = blobs(n, d, 1);
        double[][] data = rows(x, n, d);
        Object[] ours = new Object[1];
        double tOurs = best(() -> Neighbours.bruteForce(x, n, x, n, d, k, true), ours);
        Object[] adopted = new Object[1];
        double tAdopted = best(() -> Neighbours.kdTree(x, n, x, n, d, k, true), adopted);
        Object[] kd = new Object[1];
        double tKd = best(() -> {
            smile.neighbor.KDTree<double[]> tree = smile.neighbor.KDTree.of(data);
            return IntStream.range(0, n).parallel().mapToObj(i -> tree.search(data[i], k)).toArray();
        }, kd);
        Object[] cover = new Object[1];
        double tCover = best(() -> {
            smile.neighbor.CoverTree<double[], double[]> tree = smile.neighbor.CoverTree.of(data,
                    new smile.math.distance.EuclideanDistance());
            return IntStream.range(0, n).parallel().mapToObj(i -> tree.search(data[i], k)).toArray();
        }, cover);
        Neighbours nb = (Neighbours) ours[0];
        int same = 0;
        for (int i = 0; i < n; i++) {
            Set<Integer> a = new HashSet<>();
            for (int r = 0; r < k; r++) {
                a.add(nb.index()[i * k + r]);
            }
            @SuppressWarnings("unchecked")
            smile.neighbor.Neighbor<double[], double[]>[] s = (smile.neighbor.Neighbor<double[], double[]>[])
                    ((Object[]) kd[0])[i];
            Set<Integer> b = new HashSet<>();
            for (var nn : s) {
                b.add(nn.index());
            }
            same += a.equals(b) ? 1 : 0;
        }
        String input = String.format(Locale.ROOT, "%,d points, d = %d, k = %d, every point queried", n, d, k);
        row("exact k-NN (ours: parallel scan; Smile: KD-tree, queries in parallel)", input, tOurs, tKd,
                String.format(Locale.ROOT, "same neighbour sets for %.2f %% of points", 100.0 * same / n));
        row("exact k-NN (Smile: cover tree, queries in parallel)", input, tOurs, tCover, "");
        row("exact k-NN as adopted (Neighbours.kdTree: Smile's KD-tree + a range search at the k-th distance)", input,
                tOurs, tAdopted, java.util.Arrays.equals(((Neighbours) adopted[0]).index(), nb.index())
                        ? "identical lists to the scan" : "LISTS DIFFER");
    }

    static void gmm(int n, int d, int k) {
        double[] x = blobs(n, d, 2);
        double[][] data = rows(x, n, d);
        Points p = new Points(n, d, x);
        int[] init = KMeans.fit(p, k, 0).assign(p);
        Object[] ours = new Object[1];
        double tOurs = best(() -> GaussianMixture.fit(x, n, d, init, k, 1e-3, 100), ours);
        Object[] theirs = new Object[1];
        double tSmile = best(() -> {
            smile.math.MathEx.setSeed(0);
            return smile.stat.distribution.MultivariateGaussianMixture.fit(k, data);
        }, theirs);
        var s = (smile.stat.distribution.MultivariateMixture) theirs[0];
        double ll = 0;
        for (double[] r : data) {
            ll += s.logp(r) / n;
        }
        row("Gaussian mixture, full covariance (ours: k-means start, EM to 1e-3; Smile: its own start)",
                String.format(Locale.ROOT, "%,d points, d = %d, k = %d", n, d, k), tOurs, tSmile,
                String.format(Locale.ROOT, "mean log-likelihood ours %.4f, Smile %.4f",
                        ((GaussianMixture) ours[0]).lowerBound(), ll));
    }

    static void dbscan(int n, int d) {
        double[] x = blobs(n, d, 3);
        double[][] data = rows(x, n, d);
        double eps = Dbscan.defaultEps(x, n, d, 10, 0.9);
        Object[] ours = new Object[1];
        double tOurs = best(() -> Dbscan.fit(x, n, d, eps, 10), ours);
        Object[] theirs = new Object[1];
        double tSmile = best(() -> smile.clustering.DBSCAN.fit(data, 10, eps), theirs);
        int[] a = ((Dbscan) ours[0]).labels();
        int[] b = ((smile.clustering.DBSCAN<?>) theirs[0]).group();
        // Smile marks noise with Integer.MAX_VALUE, we with -1: compare partitions
        int agree = 0;
        int pairs = 0;
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 200_000; t++) {
            int i = r.nextInt(n);
            int j = r.nextInt(n);
            boolean sa = a[i] == a[j] && a[i] != Dbscan.NOISE;
            boolean sb = b[i] == b[j] && b[i] != Integer.MAX_VALUE;
            agree += sa == sb ? 1 : 0;
            pairs++;
        }
        row("DBSCAN (minPts 10, the same eps)", String.format(Locale.ROOT, "%,d points, d = %d", n, d), tOurs,
                tSmile, String.format(Locale.ROOT, "pair agreement (Rand index) %.4f", (double) agree / pairs));
    }

    static void pca(int n, int d) {
        double[] x = blobs(n, d, 4);
        double[][] data = rows(x, n, d);
        Object[] ours = new Object[1];
        double tOurs = best(() -> Pca.fit(x, n, d, 2, 0), ours);
        Object[] theirs = new Object[1];
        String agreement;
        double tSmile;
        try {
            tSmile = best(() -> smile.feature.extraction.PCA.fit(data).getProjection(2), theirs);
            Pca p = (Pca) ours[0];
            var s = (smile.feature.extraction.PCA) theirs[0];
            double worst = 0;
            for (int c = 0; c < 2; c++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += p.components()[c * d + j] * s.loadings().get(j, c);
                }
                worst = Math.max(worst, 1 - Math.abs(dot));
            }
            agreement = String.format(Locale.ROOT, "leading 2 axes: 1 - |cos| at most %.1e", worst);
        } catch (RuntimeException | LinkageError e) {
            tSmile = Double.NaN;
            agreement = "Smile's PCA needs its LAPACK natives: " + e.getClass().getSimpleName();
        }
        row("PCA, 2 components (ours: power iteration on the covariance; Smile: LAPACK)",
                String.format(Locale.ROOT, "%,d points, d = %d", n, d), tOurs, tSmile, agreement);
    }

    /** The classifier test's learners on a planted XOR-like shift (Bayes AUC 0.75) and a mean shift. */
    static void trees() {
        for (String shift : new String[] {"xor", "mean"}) {
            int n = 5_000;
            int d = 8;
            SplittableRandom r = new SplittableRandom(6);
            double[] v = new double[2 * n * d];
            for (int i = 0; i < 2 * n; i++) {
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = r.nextGaussian();
                }
                if (i >= n && shift.equals("xor")) {
                    v[i * d + 1] = Math.copySign(Math.abs(v[i * d + 1]), v[i * d]);
                } else if (i >= n) {
                    v[i * d + 3] += 0.3;
                }
            }
            java.util.List<String> names = IntStream.range(0, d).mapToObj(j -> "x" + j).toList();
            Object[] lin = new Object[1];
            double tLin = best(() -> ClassifierTest.test(v, 2 * n, d, n, names, 0, TaskMonitor.NONE), lin);
            Object[] gbt = new Object[1];
            double tGbt = best(() -> ClassifierTest.test(v, 2 * n, d, n, names, 0, ClassifierTest.Learner.GBT,
                    TaskMonitor.NONE), gbt);
            ClassifierTest.Result a = (ClassifierTest.Result) lin[0];
            ClassifierTest.Result b = (ClassifierTest.Result) gbt[0];
            row("classifier two-sample test (ours: logistic regression; Smile: gradient-boosted trees)",
                    String.format(Locale.ROOT, "%,d + %,d rows, d = %d, %s shift", n, n, d, shift), tLin, tGbt,
                    String.format(Locale.ROOT, "AUC %.3f (p %.2g) vs %.3f (p %.2g)", a.auc(), a.pValue(), b.auc(),
                            b.pValue()));
        }
    }
}
