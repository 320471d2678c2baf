package org.shiftscope.workflow.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shiftscope.analysis.Subpopulations;

/** A map as JSON: the shape {@code map --format json} prints and reports embed. */
public final class MapJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MapJson() {
    }

    /**
     * The projection, the clustering, the two-sample tests on the points and the subpopulation table (with the
     * classifier's accuracy per cluster when the map has predictions).
     */
    public static ObjectNode toJson(MapAnalysis.Result r, String standardize, long seed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", r.projection().method().id());
        root.put("fitted", r.projection().fitted());
        root.put("projected_dims", r.projection().dims());
        org.shiftscope.workflow.DriftJson.number(root, "trustworthiness", r.projection().trustworthiness());
        if (Double.isFinite(r.projection().kl())) {
            root.put("tsne_kl", r.projection().kl());
        }
        root.put("projection_seconds", r.projection().seconds());
        root.put("n_reference", r.prepared().reference().n());
        root.put("n_target", r.prepared().target().n());
        root.put("standardize", standardize);
        r.prepared().features().forEach(root.putArray("features")::add);
        root.put("seed", seed);
        ObjectNode grouping = root.putObject("clustering");
        grouping.put("method", r.clustering().method().id());
        grouping.put("clusters", r.clustering().clusters());
        grouping.put("fitted", r.clustering().fitted());
        if (r.clustering().method() == MapAnalysis.Clustering.Method.DBSCAN) {
            grouping.put("eps", r.clustering().eps());
            grouping.put("noise_share", r.clustering().noiseShare());
        }
        if (Double.isFinite(r.clustering().bic())) {
            grouping.put("bic", r.clustering().bic());
        }
        if (r.detection() != null) {
            ObjectNode tests = root.putObject("detection");
            ObjectNode mmd = tests.putObject("mmd");
            mmd.put("statistic", r.detection().mmd().statistic());
            mmd.put("p_value", r.detection().mmd().pValue());
            mmd.put("permutations", r.detection().mmd().permutations());
            mmd.put("method", r.detection().mmd().method());
            ObjectNode cls = tests.putObject("classifier");
            cls.put("auc", r.detection().classifier().auc());
            cls.put("p_value", r.detection().classifier().pValue());
        }
        ArrayNode table = root.putArray("clusters");
        for (Subpopulations.Cluster c : r.table().clusters()) {
            ObjectNode o = table.addObject();
            o.put("cluster", c.id());
            if (c.noise()) {
                o.put("noise", true);
            }
            o.put("n_reference", c.nReference());
            o.put("n_target", c.nTarget());
            o.put("reference_share", c.referenceShare());
            o.put("target_share", c.targetShare());
            org.shiftscope.workflow.DriftJson.number(o, "ratio", c.ratio());
            o.put("trend", c.trend().id());
            if (r.correct() != null) {
                accuracy(o.putObject("reference_accuracy"), c.referenceAccuracy());
                accuracy(o.putObject("target_accuracy"), c.targetAccuracy());
            }
        }
        return root;
    }

    /** An accuracy with its Wilson 95 % interval; null accuracy without labelled points. */
    public static void accuracy(ObjectNode o, Subpopulations.Accuracy a) {
        o.put("labelled", a.labelled());
        if (a.labelled() > 0) {
            o.put("accuracy", a.value());
            o.put("ci_low", a.low());
            o.put("ci_high", a.high());
        } else {
            o.putNull("accuracy");
        }
    }
}
