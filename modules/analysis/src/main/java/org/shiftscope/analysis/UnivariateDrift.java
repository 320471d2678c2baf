package org.shiftscope.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.shiftscope.core.Column;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.TaskMonitor;

/** Tests every chosen column of reference vs target and corrects the p-values across them. */
public final class UnivariateDrift {

    private UnivariateDrift() {
    }

    public static List<ColumnDrift> test(Dataset reference, Dataset target, List<String> columns,
                                         MultipleTesting correction, double alpha, TaskMonitor monitor) {
        List<DriftTests.Raw> raws = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            monitor.checkCancelled();
            monitor.progress((double) c / columns.size(), "Testing " + columns.get(c));
            Column r = reference.requireColumn(columns.get(c));
            Column t = target.requireColumn(columns.get(c));
            if (r instanceof NumericColumn nr && t instanceof NumericColumn nt) {
                double[] a = Arrays.stream(nr.values()).filter(v -> !Double.isNaN(v)).toArray();
                double[] b = Arrays.stream(nt.values()).filter(v -> !Double.isNaN(v)).toArray();
                raws.add(a.length == 0 || b.length == 0 ? null : DriftTests.numeric(a, b));
                sizes.add(new int[] {a.length, b.length});
            } else {
                String[] a = present(r);
                String[] b = present(t);
                raws.add(a.length == 0 || b.length == 0 ? null : DriftTests.categorical(a, b));
                sizes.add(new int[] {a.length, b.length});
            }
        }
        return assemble(columns, raws, sizes, correction, alpha);
    }

    /**
     * The columns' results from their raw tests (null: nothing to test on one side), with the multiple-testing
     * correction across them; sizes[c] holds the two sides' counts of present values.
     */
    public static List<ColumnDrift> assemble(List<String> columns, List<DriftTests.Raw> raws, List<int[]> sizes,
                                             MultipleTesting correction, double alpha) {
        double[] p = raws.stream().mapToDouble(x -> x == null ? 1 : x.pValue()).toArray();
        double[] adjusted = correction.adjust(p);
        List<ColumnDrift> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            DriftTests.Raw x = raws.get(c);
            int[] n = sizes.get(c);
            if (x == null) {
                out.add(new ColumnDrift(columns.get(c), "none", Double.NaN, 1, 1, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, n[0], n[1], false));
            } else {
                out.add(new ColumnDrift(columns.get(c), x.test(), x.statistic(), x.pValue(), adjusted[c], x.w1(),
                        x.psi(), x.js(), x.cramersV(), n[0], n[1], adjusted[c] < alpha, x.minExpected(),
                        x.smallExpected()));
            }
        }
        return out;
    }

    private static String[] present(Column c) {
        List<String> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            String v = c.text(i);
            if (v != null) {
                out.add(v);
            }
        }
        return out.stream().filter(Objects::nonNull).toArray(String[]::new);
    }
}
