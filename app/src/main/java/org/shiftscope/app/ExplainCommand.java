package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.explain.ExplainAnalysis;
import org.shiftscope.workflow.explain.ExplainRequest;
import org.shiftscope.workflow.explain.Exemplars;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain the shift with interpretable transport maps and their PercentExplained curve"
                + " (Kulinski & Inouye 2023).")
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Mixin
    TransportOptions transport;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "kcluster",
            description = "ksparse-ot, ksparse-mean, kcluster or gaussian (default ${DEFAULT-VALUE}, as in the app).")
    String method;

    @Option(names = "--kmax", defaultValue = "" + ExplainRequest.DEFAULT_KMAX, paramLabel = "K",
            description = "Largest k of the curve (default ${DEFAULT-VALUE}, as in the app).")
    int kmax;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of k-means (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--exemplars", defaultValue = "0", paramLabel = "N", description = "With kcluster: for each"
            + " cluster, the N reference rows nearest its centre and the N target rows nearest its moved centre (their"
            + " row numbers, and image files when the data have them), to see which examples moved where.")
    int exemplars;

    @Mixin
    EmbeddingSourceOptions source;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        boolean json = output.json();
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        ExplanationMethod m = ExplanationMethod.parse(method);
        TransportAnalysis.Options options = transport.options();
        if (exemplars < 0) {
            throw DataException.of("--exemplars takes a count of 0 or more, not " + exemplars);
        }
        Split s = source.build(split, monitor);
        ExplainAnalysis.Explained explained = ExplainAnalysis.explain(s, new ExplainRequest(m, kmax, options, seed,
                !split.columns.isEmpty() || source.given()), exemplars, monitor);
        Explanation e = explained.explanation();
        ConsoleProgress.clear(monitor);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = json(e, options);
            if (!explained.exemplars().isEmpty()) {
                ArrayNode clusters = (ArrayNode) root.get("clusters");
                for (int c = 0; c < clusters.size(); c++) {
                    Exemplars x = explained.exemplars().get(c);
                    ObjectNode o = ((ObjectNode) clusters.get(c)).putObject("exemplars");
                    o.put("reference_share", x.share());
                    exemplarRows(o.putArray("reference"), s.reference(), x.reference());
                    exemplarRows(o.putArray("target"), s.target(), x.target());
                }
            }
            Json.print(out, "explain", root);
        } else {
            out.printf(Locale.ROOT, "W2^2 = %.6g (%s, %s), method %s%n", e.w2sq(), e.solver(),
                    options.standardize() == TransportAnalysis.Standardize.NONE ? "raw units" : "z-scored units", m.id());
            for (Explanation.Point pt : e.curve()) {
                out.printf(Locale.ROOT, "  k=%-3d %6.2f%% explained  parsimony %-10.4g  %s%n", pt.k(),
                        pt.percentExplained(), pt.parsimony(), String.join(", ", pt.features()));
            }
            List<Explanation.Cluster> clusters = e.curve().get(e.curve().size() - 1).clusters();
            for (Explanation.Cluster c : clusters) {
                out.printf(Locale.ROOT, "  cluster %d: %d rows, moved %.4g; most along %s%n", c.id(), c.size(),
                        c.displacementNorm(), String.join(", ", c.topFeatures()));
            }
            out.flush();
        }
        return 0;
    }

    /** Each exemplar as {"row": position within its side (from 1), "file": its image file when it has one}. */
    private static void exemplarRows(ArrayNode into, org.shiftscope.core.Dataset side, int[] rows) {
        List<String> names = Exemplars.names(side, rows);
        for (int i = 0; i < rows.length; i++) {
            ObjectNode o = into.addObject();
            o.put("row", rows[i] + 1);
            if (!names.get(i).startsWith("row ")) {
                o.put("file", names.get(i));
            }
        }
    }

    static ObjectNode json(Explanation e, TransportAnalysis.Options options) {
        ObjectNode root = Json.object();
        root.put("w2sq", e.w2sq());
        root.put("solver", e.solver());
        root.put("method", e.method().id());
        root.put("standardize", options.standardize().id());
        ArrayNode curve = root.putArray("curve");
        for (Explanation.Point pt : e.curve()) {
            ObjectNode o = curve.addObject();
            o.put("k", pt.k());
            pt.features().forEach(o.putArray("features")::add);
            o.put("w2sq_after", pt.w2After());
            if (Double.isNaN(pt.percentExplained())) {
                o.putNull("percent_explained");
            } else {
                o.put("percent_explained", pt.percentExplained());
            }
            o.put("parsimony", pt.parsimony());
        }
        if (e.method() == ExplanationMethod.KCLUSTER) {
            ArrayNode clusters = root.putArray("clusters");
            for (Explanation.Cluster c : e.curve().get(e.curve().size() - 1).clusters()) {
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
            }
        }
        return root;
    }
}
