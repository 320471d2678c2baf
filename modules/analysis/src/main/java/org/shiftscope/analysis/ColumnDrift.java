package org.shiftscope.analysis;

/**
 * One column's drift test.
 *
 * @param test       {@code ks} (numeric), {@code chi2} (categorical, boolean) or {@code fisher} (a 2 x 2 table whose
 *                   expected counts are too small for chi-square: Fisher's exact test)
 * @param statistic  KS distance D, or Pearson's chi-square (also for fisher)
 * @param pValue     unadjusted p-value (KS: exact up to 10,000 values a side, as SciPy; asymptotic beyond)
 * @param pAdjusted  after the multiple-testing correction across the columns tested together
 * @param w1         Wasserstein-1 distance (numeric columns; NaN otherwise)
 * @param psi        population stability index over reference deciles or categories (shares floored at 1e-4)
 * @param js         Jensen-Shannon divergence (base 2, in [0, 1]) over the same bins
 * @param cramersV   Cramer's V (categorical columns; NaN otherwise)
 * @param minExpected   categorical: the smallest expected count of the table (NaN otherwise)
 * @param smallExpected categorical: expected counts too small for the chi-square approximation (Cochran's rule)
 */
public record ColumnDrift(String column, String test, double statistic, double pValue, double pAdjusted,
                          double w1, double psi, double js, double cramersV, int nReference, int nTarget,
                          boolean drift, double minExpected, boolean smallExpected) {

    /** A column without the expected-count check (numeric, or not tested). */
    public ColumnDrift(String column, String test, double statistic, double pValue, double pAdjusted, double w1,
                       double psi, double js, double cramersV, int nReference, int nTarget, boolean drift) {
        this(column, test, statistic, pValue, pAdjusted, w1, psi, js, cramersV, nReference, nTarget, drift, Double.NaN,
                false);
    }
}
