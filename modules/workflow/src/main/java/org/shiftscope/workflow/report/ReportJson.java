package org.shiftscope.workflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shiftscope.workflow.DriftJson;
import org.shiftscope.workflow.audit.AuditJson;
import org.shiftscope.workflow.explain.ExplainJson;
import org.shiftscope.workflow.map.MapJson;

/**
 * The numbers a report shows, as the JSON it embeds ({@code <script type="application/json"
 * id="shiftscope-results">}): each section in the shape its command prints ({@code detect}, {@code map},
 * {@code explain}, {@code audit}).
 */
final class ReportJson {

    /** Schema id of the embedded JSON. */
    static final String SCHEMA = "shiftscope/report/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    static ObjectNode toJson(Report r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("subject", r.subject());
        r.sections().forEach(root.putArray("sections")::add);
        if (r.data() != null) {
            ObjectNode d = root.putObject("data");
            d.put("reference_rows", r.data().result().split().referenceRows());
            d.put("target_rows", r.data().result().split().targetRows());
            d.put("reference_analysed", r.data().result().split().reference().rowCount());
            d.put("target_analysed", r.data().result().split().target().rowCount());
            DriftJson.columns(d.putArray("columns"), r.data().result().drift());
            if (r.data().detection() != null) {
                d.set("detect", DriftJson.toJson(r.data().detection(), r.data().request()));
            }
        }
        if (r.map() != null) {
            root.set("map", MapJson.toJson(r.map().result(), r.project().mapSettings().standardize().id(),
                    r.project().mapSettings().seed()));
        }
        if (r.explain() != null) {
            int last = r.explain().explanation().curve().size() - 1;
            root.set("explain", ExplainJson.toJson(r.explain().explanation(), r.project().explain().standardize(),
                    last < r.explain().exemplars().size() ? r.explain().exemplars().get(last) : java.util.List.of(),
                    r.explain().reference(), r.explain().target()));
        }
        if (r.audit() != null) {
            root.set("audit", r.audit().split() != null ? AuditJson.toJson(r.audit().split())
                    : AuditJson.toJson(r.audit().single()));
        }
        return root;
    }
}
