package org.shiftscope.workflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.audit.AuditAnalysis.Audit;
import org.shiftscope.workflow.audit.ClusterGroups.GroupShare;
import org.shiftscope.workflow.audit.AuditAnalysis.SplitAudit;

/**
 * Audits as JSON: the shape {@code audit --format json} prints, reports embed and adaptation runs store under
 * "fairness" (NaN and infinite values as null); {@link #read} reads one audit back.
 */
public final class AuditJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJson() {
    }

    /** A split audit as JSON: both sides, the change, and the transport clusters' groups when computed. */
    public static ObjectNode toJson(SplitAudit a) {
        ObjectNode root = toJson(a.reference(), a.target());
        if (a.clusters() != null) {
            ObjectNode t = root.putObject("transport_clusters");
            t.put("method", "kcluster");
            a.clusterFeatures().forEach(t.putArray("features")::add);
            t.put("rows_left_out_missing_features", a.clusterRowsLeftOut());
            t.set("clusters", toJson(a.clusters()));
        }
        return root;
    }

    /** The clusters as JSON, with each group's share of its side's rows that the cluster holds. */
    public static ArrayNode toJson(List<ClusterGroups> clusters) {
        List<List<GroupShare>> shares = ClusterGroups.shares(clusters);
        ArrayNode out = JSON.createArrayNode();
        for (int k = 0; k < clusters.size(); k++) {
            ClusterGroups c = clusters.get(k);
            ObjectNode o = out.addObject();
            o.put("cluster", c.cluster());
            o.put("moved", c.moved());
            c.topFeatures().forEach(o.putArray("top_features")::add);
            ObjectNode groups = o.putObject("groups");
            for (GroupShare g : shares.get(k)) {
                ObjectNode row = groups.putObject(g.group());
                row.put("reference_rows", g.reference());
                row.put("target_rows", g.target());
                number(row, "share_of_group_reference", g.shareOfReference());
                number(row, "share_of_group_target", g.shareOfTarget());
            }
        }
        return out;
    }

    /** One audit as JSON: {"groups": [...], "disparities": [...]} with provenance. */
    public static ObjectNode toJson(Audit a) {
        ObjectNode root = JSON.createObjectNode();
        root.put("data", a.name());
        root.put("rows", a.rows());
        root.put("rows_left_out_missing", a.dropped());
        root.put("positive_label", a.positiveLabel());
        root.put("decision", a.decision());
        GroupFairness.Result r = a.result();
        root.put("reference_group", r.reference());
        root.put("min_group_size", r.minGroupSize());
        root.put("resamples", r.resamples());
        ArrayNode groups = root.putArray("groups");
        for (GroupFairness.Group g : r.groups()) {
            ObjectNode row = groups.addObject();
            row.put("group", g.name());
            row.put("n", g.n());
            row.put("small", g.small());
            ObjectNode ci = JSON.createObjectNode();
            g.values().forEach((m, e) -> {
                number(row, m, e.value());
                ArrayNode interval = ci.putArray(m);
                number(interval, e.low());
                number(interval, e.high());
            });
            row.set("ci", ci);
        }
        ArrayNode disparities = root.putArray("disparities");
        for (GroupFairness.Disparity d : r.disparities()) {
            ObjectNode row = disparities.addObject();
            row.put("name", d.name());
            row.put("metric", d.metric());
            row.put("kind", d.kind());
            if (d.group() == null) {
                row.put("between", d.kind().equals("ratio") ? "smallest / largest group value"
                        : "largest - smallest group value");
            } else {
                row.put("group", d.group());
                row.put("versus", d.versus());
            }
            number(row, "value", d.value().value());
            ArrayNode interval = row.putArray("ci");
            number(interval, d.value().low());
            number(interval, d.value().high());
        }
        r.leftOut().forEach(root.putArray("left_out_of_disparities")::add);
        return root;
    }

    /**
     * Reference and target audited alike, side by side, with each group's change in each metric (target minus
     * reference) for the groups both sides have.
     */
    public static ObjectNode toJson(Audit reference, Audit target) {
        return compare("reference", reference, "target", target);
    }

    /**
     * Two audits of the same groups under the names {@code first} and {@code second}, with each group's change in
     * each metric (second minus first) for the groups both have, under "change".
     */
    public static ObjectNode compare(String first, Audit a, String second, Audit b) {
        ObjectNode root = JSON.createObjectNode();
        root.set(first, toJson(a));
        root.set(second, toJson(b));
        ArrayNode change = root.putArray("change");
        for (AuditAnalysis.Change c : AuditAnalysis.changes(a, b)) {
            ObjectNode row = change.addObject();
            row.put("group", c.group());
            row.put("n_" + first, c.nBefore());
            row.put("n_" + second, c.nAfter());
            c.delta().forEach((m, v) -> number(row, m, v));
        }
        return root;
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static void number(ArrayNode a, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            a.addNull();
        } else {
            a.add(v);
        }
    }

    /** One audit from its JSON ({@link #toJson(Audit)}). */
    public static Audit read(JsonNode j) {
        List<GroupFairness.Group> groups = new ArrayList<>();
        for (JsonNode g : j.get("groups")) {
            Map<String, Evaluation.Estimate> values = new LinkedHashMap<>();
            JsonNode ci = g.get("ci");
            ci.fieldNames().forEachRemaining(m -> values.put(m, new Evaluation.Estimate(value(g.get(m)),
                    value(ci.get(m).get(0)), value(ci.get(m).get(1)))));
            groups.add(new GroupFairness.Group(g.get("group").asText(), g.get("n").asInt(), g.get("small")
                    .asBoolean(), values));
        }
        List<GroupFairness.Disparity> disparities = new ArrayList<>();
        for (JsonNode d : j.get("disparities")) {
            JsonNode ci = d.get("ci");
            disparities.add(new GroupFairness.Disparity(d.get("name").asText(), d.get("metric").asText(),
                    d.get("kind").asText(), d.has("group") ? d.get("group").asText() : null,
                    d.has("versus") ? d.get("versus").asText() : null, new Evaluation.Estimate(value(d.get("value")),
                    value(ci.get(0)), value(ci.get(1)))));
        }
        List<String> leftOut = new ArrayList<>();
        j.get("left_out_of_disparities").forEach(x -> leftOut.add(x.asText()));
        int rows = j.get("rows").asInt();
        return new Audit(j.get("data").asText(), rows, j.get("rows_left_out_missing").asInt(),
                j.get("positive_label").asText(), j.get("decision").asText(), new GroupFairness.Result(rows, groups,
                j.get("reference_group").asText(), disparities, leftOut, j.get("min_group_size").asInt(),
                j.get("resamples").asInt()));
    }

    private static double value(JsonNode v) {
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
