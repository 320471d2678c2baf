package org.shiftscope.workflow.project;

import com.fasterxml.jackson.databind.JsonNode;
import org.shiftscope.core.DataException;

/**
 * A project file's numbers and switches read strictly: a field that is absent takes its default, one that holds
 * something else ("rows": "three") is an error naming the field, never silently the default.
 */
final class ProjectFields {

    private ProjectFields() {
    }

    static int integer(JsonNode node, String field, int absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrong(field, v, "a whole number");
        }
        return v.intValue();
    }

    static long longValue(JsonNode node, String field, long absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrong(field, v, "a whole number");
        }
        return v.longValue();
    }

    static double number(JsonNode node, String field, double absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber()) {
            throw wrong(field, v, "a number");
        }
        return v.doubleValue();
    }

    static boolean bool(JsonNode node, String field, boolean absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw wrong(field, v, "true or false");
        }
        return v.booleanValue();
    }

    private static DataException wrong(String field, JsonNode v, String expected) {
        String shown = v.isTextual() ? "'" + v.asText() + "'" : v.toString();
        return DataException.of("\"" + field + "\" is " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)
                + ", not " + expected);
    }
}
