package org.shiftscope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields a desktop command's published schema (docs/schemas/NAME.schema.json) requires, looked up in a spark
 * command's output: at the top, in each object property and in each item of each list property, one level deep.
 * The desktop's own outputs are checked in full by the app's JsonSchemaTest; this checks the Spark ones print the
 * same shapes.
 */
final class SchemaFields {

    private SchemaFields() {
    }

    static List<String> missing(String name, JsonNode output) throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Path.of("../../docs/schemas/" + name + ".schema.json").toFile());
        List<String> out = new ArrayList<>();
        check(schema, output, name, out);
        schema.path("properties").fields().forEachRemaining(p -> {
            JsonNode value = output.path(p.getKey());
            JsonNode s = p.getValue();
            if (value.isObject()) {
                check(s, value, name + "." + p.getKey(), out);
            } else if (value.isArray() && s.path("items").isObject()) {
                for (JsonNode item : value) {
                    check(s.path("items"), item, name + "." + p.getKey() + "[]", out);
                }
            }
        });
        return out;
    }

    private static void check(JsonNode schema, JsonNode value, String where, List<String> out) {
        for (JsonNode field : schema.path("required")) {
            if (!value.has(field.asText())) {
                out.add(where + "." + field.asText());
            }
        }
    }
}
