package org.shiftscope.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shiftscope.analysis.ColumnDrift;

/** A drift report as JSON: the shape {@code detect --format json} prints and reports embed (NaN as null). */
public final class DriftJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftJson() {
    }

    public static ObjectNode toJson(DriftAnalysis.Report report, DriftAnalysis.Request request) {
        ObjectNode root = JSON.createObjectNode();
        columns(root.putArray("univariate"), report.columns());
        if (report.mmd() != null) {
            ObjectNode o = root.putObject("mmd");
            number(o, "statistic", report.mmd().statistic());
            number(o, "p_value", report.mmd().pValue());
            o.put("permutations", report.mmd().permutations());
            o.put("method", report.mmd().method());
            number(o, "bandwidth", report.mmd().bandwidth());
        }
        ObjectNode cls = root.putObject("classifier");
        number(cls, "auc", report.classifier().auc());
        number(cls, "p_value", report.classifier().pValue());
        report.classifier().topFeatures().forEach(cls.putArray("top_features")::add);
        cls.put("method", report.classifier().method());
        root.put("correction", request.correction().id());
        root.put("alpha", request.alpha());
        root.put("drift", report.drift());
        return root;
    }

    /** Each column's test: its statistic, p-values, verdict and effect sizes. */
    public static void columns(ArrayNode into, java.util.List<ColumnDrift> columns) {
        for (ColumnDrift d : columns) {
            ObjectNode o = into.addObject();
            o.put("column", d.column());
            o.put("test", d.test());
            number(o, "statistic", d.statistic());
            number(o, "p_value", d.pValue());
            number(o, "p_adjusted", d.pAdjusted());
            o.put("drift", d.drift());
            ObjectNode effect = o.putObject("effect");
            number(effect, "wasserstein1", d.w1());
            number(effect, "psi", d.psi());
            number(effect, "jensen_shannon", d.js());
            number(effect, "cramers_v", d.cramersV());
            o.put("n_reference", d.nReference());
            o.put("n_target", d.nTarget());
            if (!Double.isNaN(d.minExpected())) {
                o.put("min_expected", d.minExpected());
                o.put("small_expected_counts", d.smallExpected());
            }
        }
    }

    /** A number, or null for NaN and infinities (JSON has neither). */
    public static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }
}
