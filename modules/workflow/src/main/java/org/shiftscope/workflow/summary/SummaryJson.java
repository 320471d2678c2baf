package org.shiftscope.workflow.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.DriftJson;

/**
 * A {@link ScaleSummary} as JSON: {@link #detect} is {@code shiftscope/detect/v1} (what {@code spark detect --format
 * json} prints: the desktop's {@code detect} fields, numeric columns marked {@code "sketched"} with their bounds, and
 * the engine's facts); a summary project keeps it under {@code summary.detect} beside the clusters, the audit and the
 * sample's facts.
 */
public final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {
    }

    /** The detect/v1 document of a summary's tests. */
    public static ObjectNode detect(ScaleSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "shiftscope/detect/v1");
        ArrayNode univariate = root.putArray("univariate");
        DriftJson.columns(univariate, s.columns().stream().map(ScaleSummary.Column::drift).toList());
        for (int c = 0; c < s.columns().size(); c++) {
            ScaleSummary.Sketch k = s.columns().get(c).sketch();
            ObjectNode o = (ObjectNode) univariate.get(c);
            o.put("sketched", k != null);
            if (k != null) {
                ObjectNode sk = o.putObject("sketch");
                sk.put("relative_error", k.relativeError());
                sk.put("grid", k.grid());
                DriftJson.number(sk, "ks_bound", k.ksBound());
                DriftJson.number(sk, "wasserstein1_bound", k.w1Bound());
                ArrayNode range = sk.putArray("p_value_range");
                range.add(k.pLow());
                range.add(k.pHigh());
            }
        }
        if (s.classifier() != null) {
            ObjectNode cls = root.putObject("classifier");
            DriftJson.number(cls, "auc", s.classifier().auc());
            DriftJson.number(cls, "p_value", s.classifier().pValue());
            s.classifier().topFeatures().forEach(cls.putArray("top_features")::add);
            cls.put("method", s.classifier().method());
        }
        if (s.mmd() != null) {
            ObjectNode mmd = root.putObject("mmd");
            DriftJson.number(mmd, "statistic", s.mmd().statistic());
            DriftJson.number(mmd, "p_value", s.mmd().pValue());
            mmd.put("permutations", 0);
            mmd.put("method", s.mmd().method());
            DriftJson.number(mmd, "bandwidth", s.mmd().bandwidth());
        }
        root.put("correction", s.correction());
        root.put("alpha", s.alpha());
        root.put("drift", s.drift());
        ScaleSummary.Engine e = s.engine();
        ObjectNode engine = root.putObject("engine");
        engine.put("name", e.name());
        engine.put("spark_version", e.version());
        engine.put("master", e.master());
        engine.put("reference", e.reference());
        engine.put("target", e.target());
        engine.put("rows_reference", e.referenceRows());
        engine.put("rows_target", e.targetRows());
        engine.put("dropped_reference", e.droppedReference());
        engine.put("dropped_target", e.droppedTarget());
        engine.put("seconds", e.seconds());
        engine.put("created", e.created());
        return root;
    }

    /** The summary section of a project file. */
    public static ObjectNode write(ScaleSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.set("detect", detect(s));
        if (s.clusters() != null) {
            root.set("clusters", clusters(s.clusters()));
        }
        if (s.audit() != null) {
            ObjectNode a = root.putObject("audit");
            a.put("label", s.audit().label());
            a.put("prediction", s.audit().prediction());
            a.put("group", s.audit().group());
            a.put("positive", s.audit().positive());
            ArrayNode rates = a.putArray("rates");
            for (ScaleSummary.Rate r : s.audit().rates()) {
                ObjectNode o = rates.addObject();
                o.put("group", r.group());
                o.put("side", r.side());
                o.put("metric", r.metric());
                o.put("numerator", r.numerator());
                o.put("denominator", r.denominator());
                DriftJson.number(o, "value", r.value());
                DriftJson.number(o, "low", r.low());
                DriftJson.number(o, "high", r.high());
            }
        }
        if (s.sample() != null) {
            ObjectNode sample = root.putObject("sample");
            sample.put("requested", s.sample().requested());
            sample.put("reference", s.sample().reference());
            sample.put("target", s.sample().target());
            sample.put("seed", s.sample().seed());
            sample.put("stratified_by", "side, then k-means cluster in proportion to its rows");
        }
        return root;
    }

    private static ObjectNode clusters(ScaleSummary.Clusters c) {
        ObjectNode o = JSON.createObjectNode();
        c.features().forEach(o.putArray("features")::add);
        numbers(o.putArray("mean"), c.mean());
        numbers(o.putArray("scale"), c.scale());
        o.put("fitted_on", c.fittedOn());
        o.put("seed", c.seed());
        ArrayNode list = o.putArray("clusters");
        for (ScaleSummary.Cluster cl : c.clusters()) {
            ObjectNode n = list.addObject();
            n.put("id", cl.id());
            n.put("reference", cl.reference());
            n.put("target", cl.target());
            numbers(n.putArray("reference_centroid"), cl.referenceCentroid());
            numbers(n.putArray("target_centroid"), cl.targetCentroid());
        }
        CentroidTransport.Result t = c.transport();
        if (t != null) {
            ObjectNode tr = o.putObject("transport");
            tr.put("method", "kcluster on weighted centroids");
            tr.put("approximates", "the k-cluster map with the row-level optimal transport replaced by the transport"
                    + " between the clusters' centroids weighted by their rows; W2^2 leaves out movement within"
                    + " clusters");
            DriftJson.number(tr, "w2sq_quantised", t.w2sq());
            DriftJson.number(tr, "w2sq_after", t.after());
            DriftJson.number(tr, "mean_shift_sq", t.meanShiftSq());
            DriftJson.number(tr, "percent_explained", t.percentExplained());
            ArrayNode moves = tr.putArray("moves");
            for (CentroidTransport.Move m : t.moves()) {
                ObjectNode mv = moves.addObject();
                mv.put("cluster", m.cluster());
                mv.put("mass", m.mass());
                numbers(mv.putArray("displacement"), m.displacement());
                m.topFeatures().forEach(mv.putArray("top_features")::add);
                mv.put("norm_sq", m.normSq());
            }
            ArrayNode flows = tr.putArray("flows");
            for (CentroidTransport.Flow f : t.flows()) {
                ObjectNode fl = flows.addObject();
                fl.put("from", f.from());
                fl.put("to", f.to());
                fl.put("mass", f.mass());
            }
        }
        return o;
    }

    private static void numbers(ArrayNode into, double[] v) {
        for (double x : v) {
            if (Double.isFinite(x)) {
                into.add(x);
            } else {
                into.addNull();
            }
        }
    }

    /** Reads a project file's summary section; {@code file} names the file in messages. */
    public static ScaleSummary read(JsonNode s, String file) {
        try {
            return parse(s);
        } catch (DataException e) {
            throw DataException.inFile(file, "summary: " + e.reason());
        }
    }

    private static ScaleSummary parse(JsonNode s) {
        JsonNode d = object(s, "detect");
        List<ScaleSummary.Column> columns = new ArrayList<>();
        for (JsonNode c : array(d, "univariate")) {
            JsonNode effect = c.path("effect");
            ColumnDrift drift = new ColumnDrift(text(c, "column"), text(c, "test"), num(c, "statistic"),
                    num(c, "p_value"), num(c, "p_adjusted"), num(effect, "wasserstein1"), num(effect, "psi"),
                    num(effect, "jensen_shannon"), num(effect, "cramers_v"), c.path("n_reference").asInt(),
                    c.path("n_target").asInt(), c.path("drift").asBoolean(), num(c, "min_expected"),
                    c.path("small_expected_counts").asBoolean());
            JsonNode k = c.path("sketch");
            ScaleSummary.Sketch sketch = k.isObject() ? new ScaleSummary.Sketch(num(k, "relative_error"),
                    k.path("grid").asInt(), num(k, "ks_bound"), num(k, "wasserstein1_bound"),
                    k.path("p_value_range").path(0).asDouble(Double.NaN),
                    k.path("p_value_range").path(1).asDouble(Double.NaN)) : null;
            columns.add(new ScaleSummary.Column(drift, sketch));
        }
        JsonNode cls = d.path("classifier");
        ScaleSummary.Classifier classifier = null;
        if (cls.isObject()) {
            List<String> top = new ArrayList<>();
            cls.path("top_features").forEach(t -> top.add(t.asText()));
            classifier = new ScaleSummary.Classifier(num(cls, "auc"), num(cls, "p_value"), cls.path("method").asText(),
                    top);
        }
        JsonNode mm = d.path("mmd");
        ScaleSummary.Mmd mmd = mm.isObject() ? new ScaleSummary.Mmd(num(mm, "statistic"), num(mm, "p_value"),
                mm.path("method").asText(), num(mm, "bandwidth")) : null;
        JsonNode e = object(d, "engine");
        ScaleSummary.Engine engine = new ScaleSummary.Engine(e.path("name").asText("spark"),
                e.path("spark_version").asText(""), e.path("master").asText(""), e.path("reference").asText(""),
                e.path("target").asText(""), e.path("rows_reference").asLong(), e.path("rows_target").asLong(),
                e.path("dropped_reference").asLong(), e.path("dropped_target").asLong(), num(e, "seconds"),
                e.path("created").asText(""));
        JsonNode a = s.path("audit");
        ScaleSummary.Audit audit = null;
        if (a.isObject()) {
            List<ScaleSummary.Rate> rates = new ArrayList<>();
            for (JsonNode r : array(a, "rates")) {
                rates.add(new ScaleSummary.Rate(text(r, "group"), text(r, "side"), text(r, "metric"),
                        r.path("numerator").asLong(), r.path("denominator").asLong(), num(r, "value"), num(r, "low"),
                        num(r, "high")));
            }
            audit = new ScaleSummary.Audit(a.path("label").asText(), a.path("prediction").asText(),
                    a.path("group").asText(), a.path("positive").asText(), rates);
        }
        JsonNode sm = s.path("sample");
        ScaleSummary.Sample sample = !sm.isObject() ? null : new ScaleSummary.Sample(sm.path("requested").asLong(),
                sm.path("reference").asLong(), sm.path("target").asLong(), sm.path("seed").asLong());
        return new ScaleSummary(engine, columns, classifier, mmd, d.path("correction").asText("holm"),
                d.path("alpha").asDouble(0.05), d.path("drift").asBoolean(),
                s.path("clusters").isObject() ? clusters(s.get("clusters")) : null, audit, sample);
    }

    private static ScaleSummary.Clusters clusters(JsonNode o) {
        List<String> features = new ArrayList<>();
        array(o, "features").forEach(f -> features.add(f.asText()));
        int d = features.size();
        double[] mean = numbers(o, "mean", d);
        double[] scale = numbers(o, "scale", d);
        List<ScaleSummary.Cluster> list = new ArrayList<>();
        for (JsonNode c : array(o, "clusters")) {
            list.add(new ScaleSummary.Cluster(c.path("id").asInt(), c.path("reference").asLong(),
                    c.path("target").asLong(), numbers(c, "reference_centroid", d), numbers(c, "target_centroid", d)));
        }
        JsonNode t = o.path("transport");
        CentroidTransport.Result transport = null;
        if (t.isObject()) {
            List<CentroidTransport.Move> moves = new ArrayList<>();
            for (JsonNode m : array(t, "moves")) {
                List<String> top = new ArrayList<>();
                m.path("top_features").forEach(f -> top.add(f.asText()));
                moves.add(new CentroidTransport.Move(m.path("cluster").asInt(), num(m, "mass"),
                        numbers(m, "displacement", d), top, num(m, "norm_sq")));
            }
            List<CentroidTransport.Flow> flows = new ArrayList<>();
            for (JsonNode f : array(t, "flows")) {
                flows.add(new CentroidTransport.Flow(f.path("from").asInt(), f.path("to").asInt(), num(f, "mass")));
            }
            transport = new CentroidTransport.Result(num(t, "w2sq_quantised"), num(t, "w2sq_after"),
                    num(t, "mean_shift_sq"), num(t, "percent_explained"), moves, flows);
        }
        return new ScaleSummary.Clusters(features, mean, scale, o.path("fitted_on").asLong(), o.path("seed").asLong(),
                list, transport);
    }

    private static JsonNode object(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isObject()) {
            throw DataException.of("\"" + field + "\" is missing or not an object");
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isArray()) {
            throw DataException.of("\"" + field + "\" is missing or not a list");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw DataException.of("\"" + field + "\" is missing or not text");
        }
        return v.asText();
    }

    /** A number; null (how NaN is written) or absent reads as NaN. */
    private static double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw DataException.of("\"" + field + "\" is not a number: " + v);
        }
        return v.asDouble();
    }

    private static double[] numbers(JsonNode n, String field, int d) {
        JsonNode a = array(n, field);
        if (a.size() != d) {
            throw DataException.of("\"" + field + "\" holds " + a.size() + " numbers, not one per feature (" + d + ")");
        }
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            JsonNode x = a.get(i);
            if (!x.isNull() && !x.isNumber()) {
                throw DataException.of("\"" + field + "\" holds " + x + ", not a number");
            }
            v[i] = x.isNull() ? Double.NaN : x.asDouble();
        }
        return v;
    }
}
