package org.shiftscope.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowFilterTest {

    private static final Dataset DATA = new Dataset("people.csv", new DataSource("people.csv", "csv", "x"), List.of(
            new NumericColumn("age", new double[] {25, 40, Double.NaN, 61, 33}),
            new StringColumn("sex", ColumnType.CATEGORICAL, new String[] {"Male", "Female", "Male", null, "Female"}),
            new StringColumn("income", ColumnType.CATEGORICAL, new String[] {"<=50K", ">50K", "<=50K", ">50K", "<=50K"}),
            new StringColumn("ok", ColumnType.BOOLEAN, new String[] {"true", "false", "true", "true", "false"})));

    private static int[] rows(String expr) {
        return RowFilter.parse(expr).apply(DATA);
    }

    @Test
    void everyOperator() {
        assertThat(rows("sex=Male")).containsExactly(0, 2);
        assertThat(rows("sex == Female")).containsExactly(1, 4);
        assertThat(rows("sex!=Male")).containsExactly(1, 4); // missing never matches
        assertThat(rows("age<33")).containsExactly(0);
        assertThat(rows("age<=33")).containsExactly(0, 4);
        assertThat(rows("age>40")).containsExactly(3);
        assertThat(rows("age>=40")).containsExactly(1, 3);
        assertThat(rows("age in {25, 61}")).containsExactly(0, 3);
        assertThat(rows("sex in {Male,Female}")).containsExactly(0, 1, 2, 4);
        assertThat(rows("sex not in {Male}")).containsExactly(1, 4);
        assertThat(rows("ok=TRUE")).containsExactly(0, 2, 3);
    }

    @Test
    void conjunctionsAndValuesThatLookLikeOperators() {
        assertThat(rows("sex=Female and age>35")).containsExactly(1);
        assertThat(rows("sex=Female & age>35")).containsExactly(1);
        assertThat(rows("income=<=50K")).containsExactly(0, 2, 4);
        assertThat(rows("income='>50K'")).containsExactly(1, 3);
        assertThat(RowFilter.parse("sex=Male and age>3").columns()).containsExactly("sex", "age");
    }

    @Test
    void badExpressionsSayWhatIsWrong() {
        assertThatThrownBy(() -> RowFilter.parse("sex")).hasMessageContaining("'sex' is not a condition");
        assertThatThrownBy(() -> RowFilter.parse("sex=")).hasMessageContaining("no value after '='");
        assertThatThrownBy(() -> rows("colour=red"))
                .hasMessageStartingWith("people.csv: filter 'colour=red' names column 'colour', which does not exist");
        assertThatThrownBy(() -> rows("sex<M")).hasMessageContaining("column 'sex' is categorical");
        assertThatThrownBy(() -> rows("age=old")).hasMessageContaining("'old' is not a number");
    }
}
