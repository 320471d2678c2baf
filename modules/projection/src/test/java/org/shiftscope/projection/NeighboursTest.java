package org.shiftscope.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighboursTest {

    private static double[] gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void theKdTreeFindsWhatTheScanFinds() {
        // the same rows, in the same order, at the same distances, with each point left out of its own list and for
        // queries that are not base points
        for (int d : new int[] {2, 7, 30}) {
            double[] x = gaussian(1500, d, d);
            Neighbours a = Neighbours.kdTree(x, 1500, x, 1500, d, 10, true);
            Neighbours b = Neighbours.bruteForce(x, 1500, x, 1500, d, 10, true);
            assertThat(a.index()).as("d = " + d).isEqualTo(b.index());
            assertThat(a.distance()).isEqualTo(b.distance());
            double[] q = gaussian(300, d, 100 + d);
            assertThat(Neighbours.kdTree(x, 1500, q, 300, d, 5, false).index())
                    .isEqualTo(Neighbours.bruteForce(x, 1500, q, 300, d, 5, false).index());
        }
    }

    @Test
    void tiesAreOrderedByIndexAndDistancesAreExact() {
        // a 3 x 3 grid of unit spacing: the centre (row 4) has four neighbours at distance 1, by hand
        double[] grid = new double[18];
        for (int i = 0; i < 9; i++) {
            grid[2 * i] = i % 3;
            grid[2 * i + 1] = i / 3;
        }
        Neighbours n = Neighbours.kdTree(grid, 9, grid, 9, 2, 4, true);
        assertThat(Arrays.copyOfRange(n.index(), 16, 20)).containsExactly(1, 3, 5, 7);
        assertThat(Arrays.copyOfRange(n.distance(), 16, 20)).containsExactly(1, 1, 1, 1);
        // a corner (row 0): two at 1, then the centre at sqrt(2)
        Neighbours c = Neighbours.kdTree(grid, 9, grid, 9, 2, 3, true);
        assertThat(Arrays.copyOfRange(c.index(), 0, 3)).containsExactly(1, 3, 4);
        assertThat(c.distance()[2]).isEqualTo(Math.sqrt(2));
    }

    @Test
    void duplicateRichDataGiveTheScansListsExactly() {
        // integer values in 0..3 on 3 axes: 64 distinct points for 2,000 rows, ties everywhere
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[2000 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(4);
        }
        Neighbours a = Neighbours.kdTree(x, 2000, x, 2000, 3, 15, true);
        Neighbours b = Neighbours.bruteForce(x, 2000, x, 2000, 3, 15, true);
        assertThat(a.index()).isEqualTo(b.index());
        assertThat(a.distance()).isEqualTo(b.distance());
    }

    @Test
    void realDataWithTiesAtTheKthDistanceGiveTheScansListsExactly() throws Exception {
        // adult.csv's integer columns (age, education-num, hours-per-week, capital-gain) scaled by 1/7: distances
        // tie in the last bits, where a tree's own rounding once picked another of the tied points
        java.util.List<String> lines = java.nio.file.Files.readAllLines(org.shiftscope.io.SharedData.file("adult.csv"));
        java.util.List<String> head = java.util.Arrays.asList(lines.get(0).split(","));
        int[] cols = {head.indexOf("age"), head.indexOf("education-num"), head.indexOf("hours-per-week"),
            head.indexOf("capital-gain")};
        int n = 4000;
        double[] x = new double[n * 4];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(1 + i).split(",");
            for (int c = 0; c < 4; c++) {
                x[i * 4 + c] = Double.parseDouble(f[cols[c]].strip()) / 7.0;
            }
        }
        for (int k : new int[] {10, 15, 30}) {
            assertThat(Neighbours.kdTree(x, n, x, n, 4, k, true).index()).as("k = " + k)
                    .isEqualTo(Neighbours.bruteForce(x, n, x, n, 4, k, true).index());
        }
    }
}
