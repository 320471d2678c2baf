package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;
import static org.shiftscope.app.CliRun.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.app.CliRun.Result;

/** The CLI end to end on the real files: reading, splitting, errors, help and the demo scenarios. */
class CliTest {

    /** Every command's JSON names its shape first, so a script can check what it reads. */
    @Test
    void everyJsonOutputStartsWithItsSchema(@TempDir Path dir) throws Exception {
        String[][] commands = {
            {"inspect", shared("breast-cancer-wisconsin.csv")},
            {"split", "--demo", "mixture-ring"},
            {"detect", "--demo", "mixture-ring", "--permutations", "20"},
            {"ot", "--demo", "mixture-ring", "--demo-rows", "200"},
            {"explain", "--demo", "mixture-ring", "--demo-rows", "200", "--kmax", "2"},
            {"map", "--demo", "mixture-ring", "--demo-rows", "200", "--no-tests"},
            {"demo", "--list"},
            {"demo", "--scenario", "mixture-ring", "--sweep", "0"},
            {"demo", "--scenario", "mixture-ring", "--out", dir.resolve("ring").toString()},
            {"audit", "--data", shared("compas-two-years.csv"), "--label", "two_year_recid", "--prediction",
                "decile_score", "--threshold", "5", "--group", "sex", "--resamples", "0"},
            {"runs"},
        };
        String[] schemas = {"inspect", "split", "detect", "ot", "explain", "map", "demo-list", "demo-sweep", "demo",
            "audit", "runs"};
        for (int i = 0; i < commands.length; i++) {
            String[] args = java.util.Arrays.copyOf(commands[i], commands[i].length + 2);
            args[args.length - 2] = "--format";
            args[args.length - 1] = "json";
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", commands[i]) + ": " + r.err()).isZero();
            JsonNode j = r.json();
            assertThat(j.fieldNames().next()).as(commands[i][0]).isEqualTo("schema");
            assertThat(j.get("schema").asText()).isEqualTo("shiftscope/" + schemas[i] + "/v1");
        }
    }

    @Test
    void inspectAdult() throws Exception {
        Result r = run("inspect", shared("adult.csv"), "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("rows").asInt()).isEqualTo(32561);
        assertThat(j.get("columns")).hasSize(15);
        for (JsonNode c : j.get("columns")) {
            int expected = switch (c.get("name").asText()) {
                case "workclass" -> 1836;
                case "occupation" -> 1843;
                case "native-country" -> 583;
                default -> 0;
            };
            assertThat(c.get("missing").asInt()).as(c.get("name").asText()).isEqualTo(expected);
            assertThat(c.get("type").asText()).isIn("numeric", "categorical");
        }
    }

    @Test
    void splitAdultBySex() throws Exception {
        Result r = run("split", "--data", shared("adult.csv"), "--reference-where", "sex=Male",
                "--target-where", "sex=Female", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        assertThat(j.at("/reference/rows").asInt()).isEqualTo(21790);
        assertThat(j.at("/target/rows").asInt()).isEqualTo(10771);
        assertThat(j.at("/reference/rows_used").asInt()).isEqualTo(20380);
        assertThat(j.get("columns")).hasSize(14);
    }

    @Test
    void splitBreastCancerByClassWithChosenColumns() throws Exception {
        Result r = run("split", "--data", shared("breast-cancer-wisconsin.csv"), "--reference-where", "class=2",
                "--target-where", "class=4", "--columns", "clump_thickness,bare_nuclei", "--format", "json");
        JsonNode j = r.json();
        assertThat(j.at("/reference/rows").asInt()).isEqualTo(458);
        assertThat(j.at("/target/rows_used").asInt()).isEqualTo(239);
    }

    @Test
    void errorsAreOneLineWithExitCodeTwo(@TempDir Path dir) throws Exception {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        for (String[] args : new String[][] {
                {"inspect", ragged.toString()},
                {"inspect", dir.resolve("missing.csv").toString()},
                {"split", "--data", ragged.toString(), "--reference-where", "a=1"},
                {"split", "--data", ragged.toString(), "--reference-where", "zz=1", "--target-where", "a=3"},
                {"split", "--demo", "nope"},
                {"inspect", ragged.toString(), "--format", "xml"},
                {"frobnicate"},
                {"snapshot"}}) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").hasLineCount(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(run("inspect", ragged.toString()).err())
                .isEqualTo("error: ragged.csv, line 3: expected 2 fields (as on line 1), found 1\n");
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("inspect", "split", "snapshot");
        Result version = run("--version");
        assertThat(version.out().strip()).isEqualTo("ShiftScope 0.1.0");
    }

    @Test
    void inspectNpyAndTextFormat(@TempDir Path dir) throws Exception {
        Result r = run("inspect", shared("breast-cancer-wisconsin.csv"));
        assertThat(r.out()).contains("699 rows, 11 columns").contains("bare_nuclei").contains("16 missing");
    }

    @Test
    void demoListsWritesAndReopensTheClassroomScenarios(@TempDir Path dir) throws Exception {
        Result list = run("demo", "--list", "--format", "json");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.json().get("scenarios")).hasSize(org.shiftscope.workflow.lab.LabAnalysis.scenarios().size());
        // label shift at half intensity: class 1 is 50 + 45 x 0.5 = 72.5 % of the target (2,000 rows: se 0.01)
        Path tables = dir.resolve("prior");
        Result prior = run("demo", "--scenario", "label-prior", "--intensity", "0.5", "--rows", "2000", "--out",
                tables.toString(), "--format", "json");
        assertThat(prior.code()).as(prior.err()).isZero();
        java.util.List<String> target = Files.readAllLines(tables.resolve("target.csv"));
        assertThat(target.get(0)).isEqualTo("x1,x2,label");
        long ones = target.stream().skip(1).filter(l -> l.endsWith(",1")).count();
        assertThat(ones / 2000.0).isCloseTo(0.725, org.assertj.core.api.Assertions.within(0.04));
        // the written project opens like any other: a two-file split over the CSVs
        org.shiftscope.workflow.project.Project p = org.shiftscope.workflow.project.ProjectStore.load(Path.of(
                prior.json().get("project").asText()));
        assertThat(p.split().source()).isInstanceOf(org.shiftscope.workflow.SplitSource.TwoFiles.class);
        // images: one folder per side, one subfolder per label, every image readable again
        Path images = dir.resolve("colour");
        Result colour = run("demo", "--scenario", "spurious-colour", "--rows", "300", "--out", images.toString());
        assertThat(colour.code()).as(colour.err()).isZero();
        Result inspect = run("inspect", images.resolve("target").toString(), "--format", "json");
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.json().get("rows").asInt()).isEqualTo(300);
        // every analysis takes a scenario at an intensity directly
        Result ot = run("ot", "--demo", "covariate-mean", "--demo-intensity", "0.5", "--demo-rows", "400",
                "--columns", "x1,x2", "--format", "json");
        assertThat(ot.code()).as(ot.err()).isZero();
        // x1 moves by 1.5: W2^2 is at least the squared mean shift, 2.25 (and not far above for equal shapes)
        assertThat(ot.json().get("w2sq").asDouble()).isBetween(2.0, 2.8);
        // a sweep prints the Lab's frames: concept shift takes the classifier from its reference accuracy to a coin
        // (the boundary turned 90 degrees disagrees with the old one on half the plane)
        Result sweep = run("demo", "--scenario", "concept-rotation", "--sweep", "0,1", "--format", "json");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        JsonNode frames = sweep.json().get("frames");
        assertThat(frames.get(0).get("target_accuracy").asDouble()).isGreaterThan(0.93);
        assertThat(frames.get(1).get("target_accuracy").asDouble()).isCloseTo(0.5,
                org.assertj.core.api.Assertions.within(0.07));
        Result bad = run("demo", "--scenario", "two-moons", "--intensity", "2", "--out", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("intensity runs from 0 (no shift) to 1, not 2.0");
    }
}
