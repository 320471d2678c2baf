package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two-sample KS p-value as SciPy 1.10's default (exact up to 10,000 values a side): against hand counts of
 * lattice paths, and against ks_2samp on 114 cases of sizes 5..500, continuous and tied (ks_exact.csv, made by
 * make_ks_exact.py beside it).
 */
class KsExactTest {

    @Test
    void smallCasesByCountingPaths() {
        // {1, 2} vs {3, 4}: D = 1, reached only by the 2 of the C(4, 2) = 6 paths that keep one sample first
        DriftTests.Raw r = DriftTests.numeric(new double[] {1, 2}, new double[] {3, 4});
        assertThat(r.statistic()).isEqualTo(1.0);
        assertThat(r.pValue()).isCloseTo(2.0 / 6, within(1e-15));
        // m = n = 3, D >= 2/3 (h = 2): by the reflection principle 2 [C(6, 3 - 2) - C(6, 3 - 4)] of the C(6, 3) = 20
        // paths reach |i - j| >= 2, so P = 2 x 6 / 20
        assertThat(Distributions.ksTwoSampleExact(3, 3, 2)).isCloseTo(12.0 / 20, within(1e-15));
        // D = 0 is always reached
        assertThat(Distributions.ksTwoSampleExact(4, 7, 0)).isEqualTo(1.0);
        // m = 1, n = 2, D = 1 (h = lcm = 2): paths x y y and y y x, 2 of C(3, 1) = 3
        assertThat(Distributions.ksTwoSampleExact(1, 2, 2)).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void equalsScipysDefaultOnAGridOfSizesWithAndWithoutTies() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(KsExactTest.class.getResource("/scipy/ks_exact.csv").toURI()));
        int checked = 0;
        double worst = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (!f[3].equals("exact")) {
                continue; // SciPy's own exact computation failed there and it answered asymptotically
            }
            double[] a = Arrays.stream(f[6].split(" ")).mapToDouble(Double::parseDouble).toArray();
            double[] b = Arrays.stream(f[7].split(" ")).mapToDouble(Double::parseDouble).toArray();
            assertThat(a).hasSize(Integer.parseInt(f[1]));
            assertThat(b).hasSize(Integer.parseInt(f[2]));
            DriftTests.Raw r = DriftTests.numeric(a, b);
            assertThat(r.statistic()).as(f[0]).isCloseTo(Double.parseDouble(f[4]), within(1e-12));
            assertThat(r.pValue()).as(f[0]).isCloseTo(Double.parseDouble(f[5]), within(1e-6));
            worst = Math.max(worst, Math.abs(r.pValue() - Double.parseDouble(f[5])));
            checked++;
        }
        assertThat(checked).isEqualTo(113);
        assertThat(worst).isLessThan(1e-9);
    }
}
