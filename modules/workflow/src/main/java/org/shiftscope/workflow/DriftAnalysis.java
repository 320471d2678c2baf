package org.shiftscope.workflow;

import java.util.ArrayList;
import java.util.List;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.analysis.UnivariateDrift;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;

/** Per-column drift tests of a split (free-text columns are skipped), as the Data view and `detect` show them. */
public final class DriftAnalysis {

    private DriftAnalysis() {
    }

    /**
     * MMD test on the split's columns jointly: numeric columns z-scored with pooled statistics, categorical and
     * boolean columns one-hot; free text left out. Rows must be complete (the missing-value policy 'drop').
     */
    public static MmdTest.Result mmd(Split split, int permutations, long seed, TaskMonitor monitor) {
        List<Column> ref = new ArrayList<>();
        List<Column> tgt = new ArrayList<>();
        for (String c : split.columns()) {
            Column r = split.reference().requireColumn(c);
            if (r.type() != ColumnType.TEXT) {
                ref.add(r);
                tgt.add(split.target().requireColumn(c));
            }
        }
        int n = split.reference().rowCount();
        int m = split.target().rowCount();
        List<double[]> features = new ArrayList<>(); // each: n + m values
        for (int j = 0; j < ref.size(); j++) {
            Column r = ref.get(j);
            Column t = tgt.get(j);
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
            } else {
                java.util.TreeSet<String> levels = new java.util.TreeSet<>();
                for (Column c : List.of(r, t)) {
                    for (int i = 0; i < c.size(); i++) {
                        if (c.text(i) != null) {
                            levels.add(c.text(i));
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
                }
            }
        }
        int d = features.size();
        if (d == 0) {
            throw org.shiftscope.core.DataException.of("no columns to test jointly");
        }
        double[] pooled = new double[(n + m) * d];
        for (int k = 0; k < d; k++) {
            double[] v = features.get(k);
            for (int i = 0; i < n + m; i++) {
                if (Double.isNaN(v[i])) {
                    throw org.shiftscope.core.DataException.of("the MMD test needs complete rows; use --missing drop");
                }
                pooled[i * d + k] = v[i];
            }
        }
        return MmdTest.test(pooled, n + m, d, n, permutations, seed, monitor);
    }

    public static List<ColumnDrift> univariate(Split split, MultipleTesting correction, double alpha, TaskMonitor monitor) {
        List<String> columns = split.columns().stream()
                .filter(c -> split.reference().requireColumn(c).type() != ColumnType.TEXT).toList();
        return UnivariateDrift.test(split.reference(), split.target(), columns, correction, alpha, monitor);
    }
}
