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
    void badInputIsRejectedWithTheReason() {
        assertThatThrownBy(() -> Subpopulations.of(new int[0], new int[] {0}, 1))
                .hasMessageContaining("needs reference and target points");
        assertThatThrownBy(() -> Subpopulations.of(new int[] {0, 3}, new int[] {0}, 2))
                .hasMessageContaining("cluster id 3 of point 1");
    }
}
