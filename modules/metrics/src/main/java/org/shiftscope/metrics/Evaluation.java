package org.shiftscope.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Normal;

/**
 * Every metric of a classifier on one labelled sample, each with a bias-corrected percentile bootstrap confidence
 * interval (resampling points with replacement; resample b draws from its own seeded stream, so the intervals do not
 * depend on the number of threads; the bias correction keeps the interval around the point value for statistics
 * the resampling inflates, such as the ECE): accuracy, balanced accuracy, macro-F1, NLL, Brier, ECE ({@value #BINS} bins, with its
 * reliability diagram), and when groups are given the accuracy of each group and the worst group's accuracy.
 *
 * <p>Reference: B. Efron and R. J. Tibshirani, An Introduction to the Bootstrap (1993), ch. 13 and 14.3
 * (percentile and bias-corrected intervals).
 */
public final class Evaluation {

    /** Bins of the reliability diagram and ECE. */
    public static final int BINS = 15;
    /** Metric names, in report order. */
    public static final List<String> METRICS = List.of("accuracy", "balanced_accuracy", "macro_f1", "nll", "brier",
            "ece");

    private Evaluation() {
    }

    /** A value with the ends of its 95 % bootstrap interval. */
    public record Estimate(double value, double low, double high) {

        /** "value [low, high]" to three decimals; the value alone without an interval; {@code missing} without one. */
        public String text(String missing) {
            if (Double.isNaN(value)) {
                return missing;
            }
            return Double.isNaN(low) || Double.isNaN(high) ? String.format(java.util.Locale.ROOT, "%.3f", value)
                    : String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", value, low, high);
        }
    }

    /** One group's size and accuracy. */
    public record GroupAccuracy(String group, int n, Estimate accuracy) {
    }

    /**
     * @param metrics     by name, in {@link #METRICS} order
     * @param groups      per group, sorted by name; empty without groups
     * @param worstGroup  the lowest group accuracy (null without groups)
     */
    public record Result(int n, Map<String, Estimate> metrics, List<GroupAccuracy> groups, Estimate worstGroup,
                         Metrics.Reliability reliability, int resamples) {
    }

    /**
     * @param probs     n x k class probabilities, row-major
     * @param labels    true class of each point
     * @param group     group of each point (e.g. "Female"), or null
     * @param resamples bootstrap resamples (0: no intervals, low = high = value)
     */
    public static Result of(double[] probs, int k, int[] labels, String[] group, int resamples, long seed) {
        int n = Metrics.rows(probs, k);
        if (n != labels.length || (group != null && group.length != n)) {
            throw new IllegalArgumentException("probabilities for " + n + " points, " + labels.length + " labels");
        }
        if (n == 0) {
            throw DataException.of("no labelled points to score");
        }
        int[] all = IntStream.range(0, n).toArray();
        String[] names = group == null ? new String[0] : new TreeMap<String, Boolean>(
                Arrays.stream(group).collect(java.util.stream.Collectors.toMap(g -> g, g -> true, (a, b) -> a)))
                .keySet().toArray(String[]::new);
        int[] groupOf = new int[n];
        for (int i = 0; group != null && i < n; i++) {
            groupOf[i] = Arrays.binarySearch(names, group[i]);
        }
        double[] point = scores(probs, k, labels, groupOf, names.length, all);
        double[][] boot = new double[resamples][];
        IntStream.range(0, resamples).parallel().forEach(b -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + b);
            int[] pick = new int[n];
            for (int i = 0; i < n; i++) {
                pick[i] = rnd.nextInt(n);
            }
            boot[b] = scores(probs, k, labels, groupOf, names.length, pick);
        });
        Map<String, Estimate> metrics = new LinkedHashMap<>();
        for (int m = 0; m < METRICS.size(); m++) {
            metrics.put(METRICS.get(m), estimate(point, boot, m));
        }
        List<GroupAccuracy> groups = new ArrayList<>();
        int[] size = new int[names.length];
        for (int i = 0; group != null && i < n; i++) {
            size[groupOf[i]]++;
        }
        for (int g = 0; g < names.length; g++) {
            groups.add(new GroupAccuracy(names[g], size[g], estimate(point, boot, METRICS.size() + g)));
        }
        Estimate worst = names.length == 0 ? null : estimate(point, boot, METRICS.size() + names.length);
        return new Result(n, metrics, List.copyOf(groups), worst,
                Metrics.reliability(probs, k, labels, BINS), resamples);
    }

    /**
     * The metrics on the points {@code pick} (with repeats): the six of {@link #METRICS}, each group's accuracy
     * (NaN when a group is absent), then the worst of them.
     */
    private static double[] scores(double[] probs, int k, int[] labels, int[] groupOf, int groups, int[] pick) {
        int n = pick.length;
        double[] p = new double[n * k];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(probs, pick[i] * k, p, i * k, k);
            y[i] = labels[pick[i]];
        }
        int[] predicted = Metrics.predictions(p, k);
        double[] out = new double[METRICS.size() + groups + (groups > 0 ? 1 : 0)];
        out[0] = Metrics.accuracy(predicted, y);
        out[1] = Metrics.balancedAccuracy(predicted, y, k);
        out[2] = Metrics.macroF1(predicted, y, k);
        out[3] = Metrics.nll(p, k, y);
        out[4] = Metrics.brier(p, k, y);
        out[5] = Metrics.reliability(p, k, y, BINS).ece();
        if (groups > 0) {
            int[] right = new int[groups];
            int[] total = new int[groups];
            for (int i = 0; i < n; i++) {
                int g = groupOf[pick[i]];
                total[g]++;
                right[g] += predicted[i] == y[i] ? 1 : 0;
            }
            double worst = Double.POSITIVE_INFINITY;
            for (int g = 0; g < groups; g++) {
                out[METRICS.size() + g] = total[g] == 0 ? Double.NaN : (double) right[g] / total[g];
                if (total[g] > 0) {
                    worst = Math.min(worst, out[METRICS.size() + g]);
                }
            }
            out[METRICS.size() + groups] = worst;
        }
        return out;
    }

    /**
     * The point value and the bias-corrected 95 % interval of the resampled values (NaNs left out): with z0 the
     * normal quantile of the share of resampled values below the point value (counting ties as half), the
     * Phi(2 z0 -+ 1.96) percentiles.
     */
    static Estimate estimate(double[] point, double[][] boot, int m) {
        double[] v = Arrays.stream(boot).mapToDouble(b -> b[m]).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new Estimate(point[m], point[m], point[m]);
        }
        double below = 0;
        for (double x : v) {
            below += x < point[m] ? 1 : x == point[m] ? 0.5 : 0;
        }
        double share = Math.min(1 - 0.5 / v.length, Math.max(0.5 / v.length, below / v.length));
        double z0 = Normal.quantile(share);
        double z = Normal.quantile(0.975);
        return new Estimate(point[m], percentile(v, Normal.cdf(2 * z0 - z)), percentile(v, Normal.cdf(2 * z0 + z)));
    }

    /** The q quantile of sorted values, interpolating linearly between order statistics (NumPy's default). */
    public static double percentile(double[] sorted, double q) {
        return org.shiftscope.core.Quantiles.linear(sorted, q);
    }
}
