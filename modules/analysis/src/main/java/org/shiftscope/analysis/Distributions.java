package org.shiftscope.analysis;

/**
 * Survival functions the drift tests need.
 *
 * <p>References: W. Feller, "On the Kolmogorov-Smirnov limit theorems for empirical distributions", Ann. Math. Stat.
 * 19 (1948) (both series of the Kolmogorov distribution); W. H. Press et al., "Numerical Recipes", 3rd ed., 6.1-6.2
 * (Lanczos log-gamma, incomplete gamma by series and continued fraction).
 */
public final class Distributions {

    private Distributions() {
    }

    /** P(K > lambda) for the Kolmogorov distribution K = sup |Brownian bridge|. */
    public static double kolmogorovSurvival(double lambda) {
        if (lambda <= 0) {
            return 1;
        }
        if (lambda < 1.18) {
            // 1 - sqrt(2 pi) / lambda * sum exp(-(2k - 1)^2 pi^2 / (8 lambda^2)): fast for small lambda
            double s = 0;
            for (int k = 1; k <= 20; k++) {
                double t = (2 * k - 1) * Math.PI / lambda;
                s += Math.exp(-t * t / 8);
            }
            return 1 - Math.sqrt(2 * Math.PI) / lambda * s;
        }
        double s = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            s += (k % 2 == 1 ? term : -term);
            if (term < 1e-300) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * s));
    }

    /** Samples up to this size get the exact two-sample KS p-value, as SciPy's {@code ks_2samp(method='auto')}. */
    public static final int KS_EXACT_MAX = 10_000;

    /**
     * The exact two-sided p-value of the two-sample Kolmogorov-Smirnov statistic, P(D >= h / lcm(m, n)) under the
     * null of one continuous distribution: one minus the probability that a uniformly random lattice path from (0, 0)
     * to (m, n) (i steps of the first sample, j of the second) keeps |i n - j m| below h gcd(m, n) all the way (J. L.
     * Hodges, "The significance probability of the Smirnov two-sample test", Ark. Mat. 3 (1958)). The path's
     * probabilities are propagated rather than its counts, so nothing overflows; only the band the path may use is
     * visited: O(m n) at worst, far less for small statistics.
     *
     * @param h the statistic times lcm(m, n) (an integer: D is a difference of multiples of 1/m and 1/n)
     */
    public static double ksTwoSampleExact(int m, int n, long h) {
        if (h <= 0) {
            return 1;
        }
        long g = gcd(m, n);
        long t = h * g; // inside: |i n - j m| < t
        double[] prev = new double[n + 1];
        double[] cur = new double[n + 1];
        int prevLo = 0;
        int prevHi = -1;
        for (int i = 0; i <= m; i++) {
            long in = (long) i * n;
            int lo = (int) Math.max(0, Math.floorDiv(in - t, (long) m) + 1);
            int hi = (int) Math.min(n, Math.ceilDiv(in + t, (long) m) - 1);
            for (int j = lo; j <= hi; j++) {
                double v;
                if (i == 0 && j == 0) {
                    v = 1;
                } else {
                    v = 0;
                    if (i > 0 && j >= prevLo && j <= prevHi) { // a step of the first sample from (i - 1, j)
                        v += prev[j] * (m - i + 1) / (double) (m + n - i + 1 - j);
                    }
                    if (j > lo) { // a step of the second sample from (i, j - 1)
                        v += cur[j - 1] * (n - j + 1) / (double) (m + n - i - j + 1);
                    }
                }
                cur[j] = v;
            }
            double[] swap = prev;
            prev = cur;
            cur = swap;
            prevLo = lo;
            prevHi = hi;
        }
        double inside = prevHi == n ? prev[n] : 0;
        return Math.max(0, Math.min(1, 1 - inside));
    }

    public static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    /** P(X > x) for a chi-square variable with {@code df} degrees of freedom. */
    public static double chiSquareSurvival(double x, double df) {
        if (x <= 0) {
            return 1;
        }
        return regularizedGammaQ(df / 2, x / 2);
    }

    /** Q(a, x) = Gamma(a, x) / Gamma(a). */
    static double regularizedGammaQ(double a, double x) {
        if (x < a + 1) {
            return 1 - gammaSeries(a, x);
        }
        return gammaContinuedFraction(a, x);
    }

    private static double gammaSeries(double a, double x) {
        double ap = a;
        double sum = 1 / a;
        double del = sum;
        for (int n = 0; n < 10_000; n++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * 1e-16) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
    }

    private static double gammaContinuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
    }

    /**
     * Fisher's exact test of the 2 x 2 table [[a, b], [c, d]], two-sided: the probability, given both margins
     * (hypergeometric), of the tables no more probable than the one observed (within a relative 1e-7, so tables
     * equally probable up to rounding count, as SciPy's fisher_exact does).
     */
    public static double fisherExact(long a, long b, long c, long d) {
        long row = a + b;
        long col = a + c;
        long n = a + b + c + d;
        long lo = Math.max(0, row + col - n);
        long hi = Math.min(row, col);
        double observed = logHypergeometric(a, n, row, col);
        double p = 0;
        for (long x = lo; x <= hi; x++) {
            double lp = logHypergeometric(x, n, row, col);
            if (lp <= observed + Math.log1p(1e-7)) {
                p += Math.exp(lp);
            }
        }
        return Math.min(1, p);
    }

    /** log P(X = x) for X hypergeometric: x of the {@code draws} from n items fall among the {@code good}. */
    private static double logHypergeometric(long x, long n, long good, long draws) {
        return logChoose(good, x) + logChoose(n - good, draws - x) - logChoose(n, draws);
    }

    private static double logChoose(long n, long k) {
        return lnGamma(n + 1.0) - lnGamma(k + 1.0) - lnGamma(n - k + 1.0);
    }

    /** log Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms; about 15 significant digits). */
    static double lnGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
