package org.shiftscope.workflow;

import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.core.MissingPolicy;

class ProjectStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryFieldAndStoresRelativePaths() throws Exception {
        Project p = new Project(new SplitDefinition(new SplitSource.FilteredFile(dir.resolve("data/adult.csv"),
                "sex=Male", "sex=Female"), List.of("age", "race"), MissingPolicy.FAIL), "explain");
        Path file = dir.resolve("my.shiftscope.json");
        ProjectStore.save(p, file);
        assertThat(Files.readString(file)).contains("\"data\" : \"data/adult.csv\"");
        assertThat(ProjectStore.load(file)).isEqualTo(p);
        try (var s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactly("my.shiftscope.json"); // no temporary file left behind
        }
        Project demo = Project.demo();
        ProjectStore.save(demo, file);
        assertThat(ProjectStore.load(file)).isEqualTo(demo);
    }

    @Test
    void theExplanationsTreatmentOfMixedDataRoundTripsAndOldProjectsKeepTheirs() throws Exception {
        Project demo = Project.demo();
        org.shiftscope.workflow.explain.ExplainSettings mixed = new org.shiftscope.workflow.explain.ExplainSettings(
                org.shiftscope.transport.ExplanationMethod.KCLUSTER, 4, TransportAnalysis.Standardize.REFERENCE,
                TransportAnalysis.Solver.EXACT, 3, false, new org.shiftscope.workflow.explain.ExplainRequest.Mixed(true,
                org.shiftscope.transport.Pairing.REFERENCE, 7));
        Project p = new Project(demo.split(), "explain", demo.map(), demo.audit(), mixed, demo.slices());
        Path file = dir.resolve("m.shiftscope.json");
        ProjectStore.save(p, file);
        assertThat(Files.readString(file)).contains("\"pairing\" : \"reference\"").contains("\"repeats\" : 7")
                .contains("\"standardize\" : \"reference\"");
        assertThat(ProjectStore.load(file).explain()).isEqualTo(mixed);
        // a project saved before the treatment existed is read as it was computed then
        String old = Files.readString(file).replace("\"discrete\" : true,", "").replace("\"pairing\" : \"reference\",", "")
                .replace("\"repeats\" : 7", "\"x_unused\" : 0");
        Files.writeString(file, old);
        assertThat(ProjectStore.load(file).explain().mixed())
                .isEqualTo(org.shiftscope.workflow.explain.ExplainRequest.Mixed.continuous());
    }

    @Test
    void anImageTableAndAModelsPreprocessingRoundTrip() throws Exception {
        SplitDefinition def = new SplitDefinition(new SplitSource.FilteredFile(dir.resolve("waterbirds/metadata.csv"),
                "split=0", "split=2"), java.util.List.of("y", "place"), org.shiftscope.core.MissingPolicy.DROP, null,
                new SplitDefinition.ImageColumn("img_filename", dir.resolve("waterbirds/images")));
        org.shiftscope.core.ImagePreprocessing bgr = new org.shiftscope.core.ImagePreprocessing(224, true, 0, 3, true,
                true, true, new double[] {103.939, 116.779, 123.68}, new double[] {1});
        MapSettings m = MapSettings.defaults().withPreprocess(bgr);
        Project p = new Project(def, "map", new MapSettings(MapSettings.Source.MODEL, dir.resolve("resnet.onnx"),
                null, m.method(), m.clustering(), m.standardize(), 0, org.shiftscope.core.ImagePreprocessing.IMAGENET));
        Path file = dir.resolve("w.shiftscope.json");
        ProjectStore.save(p, file);
        assertThat(Files.readString(file)).contains("\"column\" : \"img_filename\"")
                .contains("\"root\" : \"waterbirds/images\"").contains("\"preset\" : \"imagenet\"");
        assertThat(ProjectStore.load(file)).isEqualTo(p);
        Project custom = new Project(def, "map", m);
        ProjectStore.save(custom, file);
        assertThat(ProjectStore.load(file).map().preprocess()).isEqualTo(bgr);
    }

    @Test
    void mapSettingsRoundTripAndFilesWithoutAMapHaveNone() throws Exception {
        MapSettings m = new MapSettings(MapSettings.Source.MODEL, dir.resolve("models/net.onnx"), null,
                org.shiftscope.projection.Projector.Method.UMAP,
                new MapAnalysis.Clustering(MapAnalysis.Clustering.Method.DBSCAN, 5, 0.75, 7),
                TransportAnalysis.Standardize.NONE, 3);
        Project p = new Project(SplitDefinition.demo(), "map", m);
        Path file = dir.resolve("m.shiftscope.json");
        ProjectStore.save(p, file);
        assertThat(Files.readString(file)).contains("\"file\" : \"models/net.onnx\"").contains("\"eps\" : 0.75");
        assertThat(ProjectStore.load(file)).isEqualTo(p);
        // automatic eps (NaN) is left out of the file and comes back automatic
        Project auto = new Project(SplitDefinition.demo(), "map", new MapSettings(MapSettings.Source.ENCODER, null,
                "label", org.shiftscope.projection.Projector.Method.TSNE,
                new MapAnalysis.Clustering(MapAnalysis.Clustering.Method.GMM, 4, Double.NaN, 10),
                TransportAnalysis.Standardize.ZSCORE, 0));
        ProjectStore.save(auto, file);
        assertThat(Files.readString(file)).doesNotContain("eps");
        assertThat(ProjectStore.load(file)).isEqualTo(auto);
        // fitted on every point, or on a count; absent means the preview sample
        for (int fit : new int[] {org.shiftscope.projection.Projector.ALL, 5000}) {
            Project all = new Project(SplitDefinition.demo(), "map", m.withFit(fit));
            ProjectStore.save(all, file);
            assertThat(Files.readString(file)).contains(fit == org.shiftscope.projection.Projector.ALL
                    ? "\"fit\" : \"all\"" : "\"fit\" : 5000");
            assertThat(ProjectStore.load(file).map().fit()).isEqualTo(fit);
        }
        Files.writeString(file, Files.readString(file).replace("\"fit\" : 5000", "\"fit\" : -4"));
        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(org.shiftscope.core.DataException.class)
                .hasMessageContaining("m.shiftscope.json").hasMessageContaining("the map's \"fit\" is -4");
        Path old = dir.resolve("v1.shiftscope.json");
        Files.copy(Path.of(getClass().getResource("/projects/v1-two-files.shiftscope.json").toURI()), old);
        // a file without a map has none (the report leaves the section out); the view opens on the defaults
        assertThat(ProjectStore.load(old).map()).isNull();
        assertThat(ProjectStore.load(old).mapSettings()).isEqualTo(MapSettings.defaults());
    }

    @Test
    void version1FixtureStillOpens() throws Exception {
        Path file = dir.resolve("v1.shiftscope.json");
        Files.copy(Path.of(getClass().getResource("/projects/v1-two-files.shiftscope.json").toURI()), file);
        Project p = ProjectStore.load(file);
        SplitSource.TwoFiles src = (SplitSource.TwoFiles) p.split().source();
        assertThat(src.reference()).isEqualTo(dir.resolve("ref.csv"));
        assertThat(src.target()).isEqualTo(Path.of("/data/target.csv"));
        assertThat(p.split().missing()).isEqualTo(MissingPolicy.DROP);
    }

    @Test
    void brokenFilesGetLineAndReason() throws Exception {
        Path file = dir.resolve("bad.shiftscope.json");
        Files.writeString(file, "{\n  \"format\": \"shiftscope-project\",\n  \"version\": 1,,\n}");
        assertThatThrownBy(() -> ProjectStore.load(file)).hasMessageStartingWith("bad.shiftscope.json, line 3, column");
        Files.writeString(file, "{\"format\": \"shiftscope-project\", \"version\": 7, \"split\": {}}");
        assertThatThrownBy(() -> ProjectStore.load(file)).hasMessage(
                "bad.shiftscope.json: written by a newer ShiftScope (project format 7; this version reads up to 1)");
        Files.writeString(file, "[1,2]");
        assertThatThrownBy(() -> ProjectStore.load(file)).hasMessageContaining("not a ShiftScope project");
    }

    @Test
    void aSettingOfTheWrongKindOrOutOfRangeIsAnErrorNamingTheFile() throws Exception {
        String demo = "{\"format\": \"shiftscope-project\", \"version\": 1, \"split\": {\"kind\": \"demo\","
                + " \"scenario\": \"mixture-ring\", \"rows\": %s, \"columns\": [], \"missing\": \"drop\"}}";
        Path file = dir.resolve("p.shiftscope.json");
        Files.writeString(file, String.format(demo, "\"three\""));
        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(DataException.class)
                .hasMessage("p.shiftscope.json: \"rows\" is 'three', not a whole number");
        Files.writeString(file, String.format(demo, "2147483647"));
        assertThatThrownBy(() -> ProjectStore.load(file))
                .hasMessage("p.shiftscope.json: demo rows must lie in 1..5,000,000, not 2,147,483,647");
        Files.writeString(file, String.format(demo, "1e3"));
        assertThatThrownBy(() -> ProjectStore.load(file))
                .hasMessage("p.shiftscope.json: \"rows\" is 1000.0, not a whole number");
        Files.writeString(file, String.format(demo, "300"));
        assertThat(((SplitSource.Demo) ProjectStore.load(file).split().source()).rows()).isEqualTo(300);
    }
}
