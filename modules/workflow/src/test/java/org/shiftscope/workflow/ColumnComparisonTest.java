package org.shiftscope.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.StringColumn;

class ColumnComparisonTest {

    @Test
    void smallIntegerColumnsGetOneBarPerValue() {
        ColumnComparison c = ColumnComparison.of(new NumericColumn("k", new double[] {1, 2, 2, Double.NaN}),
                new NumericColumn("k", new double[] {2, 3, 3, 3}));
        assertThat(c.labels()).containsExactly("1", "2", "3");
        assertThat(c.referenceCounts()).containsExactly(1, 2, 0);
        assertThat(c.targetCounts()).containsExactly(0, 1, 3);
        assertThat(c.referenceMissing()).isEqualTo(1);
        assertThat(c.referenceShare(1)).isEqualTo(2.0 / 3);
    }

    @Test
    void continuousColumnsShareEqualWidthBins() {
        // pooled 8 values in [0, 7]: Sturges gives ceil(log2 8) + 1 = 4 bins of width 1.75
        ColumnComparison c = ColumnComparison.of(new NumericColumn("x", new double[] {0, 0.5, 1.8, 3.6}),
                new NumericColumn("x", new double[] {5.2, 5.3, 6.9, 7.0}));
        assertThat(c.labels()).hasSize(4);
        assertThat(c.referenceCounts()).containsExactly(2, 1, 1, 0);
        assertThat(c.targetCounts()).containsExactly(0, 0, 1, 3);
    }

    @Test
    void rareCategoriesArePooled() {
        String[] ref = new String[20];
        for (int i = 0; i < 20; i++) {
            ref[i] = "v" + i; // 20 distinct values, one row each
        }
        ColumnComparison c = ColumnComparison.of(new StringColumn("c", ColumnType.CATEGORICAL, ref),
                new StringColumn("c", ColumnType.CATEGORICAL, new String[] {"v0", "v0"}));
        assertThat(c.labels()).hasSize(16).endsWith(ColumnComparison.OTHER);
        assertThat(c.labels().get(0)).isEqualTo("v0");
        assertThat(c.referenceCounts()[15]).isEqualTo(5);
        assertThat(c.targetCounts()[0]).isEqualTo(2);
        assertThat(List.of(c.referenceRows(), c.targetRows())).containsExactly(20, 2);
    }
}
