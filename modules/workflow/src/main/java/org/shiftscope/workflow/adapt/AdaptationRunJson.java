package org.shiftscope.workflow.adapt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.adaptation.LabelFree;
import org.shiftscope.adaptation.method.AdaptationMethods;
import org.shiftscope.adaptation.method.MethodReport;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.audit.AuditJson;

/**
 * An {@link AdaptationRun} as JSON, both ways: the shape the CLI prints and the run history stores (the method's
 * report beside the common fields), with {@code "schema"}. Rows stored before the schema existed have the same
 * shape and read alike; the derived fields ("delta", "worse") are written, not read.
 */
public final class AdaptationRunJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private AdaptationRunJson() {
    }

    public static ObjectNode write(AdaptationRun r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", AdaptationRun.SCHEMA);
        root.put("method", r.method());
        if (r.runId() != null) {
            root.put("run_id", r.runId());
        }
        r.classes().forEach(root.putArray("classes")::add);
        root.put("label", r.label());
        root.put("seed", r.seed());
        root.put("model", r.model());
        root.put(r.userModel() ? "held_out_accuracy" : "train_accuracy", r.trainAccuracy());
        root.put("n_trained", r.trained());
        root.put("n_held_out", r.heldOut());
        root.put("n_target", r.target());
        root.put("n_target_labelled", r.targetLabelled());
        if (r.targetShares() != null) {
            MetricsJson.array(root.putArray("target_label_shares"), r.targetShares());
        }
        ObjectNode estimates = root.putObject("label_free_estimates");
        estimates.put("estimate", true);
        estimates.put("of", "target accuracy of the classifier before the method, from unlabelled target rows");
        estimates.put("atc_accuracy", r.atc().accuracy());
        estimates.put("atc_threshold", r.atc().threshold());
        estimates.put("cbpe_accuracy", r.cbpe().accuracy());
        ArrayNode confusion = estimates.putArray("cbpe_confusion_predicted_by_true");
        for (double[] row : r.cbpe().confusion()) {
            MetricsJson.array(confusion.addArray(), row);
        }
        if (r.lossCurve() != null) {
            MetricsJson.array(root.putArray("loss_curve"), r.lossCurve());
        }
        root.setAll((ObjectNode) JSON.valueToTree(r.report()));
        if (r.fairness() != null) {
            // the subgroup audit of the target before and after, each group's change (after - before)
            root.set("fairness", AuditJson.compare("before", r.fairness().before(), "after", r.fairness().after()));
        }
        if (r.clusters() != null) {
            ArrayNode clusters = root.putArray("clusters");
            for (AdaptationRun.ClusterChange c : r.clusters()) {
                ObjectNode row = clusters.addObject();
                row.put("cluster", c.cluster());
                row.put("n", c.n());
                row.set("accuracy_before", MetricsJson.estimate(c.before()));
                row.set("accuracy_after", MetricsJson.estimate(c.after()));
                row.put("delta", c.delta());
            }
        }
        if (r.before() != null) {
            root.set("before", MetricsJson.write(r.before()));
            root.set("after", MetricsJson.write(r.after()));
            ObjectNode delta = root.putObject("delta");
            r.delta().forEach(delta::put);
            r.worse().forEach(root.putArray("worse")::add);
        } else {
            root.putNull("before");
            root.putNull("after");
        }
        root.put("seconds", r.seconds());
        if (r.device() != null) { // where it ran: "CPU", "GPU (CUDA 12.4)"; records written before it lack it
            root.put("device", r.device());
        }
        return root;
    }

    /**
     * A run from its JSON (a stored row of any version so far); a record that lacks a field or holds the wrong kind
     * of value is a {@link DataException}.
     */
    public static AdaptationRun read(JsonNode j) {
        try {
            return fields(j);
        } catch (NullPointerException | ClassCastException | IllegalArgumentException | IndexOutOfBoundsException
                 | UnsupportedOperationException e) {
            throw DataException.of("not a readable adaptation run record (a field is missing or of the wrong kind)");
        }
    }

    private static AdaptationRun fields(JsonNode j) {
        String schema = j.path("schema").asText(AdaptationRun.SCHEMA);
        if (!schema.equals(AdaptationRun.SCHEMA)) {
            throw DataException.of("an adaptation run of schema '" + schema + "' is newer than this ShiftScope"
                    + " reads (" + AdaptationRun.SCHEMA + ")");
        }
        String method = j.get("method").asText();
        List<String> classes = new ArrayList<>();
        j.get("classes").forEach(c -> classes.add(c.asText()));
        boolean user = j.has("held_out_accuracy");
        JsonNode est = j.get("label_free_estimates");
        JsonNode conf = est.get("cbpe_confusion_predicted_by_true");
        double[][] confusion = new double[conf.size()][];
        for (int i = 0; i < confusion.length; i++) {
            confusion[i] = MetricsJson.doubles(conf.get(i));
        }
        List<AdaptationRun.ClusterChange> clusters = null;
        if (j.has("clusters")) {
            clusters = new ArrayList<>();
            for (JsonNode c : j.get("clusters")) {
                clusters.add(new AdaptationRun.ClusterChange(c.get("cluster").asText(), c.get("n").asInt(),
                        MetricsJson.readEstimate(c.get("accuracy_before")),
                        MetricsJson.readEstimate(c.get("accuracy_after"))));
            }
        }
        JsonNode f = j.get("fairness");
        AdaptationRun.Fairness fairness = f == null || f.isNull() ? null
                : new AdaptationRun.Fairness(AuditJson.read(f.get("before")), AuditJson.read(f.get("after")));
        MethodReport report;
        try {
            report = JSON.treeToValue(j, AdaptationMethods.reportType(method));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DataException.of("the stored " + method + " run cannot be read: " + e.getOriginalMessage());
        }
        return new AdaptationRun(j.has("run_id") ? j.get("run_id").asText() : null, method, classes,
                j.get("label").asText(), j.get("seed").asLong(), j.get("model").asText(),
                j.get(user ? "held_out_accuracy" : "train_accuracy").asDouble(), j.get("n_trained").asInt(),
                j.get("n_held_out").asInt(), j.get("n_target").asInt(), j.get("n_target_labelled").asInt(),
                j.has("target_label_shares") ? MetricsJson.doubles(j.get("target_label_shares")) : null,
                new LabelFree.Atc(est.get("atc_accuracy").asDouble(), est.get("atc_threshold").asDouble()),
                new LabelFree.Cbpe(est.get("cbpe_accuracy").asDouble(), confusion),
                j.has("loss_curve") ? MetricsJson.doubles(j.get("loss_curve")) : null, report, fairness, clusters,
                MetricsJson.read(j.get("before")), MetricsJson.read(j.get("after")), j.path("seconds").asDouble(),
                j.hasNonNull("device") ? j.get("device").asText() : null);
    }
}
