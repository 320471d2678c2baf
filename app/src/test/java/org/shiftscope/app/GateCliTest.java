package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;

/** Gates: a failed one exits 1 with one line per gate, so a pipeline stops; check runs a project's gates. */
class GateCliTest {

    @Test
    void detectAndExplainGatesStopAPipeline() throws Exception {
        // the mixture ring moves in x and y (detect finds drift); W2^2 = 99.96 (the OT tests' value)
        CliRun.Result drift = run("detect", "--demo", "mixture-ring", "--fail-on", "drift", "--permutations", "0");
        assertThat(drift.code()).isEqualTo(1);
        assertThat(drift.err()).isEqualTo("gate failed: drift: drift in 2 of 3 columns (x, y)\n");
        CliRun.Result json = run("explain", "--demo", "mixture-ring", "--fail-on", "w2sq>50", "--kmax", "1",
                "--standardize", "none", "--format", "json");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.json().get("gates").get(0).get("failed").asBoolean()).isTrue();
        assertThat(json.err()).startsWith("gate failed: w2sq>50: W2^2 = 99.96");
        CliRun.Result pass = run("explain", "--demo", "mixture-ring", "--fail-on", "w2sq>500", "--kmax", "1",
                "--standardize", "none");
        assertThat(pass.code()).as(pass.err()).isZero();
        assertThat(pass.err()).isEmpty();
        CliRun.Result bad = run("detect", "--demo", "mixture-ring", "--fail-on", "w2sq>1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: detect's gates are drift, mmd and classifier, not 'w2sq>1'"
                + " (--fail-on)\n");
    }

    @Test
    void checkRunsAProjectsGatesAndSavesThem(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.shiftscope.json");
        // explained in raw units, where the ring's W2^2 is the OT tests' 99.96
        Project demo = Project.demo();
        ProjectStore.save(new Project(demo.split(), demo.view(), demo.map(), demo.audit(),
                org.shiftscope.workflow.explain.ExplainSettings.defaults().with(
                        org.shiftscope.workflow.TransportAnalysis.Standardize.NONE, 0), demo.slices()), p);
        CliRun.Result none = run("check", "--project", p.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("error: the project has no gates to check");
        CliRun.Result first = run("check", "--project", p.toString(), "--detect", "drift", "--explain", "w2sq>500",
                "--save");
        assertThat(first.code()).isEqualTo(1);
        assertThat(first.out()).contains("FAIL  detect   drift").contains("pass  explain  w2sq>500");
        assertThat(first.err()).isEqualTo("gate failed: 1 of 2 gates of p.shiftscope.json\n");
        // saved: the project alone repeats the check, the numbers the same
        assertThat(Files.readString(p)).contains("\"detect\" : [ \"drift\" ]");
        CliRun.Result again = run("check", "--project", p.toString(), "--format", "json");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.json().get("gates")).hasSize(2);
        assertThat(again.json().get("gates").get(1).get("reason").asText()).startsWith("W2^2 = 99.96");
    }
}
