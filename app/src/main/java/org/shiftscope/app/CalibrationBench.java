package org.shiftscope.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.DataLoader;

/**
 * Calibration of the multivariate two-sample tests on real nulls: random disjoint halves (at most 500 rows each) of
 * the numeric columns of real tables, where there is no shift by construction, and the same halves with a planted
 * shift (one random column of the target half moved by {@value #SHIFT} of its standard deviation) for power. Reports how
 * often each test rejects at 0.05: the classifier test as it was (logistic regression, one AUC over the five fold
 * models' pooled scores, Mann-Whitney null) and as it is (linear discriminant, null from relabellings of the whole
 * cross-validation), the MMD permutation test, and the classifier test with the trees learner (boosted trees trained
 * on 60 %, Mann-Whitney null on the held-out 40 %).
 */
final class CalibrationBench {

    static final double ALPHA = 0.05;
    /** The planted shift, in standard deviations of one column. */
    static final double SHIFT = 0.15;
    static final String[] TABLES = {"german-credit.csv", "adult.csv", "compas-two-years.csv",
        "breast-cancer-wisconsin.csv"};

    private CalibrationBench() {
    }

    static int run(PrintWriter out, Path data, int perTable, int permutations) {
        out.printf(Locale.ROOT, "ShiftScope %s, Java %s, %d cores; %d null problems per table, MMD %d permutations%n",
                Cli.version(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), perTable,
                permutations);
        out.printf(Locale.ROOT, "%-28s %5s %5s %4s | %-31s | %-31s%n", "table", "rows", "half", "d",
                "null: before/now/MMD/trees", "shifted: before/now/MMD/trees");
        int[] nulls = new int[4];
        int[] shifted = new int[4];
        int total = 0;
        List<Double> nullAuc = new ArrayList<>();
        List<Double> nullPooledAuc = new ArrayList<>();
        long start = System.nanoTime();
        for (String name : TABLES) {
            Path file = data.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw DataException.of(file + ": not found (the benchmark reads ../shared/data's tables)");
            }
            double[][] rows = numericRows(DataLoader.load(file));
            int half = Math.min(500, rows.length / 2);
            int d = rows[0].length;
            SplittableRandom rnd = new SplittableRandom(name.hashCode());
            int[] tNull = new int[4];
            int[] tShift = new int[4];
            for (int p = 0; p < perTable; p++) {
                int[] order = permutation(rows.length, rnd);
                long seed = rnd.nextLong();
                int column = rnd.nextInt(d);
                for (int planted = 0; planted < 2; planted++) {
                    double[] pooled = pooled(rows, order, half, planted == 1 ? column : -1);
                    double[] score = ClassifierTest.outOfFoldScores(pooled, 2 * half, d, half, seed, TaskMonitor.NONE);
                    double[] before = ClassifierTest.pooledAuc(score, half, 2 * half);
                    ClassifierTest.Result now = ClassifierTest.test(pooled, 2 * half, d, half, names(d), seed,
                            TaskMonitor.NONE);
                    double[] after = {now.auc(), now.pValue()};
                    double mmd = MmdTest.test(pooled, 2 * half, d, half, permutations, seed, TaskMonitor.NONE).pValue();
                    double trees = ClassifierTest.test(pooled, 2 * half, d, half, names(d), seed,
                            ClassifierTest.Learner.GBT, TaskMonitor.NONE).pValue();
                    int[] into = planted == 1 ? tShift : tNull;
                    into[0] += before[1] < ALPHA ? 1 : 0;
                    into[1] += after[1] < ALPHA ? 1 : 0;
                    into[2] += mmd < ALPHA ? 1 : 0;
                    into[3] += trees < ALPHA ? 1 : 0;
                    if (planted == 0) {
                        nullPooledAuc.add(before[0]);
                        nullAuc.add(after[0]);
                    }
                }
            }
            for (int k = 0; k < 4; k++) {
                nulls[k] += tNull[k];
                shifted[k] += tShift[k];
            }
            total += perTable;
            out.printf(Locale.ROOT, "%-28s %5d %5d %4d | %6d %6d %6d %6d       | %6d %6d %6d %6d%n", name,
                    rows.length, half, d, tNull[0], tNull[1], tNull[2], tNull[3], tShift[0], tShift[1], tShift[2],
                    tShift[3]);
            out.flush();
        }
        int[] band = binomialBand(total, ALPHA, 0.99);
        out.printf(Locale.ROOT, "all %d null problems: rejected at %.2f by the classifier test before %d (%.1f %%), now %d (%.1f %%), MMD %d"
                        + " (%.1f %%), trees %d (%.1f %%); a valid test's count lies in [%d, %d] with probability 0.99%n",
                total, ALPHA, nulls[0], 100.0 * nulls[0] / total, nulls[1], 100.0 * nulls[1] / total, nulls[2],
                100.0 * nulls[2] / total, nulls[3], 100.0 * nulls[3] / total, band[0], band[1]);
        out.printf(Locale.ROOT, "planted shifts (%.2f sd in one column): detected by the classifier test before %d (%.1f %%), now %d"
                        + " (%.1f %%), MMD %d (%.1f %%), trees %d (%.1f %%) of %d%n", SHIFT, shifted[0],
                100.0 * shifted[0] / total, shifted[1], 100.0 * shifted[1] / total, shifted[2],
                100.0 * shifted[2] / total, shifted[3], 100.0 * shifted[3] / total, total);
        out.printf(Locale.ROOT, "null AUC: before (logistic, pooled folds) mean %.4f sd %.4f; now (linear discriminant) mean %.4f sd"
                + " %.4f (%.1f s)%n",
                mean(nullPooledAuc), sd(nullPooledAuc), mean(nullAuc), sd(nullAuc), (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }

    private static List<String> names(int d) {
        return java.util.stream.IntStream.range(0, d).mapToObj(j -> "x" + j).toList();
    }

    /** Rows whose numeric cells are all present (columns that are numeric in the table). */
    private static double[][] numericRows(Dataset t) {
        List<double[]> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof NumericColumn n) {
                cols.add(n.values());
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double[] r = new double[cols.size()];
            boolean ok = true;
            for (int j = 0; j < r.length; j++) {
                r[j] = cols.get(j)[i];
                ok &= !Double.isNaN(r[j]);
            }
            if (ok) {
                rows.add(r);
            }
        }
        return rows.toArray(new double[0][]);
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The first 2 x half rows of the order, the second half as the target (column {@code shift} moved by a quarter of
     * its sd when not -1: SHIFT sd), every column z-scored over both halves.
     */
    private static double[] pooled(double[][] rows, int[] order, int half, int shift) {
        int d = rows[0].length;
        double[] v = new double[2 * half * d];
        for (int i = 0; i < 2 * half; i++) {
            System.arraycopy(rows[order[i]], 0, v, i * d, d);
        }
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (int i = 0; i < 2 * half; i++) {
                m += v[i * d + j] / (2 * half);
            }
            double s = 0;
            for (int i = 0; i < 2 * half; i++) {
                s += (v[i * d + j] - m) * (v[i * d + j] - m) / (2 * half);
            }
            double sd = s > 0 ? Math.sqrt(s) : 1;
            for (int i = 0; i < 2 * half; i++) {
                v[i * d + j] = (v[i * d + j] - m) / sd + (j == shift && i >= half ? SHIFT : 0);
            }
        }
        return v;
    }

    /** The central interval of Binomial(n, p) holding at least {@code level} of it. */
    static int[] binomialBand(int n, double p, double level) {
        double[] pmf = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            pmf[k] = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
        }
        double tail = (1 - level) / 2;
        int lo = 0;
        double c = 0;
        while (c + pmf[lo] <= tail) {
            c += pmf[lo++];
        }
        int hi = n;
        c = 0;
        while (c + pmf[hi] <= tail) {
            c += pmf[hi--];
        }
        return new int[] {lo, hi};
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double sd(List<Double> v) {
        double m = mean(v);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / Math.max(1, v.size() - 1));
    }
}
