package org.shiftscope.workflow.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.shiftscope.core.Dataset;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.TransportAnalysis;

/** A transport explanation as JSON: the shape {@code explain --format json} prints and reports embed. */
public final class ExplainJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplainJson() {
    }

    /**
     * W2^2, the PercentExplained curve and (k-cluster) the clusters of its largest k, each with its exemplars when
     * {@code exemplars} has them (rows of {@code reference} and {@code target}, the sides the explanation used).
     */
    public static ObjectNode toJson(Explanation e, TransportAnalysis.Standardize standardize,
                                    List<Exemplars> exemplars, Dataset reference, Dataset target) {
        ObjectNode root = JSON.createObjectNode();
        root.put("w2sq", e.w2sq());
        root.put("solver", e.solver());
        root.put("method", e.method().id());
        root.put("standardize", standardize.id());
        if (e.method() == ExplanationMethod.KCLUSTER) {
            root.put("pairing", e.pairing().id());
        }
        ArrayNode discrete = root.putArray("discrete");
        for (org.shiftscope.transport.DiscreteFeature f : e.discrete()) {
            ObjectNode o = discrete.addObject();
            o.put("feature", f.name());
            f.levels().forEach(o.putArray("levels")::add);
        }
        ArrayNode curve = root.putArray("curve");
        for (Explanation.Point pt : e.curve()) {
            ObjectNode o = curve.addObject();
            o.put("k", pt.k());
            pt.features().forEach(o.putArray("features")::add);
            o.put("w2sq_after", pt.w2After());
            org.shiftscope.workflow.DriftJson.number(o, "percent_explained", pt.percentExplained());
            o.put("parsimony", pt.parsimony());
            o.put("samples", pt.samples());
            org.shiftscope.workflow.DriftJson.number(o, "percent_explained_sd", pt.spread());
        }
        if (e.method() != ExplanationMethod.KCLUSTER) {
            return root;
        }
        ArrayNode clusters = root.putArray("clusters");
        List<Explanation.Cluster> last = e.curve().get(e.curve().size() - 1).clusters();
        for (int k = 0; k < last.size(); k++) {
            Explanation.Cluster c = last.get(k);
            ObjectNode o = clusters.addObject();
            o.put("cluster", c.id());
            o.put("size", c.size());
            o.put("displacement_norm", c.displacementNorm());
            c.topFeatures().forEach(o.putArray("top_features")::add);
            ObjectNode centroid = o.putObject("centroid");
            ObjectNode displacement = o.putObject("displacement");
            for (int j = 0; j < e.features().size(); j++) {
                centroid.put(e.features().get(j), c.centroid()[j]);
                displacement.put(e.features().get(j), c.displacement()[j]);
            }
            if (!e.discrete().isEmpty()) {
                ObjectNode dist = o.putObject("target_distribution");
                for (int f = 0; f < e.discrete().size(); f++) {
                    org.shiftscope.transport.DiscreteFeature feature = e.discrete().get(f);
                    ObjectNode levels = dist.putObject(feature.name());
                    for (int l = 0; l < feature.levels().size(); l++) {
                        levels.put(feature.levels().get(l), c.distributions().get(f)[l]);
                    }
                }
            }
            if (k < exemplars.size()) {
                Exemplars x = exemplars.get(k);
                ObjectNode ex = o.putObject("exemplars");
                ex.put("reference_share", x.share());
                rows(ex.putArray("reference"), reference, x.reference());
                rows(ex.putArray("target"), target, x.target());
            }
        }
        return root;
    }

    /** Each exemplar as {"row": position within its side (from 1), "file": its image file when it has one}. */
    private static void rows(ArrayNode into, Dataset side, int[] rows) {
        List<String> names = Exemplars.names(side, rows);
        for (int i = 0; i < rows.length; i++) {
            ObjectNode o = into.addObject();
            o.put("row", rows[i] + 1);
            if (!names.get(i).startsWith("row ")) {
                o.put("file", names.get(i));
            }
        }
    }
}
