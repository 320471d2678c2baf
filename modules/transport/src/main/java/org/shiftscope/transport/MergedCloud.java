package org.shiftscope.transport;

import java.util.Arrays;
import java.util.HashMap;
import org.shiftscope.transport.SinkhornSolver.Cloud;

/**
 * Points with repeats merged into one, with the summed weight; {@code index} gives each original point's merged one.
 * Entropic OT is unchanged by this: repeated points have equal potentials and split their plan rows evenly. Tabular
 * data repeats a lot (UCI Adult's men on five integer columns: 21,790 rows, 8,373 distinct), and repeated points would
 * otherwise multiply the kernel's support.
 */
record MergedCloud(Cloud cloud, int[] index) {

    static MergedCloud of(Points p) {
        int n = p.n();
        int d = p.d();
        HashMap<Row, Integer> seen = new HashMap<>();
        int[] index = new int[n];
        double[] values = new double[n * d];
        double[] count = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Integer j = seen.putIfAbsent(new Row(p.values(), i * d, d), kept);
            if (j == null) {
                System.arraycopy(p.values(), i * d, values, kept * d, d);
                j = kept++;
            }
            index[i] = j;
            count[j]++;
        }
        double[] w = new double[kept];
        for (int j = 0; j < kept; j++) {
            w[j] = count[j] / n;
        }
        Points merged = kept == n ? p : new Points(kept, d, Arrays.copyOf(values, kept * d));
        return new MergedCloud(Cloud.of(merged, w), index);
    }

    /** Per-point values from per-merged-point ones. */
    double[] expand(double[] merged) {
        double[] out = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = merged[index[i]];
        }
        return out;
    }

    /** A point as a hash key: its d coordinates inside a row-major array, compared with == (so 0.0 equals -0.0). */
    private record Row(double[] values, int offset, int d) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Row r) || r.d != d) {
                return false;
            }
            for (int k = 0; k < d; k++) {
                if (values[offset + k] != r.values[r.offset + k]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (int k = 0; k < d; k++) {
                double v = values[offset + k];
                h = 31 * h + Double.hashCode(v == 0 ? 0.0 : v);
            }
            return h;
        }
    }
}
