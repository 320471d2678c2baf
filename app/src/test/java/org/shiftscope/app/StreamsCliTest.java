package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** - as a file: standard input for the data options, standard output for --out. */
class StreamsCliTest {

    @AfterEach
    void restore() {
        StdinPath.in = System.in;
    }

    private static void stdin(String text) {
        StdinPath.in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dataComeFromStandardInput() throws Exception {
        StringBuilder csv = new StringBuilder("side,x\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 2 == 0 ? "r" : "t").append(',').append(i % 2 == 0 ? i : i + 100).append('\n');
        }
        stdin(csv.toString());
        CliRun.Result r = run("detect", "--data", "-", "--reference-where", "side=r", "--target-where", "side=t",
                "--permutations", "0", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        // x: 0, 2, ..., 38 against 101, 103, ..., 139: every target value above every reference one (KS D = 1)
        assertThat(r.json().get("univariate").get(0).get("statistic").asDouble()).isEqualTo(1.0);
        stdin("{\"a\": 1}\n{\"a\": 2}\n");
        CliRun.Result json = run("inspect", "-");
        assertThat(json.out()).contains("stdin.jsonl (json): 2 rows, 1 columns");
        stdin("a,b\n1\n");
        CliRun.Result bad = run("inspect", "-");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: stdin.csv, line 2: expected 2 fields (as on line 1), found 1\n");
        stdin("a\n1\n");
        CliRun.Result twice = run("detect", "--reference", "-", "--target", "-");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("standard input can be read once");
    }

    @Test
    void outputsGoToStandardOutput() {
        CliRun.Result map = run("map", "--demo", "mixture-ring", "--no-tests", "--clusters", "3", "--out", "-");
        assertThat(map.code()).as(map.err()).isZero();
        String[] lines = map.out().split("\n");
        assertThat(lines[0]).isEqualTo("side,row,x,y,cluster");
        assertThat(lines).hasSize(1 + 3000);
        assertThat(map.err()).contains("reference x").contains("target points"); // the summary, out of the way
        CliRun.Result report = run("report", "--demo", "mixture-ring", "--out", "-");
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        CliRun.Result embed = run("embed", "--data", "x.csv", "--text", "x", "--out", "-");
        assertThat(embed.code()).isEqualTo(2);
        assertThat(embed.err()).contains("embed writes a binary .npy array");
    }

    @Test
    void completionCoversEveryCommandAndOption() {
        CliRun.Result r = run("completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("function _picocli_shiftscope_check()")
                .contains("--fail-on").contains("--image-column");
    }
}
