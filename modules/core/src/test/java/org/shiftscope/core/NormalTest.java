package org.shiftscope.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalTest {

    @Test
    void quantilesAndProbabilitiesMatchTables() {
        // scipy.stats.norm.ppf / norm.cdf
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(Normal.quantile(0.001)).isCloseTo(-3.090232306167813, within(1e-8));
        assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-12));
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(2e-7));
        assertThat(Normal.cdf(-3)).isCloseTo(0.0013498980316301, within(2e-7));
        assertThat(Normal.cdf(Normal.quantile(0.2))).isCloseTo(0.2, within(2e-7));
    }
}
