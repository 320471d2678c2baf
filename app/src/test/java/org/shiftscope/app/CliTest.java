package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.io.SharedData;

/** The CLI end to end, on the real files: the numbers the foundation issue names. */
class CliTest {

    private record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String shared(String name) {
        return SharedData.file(name).toString();
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
}
