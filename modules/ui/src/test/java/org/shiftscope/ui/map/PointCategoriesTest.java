package org.shiftscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.StringColumn;
import org.shiftscope.workflow.map.Predictions;

class PointCategoriesTest {

    @Test
    void confidenceBandsStartAtTheirLowerBound() {
        assertThat(PointCategories.band(0.34)).isZero();
        assertThat(PointCategories.band(0.4999)).isZero();
        assertThat(PointCategories.band(0.5)).isEqualTo(1);
        assertThat(PointCategories.band(0.89)).isEqualTo(2);
        assertThat(PointCategories.band(0.95)).isEqualTo(3);
        assertThat(PointCategories.band(0.999)).isEqualTo(4);
        assertThat(PointCategories.band(1.0)).isEqualTo(4);
    }

    @Test
    void predictionsAreCategorisedByClassNameInSortedOrder() {
        Subpopulations.Correct correct = new Subpopulations.Correct(new byte[2], new byte[1]);
        Predictions p = new Predictions(List.of("shirt", "bag"), new int[] {1, 0}, new int[] {1},
                new double[] {0.9, 0.6}, new double[] {0.3}, correct);
        PointCategories c = PointCategories.ofPrediction(p);
        assertThat(c.names()).containsExactly("bag", "shirt");
        assertThat(c.of()).containsExactly(0, 1, 0);
        assertThat(PointCategories.ofConfidence(p).of()).containsExactly(3, 1, 0); // 0.9 opens the band 0.9 - 0.99
    }

    @Test
    void columnsBeyondTwentyValuesShareOther() {
        String[] values = new String[25];
        for (int i = 0; i < values.length; i++) {
            values[i] = String.format("v%02d", i);
        }
        PointCategories c = PointCategories.ofColumn(new StringColumn("g", ColumnType.CATEGORICAL, values),
                new StringColumn("g", ColumnType.CATEGORICAL, new String[] {"v24"}));
        assertThat(c.names()).hasSize(PointCategories.MAX + 1);
        assertThat(c.names().get(PointCategories.MAX)).isEqualTo("(other)");
        assertThat(c.of()[19]).isEqualTo(19);
        assertThat(c.of()[20]).isEqualTo(PointCategories.MAX);
        assertThat(c.of()[25]).isEqualTo(PointCategories.MAX);
    }
}
