package org.shiftscope.analysis;

/**
 * One column's drift test.
 *
 * @param test       {@code ks} (numeric) or {@code chi2} (categorical, boolean)
 * @param statistic  KS distance D, or Pearson's chi-square
 * @param pValue     unadjusted p-value (KS: asymptotic Kolmogorov distribution)
 * @param pAdjusted  after the multiple-testing correction across the columns tested together
 * @param w1         Wasserstein-1 distance (numeric columns; NaN otherwise)
 * @param psi        population stability index over reference deciles or categories (shares floored at 1e-4)
 * @param js         Jensen-Shannon divergence (base 2, in [0, 1]) over the same bins
 * @param cramersV   Cramer's V (categorical columns; NaN otherwise)
 */
public record ColumnDrift(String column, String test, double statistic, double pValue, double pAdjusted,
                          double w1, double psi, double js, double cramersV, int nReference, int nTarget,
                          boolean drift) {
}
