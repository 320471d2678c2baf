package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JSON output fits the schema docs/schemas/&lt;output&gt;.schema.json publishes for it, and carries its
 * schema id. The schemas were inferred from these samples; {@code -Dshiftscope.writeSchemas=true} writes them anew
 * (after a change of shape, with the schema version raised where a field changed meaning or went away).
 */
class JsonSchemaTest {

    private static final Path SCHEMAS = Path.of("../docs/schemas");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;

    private final Map<String, List<JsonNode>> samples = new LinkedHashMap<>();

    private void sample(String... args) throws Exception {
        CliRun.Result r = run(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isIn(0, 1);
        JsonNode j = r.json();
        String schema = j.get("schema").asText();
        assertThat(schema).matches("shiftscope/[a-z-]+/v[0-9]+");
        samples.computeIfAbsent(schema.split("/")[1], k -> new ArrayList<>()).add(j);
    }

    @Test
    void everyOutputFitsItsPublishedSchema() throws Exception {
        Path csv = dir.resolve("groups.csv");
        StringBuilder t = new StringBuilder("side,g,y,p,x,z,note\n");
        for (int i = 0; i < 80; i++) {
            t.append(i % 2 == 0 ? "r" : "t").append(',').append(i % 3 == 0 ? "A" : "B").append(',')
                    .append(i % 4 < 2 ? 1 : 0).append(',').append(i % 5 < 2 ? 1 : 0).append(',')
                    .append(i * (i % 2 == 0 ? 1.0 : 1.5)).append(',').append(i % 3).append(",note ").append(i % 7).append('\n');
        }
        Files.writeString(csv, t);
        String[] split = {"--data", csv.toString(), "--reference-where", "side=r", "--target-where", "side=t"};
        sample("inspect", csv.toString(), "--format", "json");
        sample(concat(new String[] {"split"}, split, "--format", "json"));
        sample("ot", "--demo", "mixture-ring", "--demo-rows", "300", "--format", "json");
        sample("explain", "--demo", "mixture-ring", "--demo-rows", "300", "--kmax", "2", "--format", "json");
        sample("explain", "--demo", "mixture-ring", "--demo-rows", "300", "--kmax", "2", "--exemplars", "2",
                "--fail-on", "w2sq>1", "--format", "json");
        sample("explain", "--demo", "mixture-ring", "--demo-rows", "300", "--method", "ksparse-ot", "--kmax", "2",
                "--format", "json");
        sample("detect", "--demo", "mixture-ring", "--demo-rows", "300", "--permutations", "20", "--format", "json");
        sample("detect", "--demo", "mixture-ring", "--demo-rows", "300", "--permutations", "0", "--fail-on",
                "drift", "--format", "json");
        sample("map", "--demo", "mixture-ring", "--demo-rows", "300", "--format", "json");
        sample("map", "--demo", "mixture-ring", "--demo-rows", "300", "--no-tests", "--clustering", "dbscan",
                "--format", "json");
        sample("map", "--demo", "mixture-ring", "--demo-rows", "300", "--encoder", "mlp", "--label", "component",
                "--epochs", "2", "--no-tests", "--format", "json");
        sample(concat(new String[] {"audit"}, split, "--label", "y", "--prediction", "p", "--positive-prediction",
                "1", "--group", "g", "--resamples", "20", "--format", "json"));
        sample("audit", "--data", csv.toString(), "--label", "y", "--prediction", "p", "--positive-prediction", "1",
                "--group", "g", "--resamples", "20", "--fail-on", "selection_rate_ratio<0.99", "--format", "json");
        sample(concat(new String[] {"audit"}, split, "--label", "y", "--prediction", "p", "--positive-prediction",
                "1", "--group", "g", "--resamples", "20", "--explain-clusters", "2", "--format", "json"));
        sample("adapt", "--demo", "mixture-ring", "--demo-rows", "300", "--label", "component", "--method", "mlls",
                "--epochs", "2", "--resamples", "20", "--format", "json");
        sample("runs", "--format", "json");
        sample("gpu", "--format", "json"); // its schema lets cudaDriver and note be strings too (a GPU machine)
        sample("demo", "--list", "--format", "json");
        sample("demo", "--scenario", "two-moons", "--rows", "50", "--out", dir.resolve("moons").toString(),
                "--format", "json");
        sample("embed", "--data", csv.toString(), "--model", CliRun.MODELS.resolve("tiny_mlp.onnx").toString(),
                "--model-input", "x,y,p,z", "--out", dir.resolve("e.npy").toString(), "--format", "json");
        Path project = dir.resolve("p.shiftscope.json");
        org.shiftscope.workflow.project.ProjectStore.save(org.shiftscope.workflow.project.Project.demo(), project);
        sample("check", "--project", project.toString(), "--detect", "drift,classifier", "--format", "json");

        boolean write = Boolean.getBoolean("shiftscope.writeSchemas");
        List<String> misfits = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : samples.entrySet()) {
            Path file = SCHEMAS.resolve(e.getKey() + ".schema.json");
            if (write) {
                ObjectNode schema = JSON.createObjectNode();
                schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
                schema.put("$id", e.getValue().get(0).get("schema").asText());
                schema.put("title", "shiftscope " + e.getKey().replace('-', ' ') + " --format json");
                schema.setAll(JsonShapes.infer(e.getValue()));
                Files.createDirectories(SCHEMAS);
                Files.writeString(file, JSON.writeValueAsString(schema) + "\n");
            }
            assertThat(file).as("docs/schemas/" + e.getKey() + ".schema.json").exists();
            JsonNode schema = JSON.readTree(file.toFile());
            for (JsonNode sample : e.getValue()) {
                assertThat(sample.get("schema").asText()).isEqualTo(schema.get("$id").asText());
                misfits.addAll(JsonShapes.misfits(schema, sample, e.getKey()));
            }
        }
        assertThat(misfits).isEmpty();
        assertThat(samples.keySet()).containsExactlyInAnyOrder("inspect", "split", "ot", "explain", "detect", "map",
                "audit", "adapt", "runs", "gpu", "demo-list", "demo", "embed", "check");
    }

    private static String[] concat(String[] a, String[] b, String... c) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        out.addAll(List.of(c));
        return out.toArray(String[]::new);
    }
}
