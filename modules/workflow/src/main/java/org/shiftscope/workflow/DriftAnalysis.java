package org.shiftscope.workflow;

import java.util.ArrayList;
import java.util.List;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.analysis.UnivariateDrift;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;

/** Per-column drift tests of a split (free-text columns are skipped), as the Data view and `detect` show them. */
public final class DriftAnalysis {

    private DriftAnalysis() {
    }

    /**
     * The split's columns as one feature matrix for the multivariate tests: numeric columns z-scored with pooled
     * statistics, categorical and boolean columns one-hot ({@code column=value}); free text left out. Rows must be
     * complete (the missing-value policy 'drop').
     *
     * @param pooled row-major (n + m) x d, reference rows first
     */
    public record Encoded(double[] pooled, int n, int m, int d, List<String> names) {
    }

    public static Encoded encode(Split split) {
        int n = split.reference().rowCount();
        int m = split.target().rowCount();
        List<double[]> features = new ArrayList<>(); // each: n + m values
        List<String> names = new ArrayList<>();
        for (String c : split.columns()) {
            Column r = split.reference().requireColumn(c);
            Column t = split.target().requireColumn(c);
            if (r.type() == ColumnType.TEXT) {
                continue;
            }
            if (r instanceof NumericColumn nr && t instanceof NumericColumn nt) {
                double[] v = new double[n + m];
                System.arraycopy(nr.values(), 0, v, 0, n);
                System.arraycopy(nt.values(), 0, v, n, m);
                double mean = java.util.Arrays.stream(v).average().orElse(0);
                double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(0));
                for (int i = 0; i < v.length; i++) {
                    v[i] = sd > 0 ? (v[i] - mean) / sd : 0;
                }
                features.add(v);
                names.add(c);
            } else {
                java.util.TreeSet<String> levels = new java.util.TreeSet<>();
                for (Column col : List.of(r, t)) {
                    for (int i = 0; i < col.size(); i++) {
                        if (col.text(i) != null) {
                            levels.add(col.text(i));
                        }
                    }
                }
                for (String level : levels) {
                    double[] v = new double[n + m];
                    for (int i = 0; i < n; i++) {
                        v[i] = level.equals(r.text(i)) ? 1 : 0;
                    }
                    for (int i = 0; i < m; i++) {
                        v[n + i] = level.equals(t.text(i)) ? 1 : 0;
                    }
                    features.add(v);
                    names.add(c + "=" + level);
                }
            }
        }
        int d = features.size();
        if (d == 0) {
            throw DataException.of("no columns to test jointly: " + split.reference().name() + " and "
                    + split.target().name() + " have no numeric or categorical column in common (free text is"
                    + " tested through its embeddings: map --text COL)");
        }
        double[] pooled = new double[(n + m) * d];
        for (int k = 0; k < d; k++) {
            double[] v = features.get(k);
            for (int i = 0; i < n + m; i++) {
                if (Double.isNaN(v[i])) {
                    throw DataException.setting("missing", "the multivariate tests need complete rows: drop the rows with"
                            + " missing values");
                }
                pooled[i * d + k] = v[i];
            }
        }
        return new Encoded(pooled, n, m, d, List.copyOf(names));
    }

    /** MMD test on the encoded columns jointly. */
    public static MmdTest.Result mmd(Encoded e, int permutations, long seed, TaskMonitor monitor) {
        return MmdTest.test(e.pooled(), e.n() + e.m(), e.d(), e.n(), permutations, seed, monitor);
    }

    /** Classifier two-sample test on the encoded columns, with logistic regression. */
    public static ClassifierTest.Result classifier(Encoded e, long seed, TaskMonitor monitor) {
        return classifier(e, seed, ClassifierTest.Learner.LINEAR, monitor);
    }

    /** Classifier two-sample test on the encoded columns with the given learner. */
    public static ClassifierTest.Result classifier(Encoded e, long seed, ClassifierTest.Learner learner,
                                                   TaskMonitor monitor) {
        return ClassifierTest.test(e.pooled(), e.n() + e.m(), e.d(), e.n(), e.names(), seed, learner, monitor);
    }

    public static List<ColumnDrift> univariate(Split split, MultipleTesting correction, double alpha, TaskMonitor monitor) {
        List<String> columns = split.columns().stream()
                .filter(c -> split.reference().requireColumn(c).type() != ColumnType.TEXT).toList();
        return UnivariateDrift.test(split.reference(), split.target(), columns, correction, alpha, monitor);
    }

    /**
     * A detection as the CLI and the Data view ask for it; the defaults are defined here once.
     *
     * @param correction   multiple-testing correction of the per-column p-values
     * @param alpha        significance level of every verdict, in (0, 1)
     * @param permutations MMD permutations (0: no MMD test)
     * @param learner      the classifier two-sample test's learner
     * @param seed         seed of the permutations and the folds
     */
    public record Request(MultipleTesting correction, double alpha, int permutations, ClassifierTest.Learner learner,
                          long seed) {

        public static final MultipleTesting DEFAULT_CORRECTION = MultipleTesting.HOLM;
        public static final double DEFAULT_ALPHA = 0.05;
        public static final int DEFAULT_PERMUTATIONS = 500;

        public Request {
            if (!(alpha > 0 && alpha < 1)) {
                throw org.shiftscope.core.DataException.setting("alpha", "the significance level must lie strictly"
                        + " between 0 and 1, not " + alpha);
            }
            if (permutations < 0) {
                throw org.shiftscope.core.DataException.setting("permutations", "the number of permutations cannot be"
                        + " negative, not " + permutations);
            }
            org.shiftscope.core.Limits.check("permutations", permutations, 0,
                    org.shiftscope.core.Limits.PERMUTATIONS);
        }

        public static Request defaults() {
            return new Request(DEFAULT_CORRECTION, DEFAULT_ALPHA, DEFAULT_PERMUTATIONS, ClassifierTest.Learner.LINEAR,
                    0);
        }
    }

    /**
     * A detection's results.
     *
     * @param mmd   null when no permutations were asked for
     * @param drift whether any test finds drift at the request's alpha
     */
    public record Report(List<ColumnDrift> columns, MmdTest.Result mmd, ClassifierTest.Result classifier,
                         boolean drift) {
    }

    /** The detect use case: every column's test, then the MMD and classifier two-sample tests on all of them. */
    public static Report detect(Split split, Request r, TaskMonitor monitor) {
        requireJointRows(split);
        return detect(split, r, univariate(split, r.correction(), r.alpha(), monitor), monitor);
    }

    /**
     * The joint tests on a split whose per-column tests were already run with the request's correction and alpha
     * ({@code columns}, as {@link #univariate} gives them; the Data view's analysis holds them).
     */
    public static Report detect(Split split, Request r, List<ColumnDrift> columns, TaskMonitor monitor) {
        requireJointRows(split);
        Encoded encoded = encode(split);
        MmdTest.Result mmd = r.permutations() > 0 ? mmd(encoded, r.permutations(), r.seed(), monitor) : null;
        ClassifierTest.Result classifier = classifier(encoded, r.seed(), r.learner(), monitor);
        boolean drift = columns.stream().anyMatch(ColumnDrift::drift) || (mmd != null && mmd.pValue() < r.alpha())
                || classifier.pValue() < r.alpha();
        return new Report(columns, mmd, classifier, drift);
    }

    private static void requireJointRows(Split split) {
        int fewest = Math.min(split.reference().rowCount(), split.target().rowCount());
        if (fewest < org.shiftscope.analysis.ClassifierTest.FOLDS) {
            throw DataException.of("the joint tests need at least " + org.shiftscope.analysis.ClassifierTest.FOLDS
                    + " rows a side; " + (split.reference().rowCount() == fewest ? "the reference ("
                    + split.reference().name() + ")" : "the target (" + split.target().name() + ")") + " has "
                    + fewest);
        }
    }
}
