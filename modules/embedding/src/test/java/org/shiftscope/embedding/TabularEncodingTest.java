package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.StringColumn;

class TabularEncodingTest {

    private static Dataset data(double[] age, String[] colour) {
        return new Dataset("t", new DataSource("t.csv", "csv", "0"), List.of(new NumericColumn("age", age),
                new StringColumn("colour", ColumnType.CATEGORICAL, colour)));
    }

    @Test
    void standardisesOnThePooledRowsAndOneHotEncodesByFrequency() {
        Dataset ref = data(new double[] {20, 30}, new String[] {"red", "blue"});
        Dataset tgt = data(new double[] {40, 50}, new String[] {"red", null});
        TabularEncoding e = TabularEncoding.fit(List.of("age", "colour"), ref, tgt);
        // pooled age: mean 35, population sd sqrt((225 + 25 + 25 + 225) / 4) = sqrt(125)
        // colours by frequency: red (2), blue (1)
        assertThat(e.features()).containsExactly("age", "colour=red", "colour=blue");
        double sd = Math.sqrt(125);
        double[] r = e.encode(ref);
        assertThat(r[0]).isCloseTo(-15 / sd, within(1e-12));
        assertThat(new double[] {r[1], r[2]}).containsExactly(1, 0);
        assertThat(r[3]).isCloseTo(-5 / sd, within(1e-12));
        assertThat(new double[] {r[4], r[5]}).containsExactly(0, 1);
        double[] t = e.encode(tgt);
        assertThat(t[3]).isCloseTo(15 / sd, within(1e-12));
        // a missing category encodes as all zeros
        assertThat(new double[] {t[4], t[5]}).containsExactly(0, 0);
    }

    @Test
    void rareCategoriesShareOneOtherFeature() {
        int n = TabularEncoding.MAX_CATEGORIES + 5;
        String[] cats = new String[n + 1];
        double[] ages = new double[n + 1];
        for (int i = 0; i < n; i++) {
            cats[i] = "c" + i;
        }
        cats[n] = "c0"; // c0 is the most frequent
        Dataset d = data(ages, cats);
        TabularEncoding e = TabularEncoding.fit(List.of("colour"), d);
        assertThat(e.features()).hasSize(TabularEncoding.MAX_CATEGORIES);
        assertThat(e.features().get(0)).isEqualTo("colour=c0");
        assertThat(e.features().get(TabularEncoding.MAX_CATEGORIES - 1)).isEqualTo("colour=(other)");
        double[] x = e.encode(d);
        // the 6 rarest of the 34 single categories (sorted by name after c0) fall into "(other)"
        int other = 0;
        for (int i = 0; i <= n; i++) {
            other += (int) x[i * TabularEncoding.MAX_CATEGORIES + TabularEncoding.MAX_CATEGORIES - 1];
        }
        assertThat(other).isEqualTo(n - (TabularEncoding.MAX_CATEGORIES - 1));
    }
}
