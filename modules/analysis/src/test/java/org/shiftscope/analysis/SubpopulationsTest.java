package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.shiftscope.analysis.Subpopulations.Trend;

class SubpopulationsTest {

    private static int[] repeat(int... countsPerCluster) {
        return java.util.stream.IntStream.range(0, countsPerCluster.length)
                .flatMap(c -> Arrays.stream(new int[countsPerCluster[c]]).map(z -> c)).toArray();
    }

    @Test
    void sharesRatiosAndTrendsMatchAHandCount() {
        // reference 200 points: 100, 60, 40, 0, 0 ; target 400 points: 100, 120, 8, 160, 12
        Subpopulations s = Subpopulations.of(repeat(100, 60, 40, 0, 0), repeat(100, 120, 8, 160, 12), 5);
        var c = s.clusters();
        // cluster 0: 0.50 -> 0.25, ratio 0.5: shrank
        assertThat(c.get(0).referenceShare()).isCloseTo(0.5, within(1e-15));
        assertThat(c.get(0).targetShare()).isCloseTo(0.25, within(1e-15));
        assertThat(c.get(0).trend()).isEqualTo(Trend.SHRANK);
        // cluster 1: 0.30 -> 0.30: stable
        assertThat(c.get(1).ratio()).isCloseTo(1.0, within(1e-12));
        assertThat(c.get(1).trend()).isEqualTo(Trend.STABLE);
        // cluster 2: 0.20 -> 0.02, ratio 0.1 <= 1/5: vanishing
        assertThat(c.get(2).ratio()).isCloseTo(0.1, within(1e-12));
        assertThat(c.get(2).trend()).isEqualTo(Trend.VANISHING);
        // cluster 3: 0 -> 0.40, target only: emerging
        assertThat(c.get(3).ratio()).isInfinite();
        assertThat(c.get(3).trend()).isEqualTo(Trend.EMERGING);
        // cluster 4: 0 -> 0.03: emerging (at least 1 % of the target)
        assertThat(c.get(4).nTarget()).isEqualTo(12);
        assertThat(c.get(4).trend()).isEqualTo(Trend.EMERGING);
    }

    @Test
    void aTinyTargetOnlyClusterIsNotCalledEmergingAndGrowthNeedsAQuarter() {
        // reference 1000: 500, 500, 0 ; target 1000: 420, 575, 5 (0.5 %: below the 1 % floor)
        Subpopulations s = Subpopulations.of(repeat(500, 500, 0), repeat(420, 575, 5), 3);
        assertThat(s.clusters().get(0).trend()).isEqualTo(Trend.STABLE); // ratio 0.84
        assertThat(s.clusters().get(1).trend()).isEqualTo(Trend.STABLE); // ratio 1.15
        assertThat(s.clusters().get(2).trend()).isEqualTo(Trend.GREW);   // infinite ratio, too small to emerge
    }

    @Test
    void noiseGetsItsOwnRowAndAccuracyIsCountedPerClusterAndSide() {
        // reference: cluster 0 x3 (right, right, wrong), noise x1 (right); target: cluster 0 x2 (wrong, unlabelled),
        // cluster 1 x2 (right, right), noise x1 (wrong)
        int[] ref = {0, 0, 0, Subpopulations.NOISE};
        int[] tgt = {0, 0, 1, 1, Subpopulations.NOISE};
        var correct = new Subpopulations.Correct(new byte[] {1, 1, 0, 1}, new byte[] {0, -1, 1, 1, 0});
        var rows = Subpopulations.of(ref, tgt, 2, correct).clusters();
        assertThat(rows).extracting(Subpopulations.Cluster::id).containsExactly(0, 1, Subpopulations.NOISE);
        assertThat(rows.get(2).noise()).isTrue();
        assertThat(rows.get(2).referenceShare()).isCloseTo(0.25, within(1e-15));
        assertThat(rows.get(2).targetShare()).isCloseTo(0.2, within(1e-15));
        assertThat(rows.get(0).referenceAccuracy().value()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(rows.get(0).targetAccuracy()).isEqualTo(new Subpopulations.Accuracy(0, 1));
        assertThat(rows.get(1).targetAccuracy().value()).isEqualTo(1.0);
        assertThat(rows.get(1).referenceAccuracy().value()).isNaN();
        assertThat(Subpopulations.overall(correct.target())).isEqualTo(new Subpopulations.Accuracy(2, 4));
        // no noise point: no noise row
        assertThat(Subpopulations.of(new int[] {0}, new int[] {0}, 1).clusters()).hasSize(1);
    }

    @Test
    void wilsonIntervalsMatchScipy() throws Exception {
        var lines = java.nio.file.Files.readAllLines(
                org.shiftscope.io.TestResources.path(getClass(), "/sklearn/wilson.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            var a = new Subpopulations.Accuracy(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
            assertThat(a.low()).as(line).isCloseTo(Double.parseDouble(f[2]), within(1e-12));
            assertThat(a.high()).as(line).isCloseTo(Double.parseDouble(f[3]), within(1e-12));
        }
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        assertThatThrownBy(() -> Subpopulations.of(new int[0], new int[] {0}, 1))
                .hasMessageContaining("needs reference and target points");
        assertThatThrownBy(() -> Subpopulations.of(new int[] {0, 3}, new int[] {0}, 2))
                .hasMessageContaining("cluster id 3 of point 1");
    }

    @Test
    void wilsonIntervalsAreNewcombesPublishedOnes() {
        // R. G. Newcombe, "Two-sided confidence intervals for the single proportion", Stat. Med. 17 (1998), table II,
        // method 3 (score): 81/263, 15/148, 0/20 and 1/29, to the four decimals printed there
        double[][] cases = {{81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0.0, 0.1611},
            {1, 29, 0.0061, 0.1718}};
        for (double[] c : cases) {
            org.assertj.core.api.Assertions.assertThat(Subpopulations.wilson((long) c[0], (long) c[1], -1))
                    .isCloseTo(c[2], org.assertj.core.api.Assertions.within(5e-5));
            org.assertj.core.api.Assertions.assertThat(Subpopulations.wilson((long) c[0], (long) c[1], 1))
                    .isCloseTo(c[3], org.assertj.core.api.Assertions.within(5e-5));
        }
        org.assertj.core.api.Assertions.assertThat(Subpopulations.wilson(0, 0, 1)).isNaN();
    }
}
