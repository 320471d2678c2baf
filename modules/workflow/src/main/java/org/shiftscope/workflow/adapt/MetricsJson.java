package org.shiftscope.workflow.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.Metrics;

/** Target metrics ({@link Evaluation.Result}) as a run's JSON holds them, both ways. */
final class MetricsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJson() {
    }

    static ObjectNode write(Evaluation.Result e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("n", e.n());
        e.metrics().forEach((name, est) -> o.set(name, estimate(est)));
        if (!e.groups().isEmpty()) {
            ArrayNode groups = o.putArray("groups");
            for (Evaluation.GroupAccuracy g : e.groups()) {
                ObjectNode row = groups.addObject();
                row.put("group", g.group());
                row.put("n", g.n());
                row.set("accuracy", estimate(g.accuracy()));
            }
            o.set("worst_group_accuracy", estimate(e.worstGroup()));
        }
        ArrayNode bins = o.putArray("reliability");
        Metrics.Reliability rel = e.reliability();
        for (int b = 0; b < rel.count().length; b++) {
            if (rel.count()[b] > 0) {
                ObjectNode bin = bins.addObject();
                bin.put("upper", (b + 1.0) / rel.count().length);
                bin.put("n", rel.count()[b]);
                bin.put("confidence", rel.confidence()[b]);
                bin.put("accuracy", rel.accuracy()[b]);
            }
        }
        return o;
    }

    /** Metrics from their JSON (null for a JSON null: a target without labels). */
    static Evaluation.Result read(JsonNode j) {
        if (j == null || j.isNull()) {
            return null;
        }
        Map<String, Evaluation.Estimate> metrics = new LinkedHashMap<>();
        for (String name : Evaluation.METRICS) {
            if (j.has(name)) {
                metrics.put(name, readEstimate(j.get(name)));
            }
        }
        List<Evaluation.GroupAccuracy> groups = new ArrayList<>();
        for (JsonNode g : j.path("groups")) {
            groups.add(new Evaluation.GroupAccuracy(g.get("group").asText(), g.get("n").asInt(),
                    readEstimate(g.get("accuracy"))));
        }
        int bins = Evaluation.BINS;
        int[] count = new int[bins];
        double[] confidence = new double[bins];
        double[] accuracy = new double[bins];
        for (JsonNode bin : j.path("reliability")) {
            int b = (int) Math.round(bin.get("upper").asDouble() * bins) - 1;
            count[b] = bin.get("n").asInt();
            confidence[b] = bin.get("confidence").asDouble();
            accuracy[b] = bin.get("accuracy").asDouble();
        }
        Evaluation.Estimate ece = metrics.get("ece");
        return new Evaluation.Result(j.get("n").asInt(), metrics, groups,
                j.has("worst_group_accuracy") ? readEstimate(j.get("worst_group_accuracy")) : null,
                new Metrics.Reliability(count, confidence, accuracy, ece == null ? Double.NaN : ece.value()), 0);
    }

    static ObjectNode estimate(Evaluation.Estimate e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("value", e.value());
        o.put("ci_low", e.low());
        o.put("ci_high", e.high());
        return o;
    }

    static Evaluation.Estimate readEstimate(JsonNode j) {
        return new Evaluation.Estimate(j.get("value").asDouble(), j.get("ci_low").asDouble(),
                j.get("ci_high").asDouble());
    }

    static void array(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
