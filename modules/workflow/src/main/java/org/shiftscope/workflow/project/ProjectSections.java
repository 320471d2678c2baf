package org.shiftscope.workflow.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shiftscope.core.DataException;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.explain.ExplainRequest;
import org.shiftscope.workflow.explain.ExplainSettings;
import org.shiftscope.workflow.slice.Slice;
import org.shiftscope.workflow.slice.Slices;

/** The explanation's settings and the slices as a project file holds them. */
final class ProjectSections {

    private ProjectSections() {
    }

    static void explain(ObjectNode root, ExplainSettings e) {
        ObjectNode o = root.putObject("explain");
        o.put("method", e.method().id());
        o.put("kmax", e.kmax());
        o.put("standardize", e.standardize().id());
        o.put("solver", e.solver().name().toLowerCase(Locale.ROOT));
        o.put("seed", e.seed());
        o.put("on_map", e.onMap());
        o.put("discrete", e.mixed().discrete());
        o.put("pairing", e.mixed().pairing().id());
        o.put("repeats", e.mixed().repeats());
    }

    /** The explanation's settings (defaults for what is not said), or null when the file has none. */
    static ExplainSettings explain(JsonNode o, String file) {
        if (!o.isObject()) {
            return null;
        }
        ExplainSettings d = ExplainSettings.defaults();
        try {
            return new ExplainSettings(o.has("method") ? ExplanationMethod.parse(o.get("method").asText())
                    : d.method(), ProjectFields.integer(o, "kmax", d.kmax()),
                    o.has("standardize") ? TransportAnalysis.Standardize.parse(o.get("standardize").asText())
                            : d.standardize(),
                    o.has("solver") ? TransportAnalysis.Solver.parse(o.get("solver").asText()) : d.solver(),
                    ProjectFields.longValue(o, "seed", d.seed()), ProjectFields.bool(o, "on_map", false),
                    mixed(o));
        } catch (DataException e) {
            throw DataException.inFile(file, "explain: " + e.reason());
        }
    }

    /**
     * The treatment of mixed data; a project saved before it existed has none of these fields and is read as it was
     * computed then (every column a number, clusters of reference points), so it shows the same numbers.
     */
    private static ExplainRequest.Mixed mixed(JsonNode o) {
        ExplainRequest.Mixed old = ExplainRequest.Mixed.continuous();
        return new ExplainRequest.Mixed(ProjectFields.bool(o, "discrete", old.discrete()),
                o.has("pairing") ? org.shiftscope.transport.Pairing.parse(o.get("pairing").asText()) : old.pairing(),
                ProjectFields.integer(o, "repeats", o.has("discrete") ? ExplainRequest.Mixed.paper().repeats()
                        : old.repeats()));
    }

    static void slices(ObjectNode root, List<Slice> slices) {
        if (slices.isEmpty()) {
            return;
        }
        ArrayNode a = root.putArray("slices");
        for (Slice x : slices) {
            ObjectNode o = a.addObject();
            o.put("name", x.name());
            o.put("reference_rows", x.referenceRows());
            o.put("target_rows", x.targetRows());
            o.put("reference", Slices.ranges(x.reference()));
            o.put("target", Slices.ranges(x.target()));
        }
    }

    /**
     * The slices of a project file: each a name, the row counts of the data it was saved for, and its rows per side
     * as 0-based ranges ("0-14,20").
     */
    static List<Slice> slices(JsonNode a, String file) {
        List<Slice> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            JsonNode s = a.get(i);
            String where = "slices[" + i + "]";
            try {
                int nr = ProjectFields.integer(s, "reference_rows", -1);
                int nt = ProjectFields.integer(s, "target_rows", -1);
                if (nr < 0 || nt < 0 || !s.path("name").isTextual()) {
                    throw DataException.setting("slice", "a slice needs a name, reference_rows and target_rows");
                }
                out.add(new Slice(s.get("name").asText(), Slices.parseRanges(s.path("reference").asText(""), nr,
                        "reference"), Slices.parseRanges(s.path("target").asText(""), nt, "target"), nr, nt));
            } catch (DataException e) {
                throw DataException.inFile(file, where + ": " + e.reason());
            }
        }
        return out;
    }

    static void gates(ObjectNode root, org.shiftscope.workflow.gate.ProjectGates g) {
        if (g.isEmpty()) {
            return;
        }
        ObjectNode o = root.putObject("gates");
        g.detect().forEach(x -> o.withArray("detect").add(x.text()));
        g.audit().forEach(x -> o.withArray("audit").add(x.text()));
        g.explain().forEach(x -> o.withArray("explain").add(x.text()));
    }

    /** The gates of a project file ({"detect": ["drift"], "audit": ["fpr_ratio>1.25"], "explain": ["w2sq>4"]}). */
    static org.shiftscope.workflow.gate.ProjectGates gates(JsonNode o, String file) {
        if (!o.isObject()) {
            return org.shiftscope.workflow.gate.ProjectGates.NONE;
        }
        try {
            return new org.shiftscope.workflow.gate.ProjectGates(gateList(o.path("detect")),
                    gateList(o.path("audit")), gateList(o.path("explain")));
        } catch (DataException e) {
            throw DataException.inFile(file, "gates: " + e.reason());
        }
    }

    private static List<org.shiftscope.workflow.gate.Gate> gateList(JsonNode a) {
        List<String> texts = new ArrayList<>();
        a.forEach(x -> texts.add(x.asText()));
        return org.shiftscope.workflow.gate.Gate.parseAll(texts);
    }
}
