package org.shiftscope.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** JSON output of the CLI: one pretty-printed object per command, its schema id first. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The schema id of a command's output: {@code shiftscope/<output>/v1}. */
    static String schema(String output) {
        return "shiftscope/" + output + "/v" + VERSION;
    }

    /** Version of every CLI output's shape; a field that changes meaning or goes away raises it. */
    static final int VERSION = 1;

    /**
     * Prints a command's output with its {@code "schema"} first ({@link #schema}), so scripts and CI gates can check
     * which shape they read; an output that carries its own schema (adapt's run record) keeps it.
     */
    static void print(PrintWriter out, String output, ObjectNode node) {
        if (node.has("schema")) {
            print(out, node);
            return;
        }
        ObjectNode withSchema = object();
        withSchema.put("schema", schema(output));
        withSchema.setAll(node);
        print(out, withSchema);
    }

    private static void print(PrintWriter out, ObjectNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree cannot fail to serialise", e);
        }
    }
}
