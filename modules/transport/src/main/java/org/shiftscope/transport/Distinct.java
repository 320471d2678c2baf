package org.shiftscope.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * A point set with repeated points merged: {@code points} holds each distinct point once, {@code index} gives each
 * original point's distinct one and {@code members} the original points of each distinct one, in order.
 */
record Distinct(Points points, int[] index, int[][] members) {

    static Distinct of(Points p) {
        int n = p.n();
        int d = p.d();
        HashMap<Row, Integer> seen = new HashMap<>();
        int[] index = new int[n];
        double[] values = new double[n * d];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Integer j = seen.putIfAbsent(new Row(p.values(), i * d, d), kept);
            if (j == null) {
                System.arraycopy(p.values(), i * d, values, kept * d, d);
                j = kept++;
            }
            index[i] = j;
        }
        int[] count = new int[kept];
        for (int i = 0; i < n; i++) {
            count[index[i]]++;
        }
        int[][] members = new int[kept][];
        for (int j = 0; j < kept; j++) {
            members[j] = new int[count[j]];
        }
        int[] fill = new int[kept];
        for (int i = 0; i < n; i++) {
            members[index[i]][fill[index[i]]++] = i;
        }
        Points merged = kept == n ? p : new Points(kept, d, Arrays.copyOf(values, kept * d));
        return new Distinct(merged, index, members);
    }

    /** How many distinct points p has. */
    static long count(Points p) {
        java.util.HashSet<Row> seen = new java.util.HashSet<>();
        for (int i = 0; i < p.n(); i++) {
            seen.add(new Row(p.values(), i * p.d(), p.d()));
        }
        return seen.size();
    }

    /**
     * The plan between the original points: each distinct cell's flow dealt out to its row's members ({@code perX}
     * units each) and its column's members ({@code perY} each) in order, so every original point's marginal is
     * exact; masses are units over {@code total}.
     */
    static TransportPlan expand(NetworkSimplex.Flows f, Distinct dx, Distinct dy, long perX, long perY, double total) {
        int k = f.rows().length;
        // cells grouped by distinct row, and for each distinct point the next member with units left
        Integer[] order = new Integer[k];
        for (int e = 0; e < k; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(f.rows()[a], f.rows()[b]));
        int[] nextX = new int[dx.members().length];
        long[] leftX = new long[dx.members().length];
        Arrays.fill(leftX, perX);
        int[] nextY = new int[dy.members().length];
        long[] leftY = new long[dy.members().length];
        Arrays.fill(leftY, perY);
        List<int[]> cells = new ArrayList<>(k + dx.index().length + dy.index().length);
        List<Long> units = new ArrayList<>(k + dx.index().length + dy.index().length);
        for (int e : order) {
            int r = f.rows()[e];
            int c = f.cols()[e];
            long flow = f.flow()[e];
            while (flow > 0) {
                long take = Math.min(flow, Math.min(leftX[r], leftY[c]));
                cells.add(new int[] {dx.members()[r][nextX[r]], dy.members()[c][nextY[c]]});
                units.add(take);
                flow -= take;
                leftX[r] -= take;
                leftY[c] -= take;
                if (leftX[r] == 0 && nextX[r] + 1 < dx.members()[r].length) {
                    nextX[r]++;
                    leftX[r] = perX;
                }
                if (leftY[c] == 0 && nextY[c] + 1 < dy.members()[c].length) {
                    nextY[c]++;
                    leftY[c] = perY;
                }
            }
        }
        int[] rows = new int[cells.size()];
        int[] cols = new int[cells.size()];
        double[] mass = new double[cells.size()];
        for (int e = 0; e < rows.length; e++) {
            rows[e] = cells.get(e)[0];
            cols[e] = cells.get(e)[1];
            mass[e] = units.get(e) / total;
        }
        return new TransportPlan(dx.index().length, dy.index().length, rows, cols, mass);
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
