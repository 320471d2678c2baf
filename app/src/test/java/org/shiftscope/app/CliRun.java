package org.shiftscope.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.shiftscope.io.SharedData;

/** Runs the CLI in process for the CLI tests, capturing its exit code and both streams. */
final class CliRun {

    /** The test models of the embedding module (ONNX, TorchScript, with the scripts that made them). */
    static final Path MODELS = Path.of("../modules/embedding/src/test/resources/models");

    private CliRun() {
    }

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String shared(String name) {
        return SharedData.file(name).toString();
    }

    /** A group's metric in an audit's JSON. */
    static double value(JsonNode audit, String group, String metric) {
        for (JsonNode g : audit.get("groups")) {
            if (g.get("group").asText().equals(group)) {
                return g.get(metric).asDouble();
            }
        }
        throw new AssertionError(group);
    }
}
