package org.shiftscope.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two-sample tests of one column: Kolmogorov-Smirnov for numeric columns (the exact p-value up to
 * {@value Distributions#KS_EXACT_MAX} values a side, as SciPy's default; the asymptotic Kolmogorov one beyond),
 * Pearson's chi-square on the 2 x K table of counts for categorical ones (flagged when its expected counts are too
 * small for it, and then replaced by Fisher's exact test for a 2 x 2 table), and effect sizes (Wasserstein-1, PSI,
 * Jensen-Shannon, Cramer's V).
 */
public final class DriftTests {

    private DriftTests() {
    }

    /**
     * Results before correction: statistic, p-value, effect sizes.
     *
     * @param minExpected    categorical: the smallest count the table's margins lead one to expect (NaN otherwise)
     * @param smallExpected  categorical: the expected counts are too small for the chi-square approximation
     *                       (Cochran's rule: one below 1, or more than a fifth below 5); a 2 x 2 table is then
     *                       tested with Fisher's exact test instead ({@code test} "fisher")
     */
    public record Raw(String test, double statistic, double pValue, double w1, double psi, double js, double cramersV,
                      double dof, double minExpected, boolean smallExpected) {
    }

    /** Numeric column; missing values must already be removed. */
    public static Raw numeric(double[] reference, double[] target) {
        double[] a = reference.clone();
        double[] b = target.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        long gap = ksGap(a, b);
        double d = (double) gap / ((long) a.length * b.length);
        double p;
        if (Math.max(a.length, b.length) <= Distributions.KS_EXACT_MAX) {
            p = Distributions.ksTwoSampleExact(a.length, b.length, gap / Distributions.gcd(a.length, b.length));
        } else {
            double en = (double) a.length * b.length / (a.length + b.length);
            p = Distributions.kolmogorovSurvival(Math.sqrt(en) * d);
        }
        double[][] shares = decileShares(a, b);
        return new Raw("ks", d, p, wasserstein1(a, b), psi(shares[0], shares[1]), js(shares[0], shares[1]), Double.NaN,
                Double.NaN, Double.NaN, false);
    }

    /** Categorical column; missing values (null) must already be removed. */
    public static Raw categorical(String[] reference, String[] target) {
        TreeSet<String> cats = new TreeSet<>(Arrays.asList(reference));
        cats.addAll(Arrays.asList(target));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String c : cats) {
            index.put(c, index.size());
        }
        int k = index.size();
        double[] r = new double[k];
        double[] t = new double[k];
        for (String v : reference) {
            r[index.get(v)]++;
        }
        for (String v : target) {
            t[index.get(v)]++;
        }
        return categoricalCounts(r, t);
    }

    /**
     * Categorical column from its counts: r[j] and t[j] rows of category j on each side (categories in a fixed
     * order; every category counted on at least one side), as an engine that counts elsewhere (Spark) hands them.
     */
    public static Raw categoricalCounts(double[] r, double[] t) {
        int k = r.length;
        double nr = 0;
        double nt = 0;
        for (int j = 0; j < k; j++) {
            nr += r[j];
            nt += t[j];
        }
        double n = nr + nt;
        double chi2 = 0;
        double minExpected = Double.POSITIVE_INFINITY;
        int below5 = 0;
        for (int j = 0; j < k; j++) {
            double col = r[j] + t[j];
            double er = nr * col / n;
            double et = nt * col / n;
            chi2 += (r[j] - er) * (r[j] - er) / er + (t[j] - et) * (t[j] - et) / et;
            minExpected = Math.min(minExpected, Math.min(er, et));
            below5 += (er < 5 ? 1 : 0) + (et < 5 ? 1 : 0);
        }
        int dof = k - 1;
        boolean small = dof > 0 && (minExpected < 1 || below5 > 0.2 * 2 * k);
        double p = dof == 0 ? 1 : Distributions.chiSquareSurvival(chi2, dof);
        String test = "chi2";
        if (small && k == 2) {
            test = "fisher";
            p = Distributions.fisherExact((long) r[0], (long) r[1], (long) t[0], (long) t[1]);
        }
        double[] pr = new double[k];
        double[] pt = new double[k];
        for (int j = 0; j < k; j++) {
            pr[j] = r[j] / nr;
            pt[j] = t[j] / nt;
        }
        double v = dof == 0 ? 0 : Math.sqrt(chi2 / n);
        return new Raw(test, chi2, p, Double.NaN, psi(pr, pt), js(pr, pt), v, dof, dof == 0 ? Double.NaN : minExpected,
                small);
    }

    /**
     * The KS statistic of two sorted samples in whole units: max |i nb - j na| over the merged values, where i and j
     * count each sample's values up to there (ties step together); D is this over na nb.
     */
    static long ksGap(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        long d = 0;
        while (i < a.length && j < b.length) {
            double v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= v) {
                i++;
            }
            while (j < b.length && b[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((long) i * b.length - (long) j * a.length));
        }
        return d;
    }

    /** W1 = integral |F_a - F_b| over the merged sample points. */
    static double wasserstein1(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double w = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k + 1 < all.length; k++) {
            while (i < a.length && a[i] <= all[k]) {
                i++;
            }
            while (j < b.length && b[j] <= all[k]) {
                j++;
            }
            w += Math.abs((double) i / a.length - (double) j / b.length) * (all[k + 1] - all[k]);
        }
        return w;
    }

    /** Shares of a and b in the bins cut by the reference's deciles (NumPy's linear quantiles, duplicates merged). */
    static double[][] decileShares(double[] sortedRef, double[] sortedTgt) {
        TreeSet<Double> edges = new TreeSet<>();
        for (int q = 1; q <= 9; q++) {
            edges.add(quantile(sortedRef, q / 10.0));
        }
        double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
        return new double[][] {binShares(sortedRef, e), binShares(sortedTgt, e)};
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** How many of the sorted values are <= v (NumPy searchsorted, side='right'). */
    static int atMost(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Bin of v = number of edges <= v (NumPy searchsorted, side='right'). */
    private static double[] binShares(double[] values, double[] edges) {
        double[] s = new double[edges.length + 1];
        for (double v : values) {
            s[atMost(edges, v)]++;
        }
        for (int i = 0; i < s.length; i++) {
            s[i] /= values.length;
        }
        return s;
    }

    /** PSI of two share vectors over the same bins (shares floored at 1e-4). */
    public static double psi(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double a = Math.max(p[i], 1e-4);
            double b = Math.max(q[i], 1e-4);
            s += (b - a) * Math.log(b / a);
        }
        return s;
    }

    /** Jensen-Shannon divergence (base 2) of two share vectors over the same bins. */
    public static double js(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            if (p[i] > 0) {
                s += 0.5 * p[i] * Math.log(p[i] / m);
            }
            if (q[i] > 0) {
                s += 0.5 * q[i] * Math.log(q[i] / m);
            }
        }
        return s / Math.log(2);
    }
}
