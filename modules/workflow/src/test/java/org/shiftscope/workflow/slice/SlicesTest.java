package org.shiftscope.workflow.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.projection.Projector;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.data.DataAnalysis;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.map.SubpopulationMap;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;

/** Slices: a selection's rows kept through the missing-value policy, as a group in the audit, in a project file. */
class SlicesTest {

    @TempDir
    Path dir;

    /**
     * Twelve rows, six a side; x is missing in reference row 2 and target row 4, so the split (analysing x and y)
     * drops those rows while the audit (all rows) keeps them.
     */
    private SplitDefinition definition() throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, """
                side,x,y,label,pred
                r,0.1,3,1,1
                r,0.5,1,0,1
                r,,2,1,0
                r,0.9,5,1,1
                r,1.3,2,0,0
                r,1.7,4,1,0
                t,2.1,1,0,0
                t,2.4,6,1,1
                t,2.2,2,1,1
                t,2.9,3,0,0
                t,,5,0,1
                t,3.5,1,1,1
                """);
        return new SplitDefinition(new SplitSource.FilteredFile(csv, "side=r", "side=t"), List.of("x", "y"),
                MissingPolicy.DROP, null);
    }

    private DataResult data() throws Exception {
        return DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), definition(), TaskMonitor.NONE);
    }

    private static Slice slice(int referenceRows, int targetRows) {
        return new Slice("s", new int[] {3, 1, 2}, new int[] {0, 4, 5}, referenceRows, targetRows);
    }

    private static List<String> values(Dataset d, String column) {
        org.shiftscope.core.Column c = d.requireColumn(column);
        return java.util.stream.IntStream.range(0, d.rowCount()).mapToObj(c::text).toList();
    }

    @Test
    void aSliceColumnFollowsTheRowsEachSideKeeps() throws Exception {
        DataResult d = Slices.apply(data(), List.of(slice(6, 6)));
        assertThat(values(d.sides().reference(), "slice: s")).containsExactly("out", "in", "in", "in", "out", "out");
        // the split dropped reference row 2 and target row 4 (x missing)
        assertThat(values(d.split().reference(), "slice: s")).containsExactly("out", "in", "in", "out", "out");
        assertThat(values(d.split().target(), "slice: s")).containsExactly("in", "out", "out", "out", "in");
        // never an analysed column, so no test, map or classifier sees it
        assertThat(d.split().columns()).containsExactly("x", "y");
        assertThat(d.sides().filterColumns()).contains("slice: s");
    }

    @Test
    void aMapSelectionLeadsBackToTheLoadedRows() throws Exception {
        DataResult d = data();
        MapSettings settings = new MapSettings(MapSettings.Source.COLUMNS, null, null, Projector.Method.PCA,
                MapAnalysis.Clustering.kmeans(2), TransportAnalysis.Standardize.ZSCORE, 0);
        SubpopulationMap.Mapped m = SubpopulationMap.run(d, settings, TaskMonitor.NONE);
        assertThat(m.referenceRows()).containsExactly(0, 1, 3, 4, 5);
        assertThat(m.targetRows()).containsExactly(0, 1, 2, 3, 5);
        // map points: reference 1 and 2 (rows 1 and 3), target 4 (row 5)
        Slice s = Slices.fromMap("picked", new int[] {1, 2, 5 + 4}, m, d);
        assertThat(s.reference()).containsExactly(1, 3);
        assertThat(s.target()).containsExactly(5);
        assertThat(s.describe()).isEqualTo("picked: 2 reference rows (33.3 %), 1 target rows (16.7 %)");
    }

    @Test
    void theAuditTakesASliceAsItsGroup() throws Exception {
        AuditAnalysis.Options o = new AuditAnalysis.Options("label", "1", "pred", null, List.of("1"), List.of(),
                List.of("slice: s"), null, 1, 50, 0, null);
        AuditAnalysis.SplitAudit a = AuditAnalysis.audit(definition(), new AuditAnalysis.Settings(o, null, 0),
                List.of(slice(6, 6)), TaskMonitor.NONE);
        // by hand: reference rows 1, 2, 3 decide 1, 0, 1 (2/3); rows 0, 4, 5 decide 1, 0, 0 (1/3);
        // target rows 0, 4, 5 decide 0, 1, 1 (2/3); rows 1, 2, 3 decide 1, 1, 0 (2/3). The audit keeps every row.
        Map<String, GroupFairness.Group> ref = a.reference().result().groups().stream()
                .collect(Collectors.toMap(GroupFairness.Group::name, g -> g));
        Map<String, GroupFairness.Group> tgt = a.target().result().groups().stream()
                .collect(Collectors.toMap(GroupFairness.Group::name, g -> g));
        assertThat(ref.get("in").n()).isEqualTo(3);
        assertThat(ref.get("in").values().get("selection_rate").value()).isEqualTo(2.0 / 3);
        assertThat(ref.get("out").values().get("selection_rate").value()).isEqualTo(1.0 / 3);
        assertThat(tgt.get("in").values().get("selection_rate").value()).isEqualTo(2.0 / 3);
        assertThat(tgt.get("out").values().get("selection_rate").value()).isEqualTo(2.0 / 3);
    }

    @Test
    void aSliceSavedForOtherDataIsRefusedWithItsName() throws Exception {
        assertThatThrownBy(() -> Slices.apply(data(), List.of(slice(7, 6))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("slice 's' was saved for 7 reference and 6 target rows, but the data now has 6"
                        + " and 6");
        assertThatThrownBy(() -> new Slice("s", new int[] {6}, new int[0], 6, 6))
                .hasMessageContaining("slice 's' names reference row 7 but the reference has 6 rows");
        assertThatThrownBy(() -> new Slice(" ", new int[] {1}, new int[0], 6, 6))
                .hasMessageContaining("a slice needs a name");
    }

    @Test
    void rowsAreKeptAsRanges() {
        int[] rows = {0, 1, 2, 5, 7, 8, 100};
        assertThat(Slices.ranges(rows)).isEqualTo("0-2,5,7-8,100");
        assertThat(Slices.parseRanges("0-2,5,7-8,100", 101, "reference")).containsExactly(rows);
        assertThat(Slices.parseRanges("", 10, "target")).isEmpty();
    }

    @Test
    void aProjectKeepsItsSlicesAndNamesABrokenOne() throws Exception {
        Path file = dir.resolve("p.shiftscope.json");
        Project p = new Project(definition(), "map", null, null, null, List.of(slice(6, 6)));
        ProjectStore.save(p, file);
        assertThat(Files.readString(file)).contains("\"reference\" : \"1-3\"", "\"target\" : \"0,4-5\"");
        assertThat(ProjectStore.load(file).slices()).containsExactly(slice(6, 6));
        Files.writeString(file, Files.readString(file).replace("\"1-3\"", "\"1-x\""));
        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(DataException.class)
                .hasMessageContaining("p.shiftscope.json")
                .hasMessageContaining("slices[0]: reference: '1-x' is not a row number or a range such as 3-17");
        Files.writeString(file, Files.readString(file).replace("\"1-x\"", "\"1-9\""));
        assertThatThrownBy(() -> ProjectStore.load(file))
                .hasMessageContaining("slices[0]: reference: '1-9' is not among the 6 rows the slice was saved for");
    }
}
