package org.shiftscope.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.SharedData;

/** Expected counts come from split_counts.py (test resources), an independent Python reading of the files. */
class SplitBuilderTest {

    private final SplitBuilder builder = new SplitBuilder(new DatasetCatalog());

    private static Path shared(String name) {
        return SharedData.file(name);
    }

    private Split split(Path data, String ref, String tgt, MissingPolicy policy) {
        SplitDefinition def = new SplitDefinition(new SplitSource.FilteredFile(data, ref, tgt), List.of(), policy);
        return builder.build(def, TaskMonitor.NONE);
    }

    @Test
    void anEmptySideNamesItsFileAndFilter(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> split(shared("adult.csv"), "sex=Male", "sex=Martian", MissingPolicy.DROP))
                .isInstanceOf(DataException.class)
                .hasMessage("adult.csv: no row matches the target filter 'sex=Martian'");
        Path header = dir.resolve("header_only.csv");
        Files.writeString(header, "a,b\n");
        SplitDefinition two = new SplitDefinition(new SplitSource.TwoFiles(shared("adult.csv"), header), List.of(),
                MissingPolicy.DROP);
        assertThatThrownBy(() -> builder.build(two, TaskMonitor.NONE)).isInstanceOf(DataException.class)
                .hasMessage("header_only.csv: has no rows (the target is empty)");
    }

    @Test
    void adultBySex() {
        Split s = split(shared("adult.csv"), "sex=Male", "sex=Female", MissingPolicy.DROP);
        assertThat(s.referenceRows()).isEqualTo(21790);
        assertThat(s.targetRows()).isEqualTo(10771);
        assertThat(s.reference().rowCount()).isEqualTo(20380);
        assertThat(s.target().rowCount()).isEqualTo(9782);
        assertThat(s.referenceDropped()).isEqualTo(1410);
        assertThat(s.columns()).hasSize(14).doesNotContain("sex");
    }

    @Test
    void breastCancerByClass() {
        Split s = split(shared("breast-cancer-wisconsin.csv"), "class=2", "class=4", MissingPolicy.DROP);
        assertThat(List.of(s.referenceRows(), s.targetRows(), s.reference().rowCount(), s.target().rowCount()))
                .containsExactly(458, 241, 444, 239);
    }

    @Test
    void failPolicyNamesColumnSideAndRow() {
        assertThatThrownBy(() -> split(shared("breast-cancer-wisconsin.csv"), "class=2", "class=4", MissingPolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessageMatching("breast-cancer-wisconsin\\.csv: column 'bare_nuclei' has 14 missing values in the"
                        + " reference \\(breast-cancer-wisconsin\\.csv where class=2\\), the first in its row \\d+;.*");
    }

    @Test
    void explicitColumnsAvoidMissingOnes() {
        SplitDefinition def = new SplitDefinition(new SplitSource.FilteredFile(shared("adult.csv"), "sex=Male",
                "sex=Female"), List.of("age", "hours-per-week"), MissingPolicy.FAIL);
        Split s = builder.build(def, TaskMonitor.NONE);
        assertThat(s.reference().rowCount()).isEqualTo(21790);
        assertThat(s.reference().columnNames()).containsExactly("age", "hours-per-week");
    }

    @Test
    void columnMissingFromTargetIsNamed(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("reference_xyz.csv");
        Path tgt = dir.resolve("target_missing_column.csv");
        Files.writeString(ref, "x,y,z\n1,2,3\n4,5,6\n");
        Files.writeString(tgt, "x,y\n1,2\n3,4\n");
        SplitDefinition def = new SplitDefinition(new SplitSource.TwoFiles(ref, tgt), List.of(), MissingPolicy.DROP);
        assertThatThrownBy(() -> builder.build(def, TaskMonitor.NONE))
                .hasMessage("target_missing_column.csv: column 'z' of the reference (reference_xyz.csv) is missing"
                        + " from the target (its columns: x, y)");
    }

    @Test
    void numericInOneFileAndTextInTheOtherIsReported(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("a.csv");
        Path tgt = dir.resolve("b.csv");
        Files.writeString(ref, "x\n1\n2\n");
        Files.writeString(tgt, "x\nlow\nhigh\n");
        SplitDefinition def = new SplitDefinition(new SplitSource.TwoFiles(ref, tgt), List.of(), MissingPolicy.DROP);
        assertThatThrownBy(() -> builder.build(def, TaskMonitor.NONE))
                .hasMessage("column 'x' is numeric in a.csv but categorical in b.csv; both sides must hold the same kind of values");
    }

    @Test
    void demoSplitHasBothSides() {
        Split s = builder.build(SplitDefinition.demo(), TaskMonitor.NONE);
        assertThat(s.reference().rowCount()).isEqualTo(1500);
        assertThat(s.columns()).containsExactly("x", "y", "component");
    }
}
