package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Category tables against SciPy 1.10 (src/test/resources/scipy/fisher.csv, made by make_fisher.py beside it):
 * chi-square and its smallest expected count for every table, Fisher's exact p-value for 2 x 2 ones, and which test
 * a column gets (Fisher's when a 2 x 2 table's expected counts are too small for chi-square).
 */
class FisherExactTest {

    @Test
    void fisherByHand() {
        // [[3, 1], [1, 3]]: tables with a = 0..4 have probabilities 1, 16, 36, 16, 1 (/70); |a - 2| >= 1 gives 34/70
        assertThat(Distributions.fisherExact(3, 1, 1, 3)).isCloseTo(34.0 / 70, within(1e-12));
        // the most probable table: p = 1
        assertThat(Distributions.fisherExact(2, 2, 2, 2)).isCloseTo(1, within(1e-12));
    }

    @Test
    void tablesMatchScipy() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(FisherExactTest.class.getResource("/scipy/fisher.csv").toURI()));
        int fisher = 0;
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int[] r = Arrays.stream(f[1].split(" ")).mapToInt(Integer::parseInt).toArray();
            int[] t = Arrays.stream(f[2].split(" ")).mapToInt(Integer::parseInt).toArray();
            DriftTests.Raw raw = DriftTests.categorical(expand(r), expand(t));
            double chi2 = Double.parseDouble(f[3]);
            assertThat(raw.statistic()).as(line).isCloseTo(chi2, within(1e-9 * Math.max(1, chi2)));
            assertThat(raw.minExpected()).as(line).isCloseTo(Double.parseDouble(f[5]), within(1e-9));
            boolean small = smallByCochran(r, t);
            assertThat(raw.smallExpected()).as(line).isEqualTo(small);
            if (!f[6].isEmpty()) {
                double want = Double.parseDouble(f[6]);
                double p = Distributions.fisherExact(r[0], r[1], t[0], t[1]);
                assertThat(p).as(line).isCloseTo(want, within(1e-9 * Math.max(1e-3, want)));
                if (small) {
                    assertThat(raw.test()).as(line).isEqualTo("fisher");
                    assertThat(raw.pValue()).as(line).isEqualTo(p);
                    fisher++;
                }
            }
            if (!raw.test().equals("fisher") && chi2 > 0) {
                double want = Double.parseDouble(f[4]);
                assertThat(raw.pValue()).as(line).isCloseTo(want, within(1e-9 * Math.max(1e-6, want)));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(56);
        assertThat(fisher).isGreaterThan(10);
    }

    /** Cochran's rule from the counts, written out independently of DriftTests. */
    private static boolean smallByCochran(int[] r, int[] t) {
        double nr = Arrays.stream(r).sum();
        double nt = Arrays.stream(t).sum();
        int cells = 0;
        int below5 = 0;
        boolean below1 = false;
        for (int j = 0; j < r.length; j++) {
            for (double e : new double[] {nr * (r[j] + t[j]) / (nr + nt), nt * (r[j] + t[j]) / (nr + nt)}) {
                cells++;
                below5 += e < 5 ? 1 : 0;
                below1 |= e < 1;
            }
        }
        return below1 || below5 > cells / 5.0;
    }

    /** Category labels "c0", "c1", ... repeated as the counts say. */
    private static String[] expand(int[] counts) {
        return java.util.stream.IntStream.range(0, counts.length).boxed()
                .flatMap(j -> java.util.Collections.nCopies(counts[j], "c" + j).stream()).toArray(String[]::new);
    }
}
