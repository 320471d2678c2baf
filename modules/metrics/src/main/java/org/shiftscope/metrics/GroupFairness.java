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

/**
 * Group metrics of a binary classifier's decisions, and the disparities between groups, in Fairlearn's vocabulary.
 *
 * <p>Per group: the number of rows, base rate P(y = 1), selection rate P(yhat = 1), accuracy, true positive rate
 * (recall), false positive rate, false negative rate, precision (positive predictive value) and, when scores are
 * given, the expected calibration error of the score as P(y = 1) over {@value Evaluation#BINS} equal-width bins. A
 * rate whose denominator is empty in a group (e.g. TPR with no positives) is NaN, never 0.
 *
 * <p>Disparities between groups (each over the groups of at least {@code minGroupSize} rows; smaller groups are
 * reported and flagged, never merged, and listed as left out of these): for selection rate (demographic parity),
 * TPR (equal opportunity), FPR, precision (predictive parity) and accuracy, the largest minus the smallest group
 * value ("difference") and the smallest over the largest ("ratio"); equalized odds as the larger of the TPR and FPR
 * differences and the smaller of their ratios (Fairlearn's {@code equalized_odds_difference} /
 * {@code _ratio}). Against a reference group, each other group's difference and ratio for the same five metrics.
 *
 * <p>Intervals: bias-corrected percentile bootstrap (as {@link Evaluation}), resampling rows within each group so
 * every resample keeps the group sizes.
 */
public final class GroupFairness {

    /** Per-group metrics, in output order. */
    public static final List<String> METRICS = List.of("base_rate", "selection_rate", "accuracy", "tpr", "fpr",
            "fnr", "precision", "ece");
    private static final int ECE = METRICS.indexOf("ece");
    /** The metrics compared between groups, with Fairlearn's name of the comparison. */
    public static final Map<String, String> COMPARED = orderedMap(
            "selection_rate", "demographic_parity",
            "tpr", "equal_opportunity",
            "fpr", "false_positive_rate_parity",
            "precision", "predictive_parity",
            "accuracy", "accuracy_parity");

    private GroupFairness() {
    }

    /**
     * @param n      rows of the group
     * @param small  fewer rows than the minimum group size: reported, flagged, left out of between-group disparities
     * @param values each of {@link #METRICS} ("ece" only with scores)
     */
    public record Group(String name, int n, boolean small, Map<String, Evaluation.Estimate> values) {
    }

    /**
     * @param name   e.g. "demographic_parity_difference", or "selection_rate_difference" for a group against the
     *               reference group
     * @param group  the group compared with {@code versus}, or null for a between-groups disparity
     */
    public record Disparity(String name, String metric, String kind, String group, String versus,
                            Evaluation.Estimate value) {
    }

    /**
     * @param reference  the reference group of the per-group comparisons
     * @param leftOut    small groups left out of the between-groups disparities
     */
    public record Result(int n, List<Group> groups, String reference, List<Disparity> disparities,
                         List<String> leftOut, int minGroupSize, int resamples) {

        /** The between-groups disparity of that name (e.g. "demographic_parity_difference"), or null. */
        public Disparity between(String name) {
            return disparities.stream().filter(d -> d.group() == null && d.name().equals(name)).findFirst()
                    .orElse(null);
        }

        /** This audit's disparity of the same name between the same groups as {@code d} (from another audit). */
        public Disparity counterpart(Disparity d) {
            return disparities.stream().filter(x -> x.name().equals(d.name())
                    && java.util.Objects.equals(x.group(), d.group())
                    && java.util.Objects.equals(x.versus(), d.versus())).findFirst().orElse(null);
        }
    }

    /**
     * @param y            true class of each row
     * @param predicted    the decision of each row
     * @param score        the score of each row as P(y = 1), or null
     * @param group        group of each row
     * @param reference    the reference group, or null for the largest group
     */
    public static Result of(boolean[] y, boolean[] predicted, double[] score, String[] group, String reference,
                            int minGroupSize, int resamples, long seed) {
        int n = y.length;
        if (predicted.length != n || group.length != n || (score != null && score.length != n)) {
            throw new IllegalArgumentException("labels, decisions, scores and groups differ in length");
        }
        if (n == 0) {
            throw DataException.of("no rows to audit");
        }
        Map<String, List<Integer>> byName = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byName.computeIfAbsent(group[i], g -> new ArrayList<>()).add(i);
        }
        String[] names = byName.keySet().toArray(String[]::new);
        int[][] members = byName.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        String ref = reference;
        if (ref == null) {
            int best = 0;
            for (int g = 1; g < names.length; g++) {
                best = members[g].length > members[best].length ? g : best;
            }
            ref = names[best];
        } else if (!byName.containsKey(ref)) {
            throw DataException.of("reference group '" + ref + "' has no rows (groups: " + String.join(", ", names)
                    + ")");
        }
        int refIndex = Arrays.asList(names).indexOf(ref);
        boolean[] small = new boolean[names.length];
        List<String> leftOut = new ArrayList<>();
        for (int g = 0; g < names.length; g++) {
            small[g] = members[g].length < minGroupSize;
            if (small[g]) {
                leftOut.add(names[g]);
            }
        }
        Layout layout = new Layout(names, small, refIndex, score != null);
        double[] point = layout.values(y, predicted, score, members);
        double[][] boot = new double[resamples][];
        IntStream.range(0, resamples).parallel().forEach(b -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + b);
            int[][] picked = new int[members.length][];
            for (int g = 0; g < members.length; g++) {
                int[] m = members[g];
                picked[g] = new int[m.length];
                for (int i = 0; i < m.length; i++) {
                    picked[g][i] = m[rnd.nextInt(m.length)];
                }
            }
            boot[b] = layout.values(y, predicted, score, picked);
        });
        int[] sizes = Arrays.stream(members).mapToInt(m -> m.length).toArray();
        return result(n, layout, sizes, point, boot, leftOut, minGroupSize, resamples);
    }

    /**
     * {@link #of} from each group's confusion counts alone, for rows no machine holds (counted where they live):
     * {@code cells[g]} = {true positives, false positives, true negatives, false negatives} of group {@code names[g]}.
     * The bootstrap draws each group's four counts from the multinomial its rows' resampling gives (group sizes kept,
     * as {@link #of} resamples rows within each group): row by row up to {@value #EXACT_DRAWS} rows, beyond by
     * binomials in their normal approximation. No scores, so no calibration error.
     */
    public static Result ofCounts(String[] names, long[][] cells, String reference, int minGroupSize, int resamples,
                                  long seed) {
        if (names.length != cells.length || names.length == 0) {
            throw DataException.of("no groups to audit");
        }
        long total = 0;
        int[] sizes = new int[names.length];
        for (int g = 0; g < names.length; g++) {
            long s = cells[g][0] + cells[g][1] + cells[g][2] + cells[g][3];
            if (s > Integer.MAX_VALUE) {
                throw DataException.of("group '" + names[g] + "' has " + s + " rows; this version audits groups of up"
                        + " to " + Integer.MAX_VALUE);
            }
            sizes[g] = (int) s;
            total += s;
        }
        if (total == 0 || total > Integer.MAX_VALUE) {
            throw DataException.of(total == 0 ? "no rows to audit" : "the side has " + total + " rows; this version"
                    + " audits up to " + Integer.MAX_VALUE);
        }
        int refIndex = 0;
        if (reference == null) {
            for (int g = 1; g < names.length; g++) {
                refIndex = sizes[g] > sizes[refIndex] ? g : refIndex;
            }
        } else {
            refIndex = Arrays.asList(names).indexOf(reference);
            if (refIndex < 0) {
                throw DataException.of("reference group '" + reference + "' has no rows (groups: "
                        + String.join(", ", names) + ")");
            }
        }
        boolean[] small = new boolean[names.length];
        List<String> leftOut = new ArrayList<>();
        for (int g = 0; g < names.length; g++) {
            small[g] = sizes[g] < minGroupSize;
            if (small[g]) {
                leftOut.add(names[g]);
            }
        }
        Layout layout = new Layout(names, small, refIndex, false);
        double[] point = layout.values(cells, null);
        double[][] boot = new double[resamples][];
        IntStream.range(0, resamples).parallel().forEach(b -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + b);
            long[][] drawn = new long[cells.length][];
            for (int g = 0; g < cells.length; g++) {
                drawn[g] = multinomial(cells[g], sizes[g], rnd);
            }
            boot[b] = layout.values(drawn, null);
        });
        return result((int) total, layout, sizes, point, boot, leftOut, minGroupSize, resamples);
    }

    /** Groups up to this many rows are resampled row by row; larger ones through normal binomials. */
    static final int EXACT_DRAWS = 20_000;

    /** n draws from the four cells' shares. */
    static long[] multinomial(long[] cells, int n, SplittableRandom rnd) {
        long[] out = new long[4];
        if (n == 0) {
            return out;
        }
        if (n <= EXACT_DRAWS) {
            long c0 = cells[0];
            long c1 = c0 + cells[1];
            long c2 = c1 + cells[2];
            for (int i = 0; i < n; i++) {
                long r = rnd.nextLong(n);
                out[r < c0 ? 0 : r < c1 ? 1 : r < c2 ? 2 : 3]++;
            }
            return out;
        }
        long left = n;
        double share = 1;
        for (int c = 0; c < 3; c++) {
            double p = share <= 0 ? 0 : Math.min(1, (double) cells[c] / n / share);
            double mean = left * p;
            double sd = Math.sqrt(left * p * (1 - p));
            long k = Math.max(0, Math.min(left, Math.round(mean + sd * rnd.nextGaussian())));
            out[c] = k;
            left -= k;
            share -= (double) cells[c] / n;
        }
        out[3] = left;
        return out;
    }

    private static Result result(int n, Layout layout, int[] sizes, double[] point, double[][] boot,
                                 List<String> leftOut, int minGroupSize, int resamples) {
        String[] names = layout.names;
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < names.length; g++) {
            Map<String, Evaluation.Estimate> v = new LinkedHashMap<>();
            for (int m = 0; m < METRICS.size(); m++) {
                if (m != ECE || layout.scores) {
                    v.put(METRICS.get(m), Evaluation.estimate(point, boot, g * METRICS.size() + m));
                }
            }
            groups.add(new Group(names[g], sizes[g], layout.small[g], v));
        }
        List<Disparity> disparities = new ArrayList<>();
        for (int j = 0; j < layout.disparities.size(); j++) {
            Disparity d = layout.disparities.get(j);
            disparities.add(new Disparity(d.name(), d.metric(), d.kind(), d.group(), d.versus(),
                    Evaluation.estimate(point, boot, names.length * METRICS.size() + j)));
        }
        return new Result(n, List.copyOf(groups), names[layout.reference], List.copyOf(disparities),
                List.copyOf(leftOut), minGroupSize, resamples);
    }

    /** Where each number sits in a vector of all of them: the groups' metrics, then the disparities. */
    private static final class Layout {

        final String[] names;
        final boolean[] small;
        final int reference;
        final boolean scores;
        /** The disparities in order, their values left null. */
        final List<Disparity> disparities = new ArrayList<>();

        Layout(String[] names, boolean[] small, int reference, boolean scores) {
            this.names = names;
            this.small = small;
            this.reference = reference;
            this.scores = scores;
            for (Map.Entry<String, String> e : COMPARED.entrySet()) {
                disparities.add(new Disparity(e.getValue() + "_difference", e.getKey(), "difference", null, null,
                        null));
                disparities.add(new Disparity(e.getValue() + "_ratio", e.getKey(), "ratio", null, null, null));
            }
            disparities.add(new Disparity("equalized_odds_difference", "tpr,fpr", "difference", null, null, null));
            disparities.add(new Disparity("equalized_odds_ratio", "tpr,fpr", "ratio", null, null, null));
            for (int g = 0; g < names.length; g++) {
                if (g == reference) {
                    continue;
                }
                for (String metric : COMPARED.keySet()) {
                    disparities.add(new Disparity(metric + "_difference", metric, "difference", names[g],
                            names[reference], null));
                    disparities.add(new Disparity(metric + "_ratio", metric, "ratio", names[g], names[reference],
                            null));
                }
            }
        }

        double[] values(boolean[] y, boolean[] predicted, double[] score, int[][] members) {
            long[][] cells = new long[names.length][];
            double[] ece = score == null ? null : new double[names.length];
            for (int g = 0; g < names.length; g++) {
                cells[g] = cells(y, predicted, members[g]);
                if (ece != null) {
                    ece[g] = ece(y, score, members[g]);
                }
            }
            return values(cells, ece);
        }

        /** The numbers from each group's confusion counts (and calibration error, or null). */
        double[] values(long[][] cells, double[] ece) {
            int k = METRICS.size();
            double[] out = new double[names.length * k + disparities.size()];
            for (int g = 0; g < names.length; g++) {
                rates(cells[g], ece == null ? Double.NaN : ece[g], out, g * k);
            }
            int at = names.length * k;
            for (String metric : COMPARED.keySet()) {
                int m = METRICS.indexOf(metric);
                out[at++] = spread(out, m, false);
                out[at++] = spread(out, m, true);
            }
            int tpr = METRICS.indexOf("tpr");
            int fpr = METRICS.indexOf("fpr");
            out[at++] = Math.max(spread(out, tpr, false), spread(out, fpr, false));
            out[at++] = Math.min(spread(out, tpr, true), spread(out, fpr, true));
            for (int g = 0; g < names.length; g++) {
                if (g == reference) {
                    continue;
                }
                for (String metric : COMPARED.keySet()) {
                    int m = METRICS.indexOf(metric);
                    double a = out[g * k + m];
                    double r = out[reference * k + m];
                    out[at++] = a - r;
                    out[at++] = a / r;
                }
            }
            return out;
        }

        /** Max minus min (or min over max) of a metric over the groups not flagged small; NaN values skipped. */
        private double spread(double[] out, int m, boolean ratio) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < names.length; g++) {
                double v = out[g * METRICS.size() + m];
                if (!small[g] && !Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo > hi) {
                return Double.NaN;
            }
            return ratio ? (hi == 0 ? Double.NaN : lo / hi) : hi - lo;
        }
    }

    /** One group's confusion counts: true positives, false positives, true negatives, false negatives. */
    static long[] cells(boolean[] y, boolean[] predicted, int[] rows) {
        long[] c = new long[4];
        for (int i : rows) {
            c[y[i] ? (predicted[i] ? 0 : 3) : (predicted[i] ? 1 : 2)]++;
        }
        return c;
    }

    /** The eight rates of one group's confusion counts into out[at..at+7]. */
    static void rates(long[] cells, double ece, double[] out, int at) {
        long tp = cells[0];
        long fp = cells[1];
        long tn = cells[2];
        long fn = cells[3];
        long n = tp + fp + tn + fn;
        out[at] = ratio(tp + fn, n);
        out[at + 1] = ratio(tp + fp, n);
        out[at + 2] = ratio(tp + tn, n);
        out[at + 3] = ratio(tp, tp + fn);
        out[at + 4] = ratio(fp, fp + tn);
        out[at + 5] = ratio(fn, tp + fn);
        out[at + 6] = ratio(tp, tp + fp);
        out[at + 7] = ece;
    }

    /**
     * Expected calibration error of scores read as P(y = 1): rows binned by score into {@value Evaluation#BINS}
     * equal-width bins of [0, 1], the row-weighted mean of |mean y - mean score| per bin.
     */
    static double ece(boolean[] y, double[] score, int[] rows) {
        int bins = Evaluation.BINS;
        double[] sumY = new double[bins];
        double[] sumS = new double[bins];
        int[] count = new int[bins];
        for (int i : rows) {
            int b = Metrics.bin(score[i], bins);
            sumY[b] += y[i] ? 1 : 0;
            sumS[b] += score[i];
            count[b]++;
        }
        double e = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                e += Math.abs(sumY[b] - sumS[b]) / rows.length;
            }
        }
        return e;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
