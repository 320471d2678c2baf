package org.shiftscope.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON Schemas (the draft 2020-12 subset of type, properties, required and items) of the CLI's outputs: inferred
 * from sample outputs (a field in every sample is required; a type seen anywhere is allowed), and checked against.
 */
final class JsonShapes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonShapes() {
    }

    /** The schema every sample fits. */
    static ObjectNode infer(List<JsonNode> samples) {
        ObjectNode s = JSON.createObjectNode();
        TreeSet<String> types = new TreeSet<>();
        List<JsonNode> objects = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode n : samples) {
            types.add(type(n));
            if (n.isObject()) {
                objects.add(n);
            } else if (n.isArray()) {
                n.forEach(items::add);
            }
        }
        if (types.contains("integer") && types.contains("number")) {
            types.remove("integer");
        }
        if (types.contains("number")) {
            types.add("null"); // a number that cannot be computed (NaN) is written as null
        }
        if (types.size() == 1) {
            s.put("type", types.first());
        } else {
            ArrayNode t = s.putArray("type");
            types.forEach(t::add);
        }
        if (!objects.isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            objects.forEach(o -> o.fieldNames().forEachRemaining(names::add));
            ObjectNode props = s.putObject("properties");
            ArrayNode required = JSON.createArrayNode();
            for (String name : names) {
                List<JsonNode> values = new ArrayList<>();
                boolean everywhere = true;
                for (JsonNode o : objects) {
                    if (o.has(name)) {
                        values.add(o.get(name));
                    } else {
                        everywhere = false;
                    }
                }
                props.set(name, infer(values));
                if (everywhere) {
                    required.add(name);
                }
            }
            if (!required.isEmpty()) {
                s.set("required", required);
            }
        }
        if (!items.isEmpty()) {
            s.set("items", infer(items));
        }
        return s;
    }

    private static String type(JsonNode n) {
        return n.isObject() ? "object" : n.isArray() ? "array" : n.isTextual() ? "string" : n.isBoolean() ? "boolean"
                : n.isIntegralNumber() ? "integer" : n.isNumber() ? "number" : "null";
    }

    /** Where {@code node} does not fit {@code schema}: one line per misfit ("$.clusters[0].trend: ..."). */
    static List<String> misfits(JsonNode schema, JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        JsonNode t = schema.get("type");
        if (t != null) {
            List<String> allowed = new ArrayList<>();
            if (t.isArray()) {
                t.forEach(x -> allowed.add(x.asText()));
            } else {
                allowed.add(t.asText());
            }
            String actual = type(node);
            boolean fits = allowed.contains(actual) || (actual.equals("integer") && allowed.contains("number"));
            if (!fits) {
                out.add(at + ": " + actual + ", expected " + allowed);
                return out;
            }
        }
        if (node.isObject()) {
            JsonNode required = schema.get("required");
            if (required != null) {
                for (JsonNode r : required) {
                    if (!node.has(r.asText())) {
                        out.add(at + ": missing \"" + r.asText() + "\"");
                    }
                }
            }
            JsonNode props = schema.get("properties");
            if (props != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode p = props.get(e.getKey());
                    if (p != null) {
                        out.addAll(misfits(p, e.getValue(), at + "." + e.getKey()));
                    }
                }
            }
        }
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(misfits(schema.get("items"), node.get(i), at + "[" + i + "]"));
            }
        }
        return out;
    }
}
