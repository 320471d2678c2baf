package org.shiftscope.app;

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

    @Option(names = "--pairing", paramLabel = "paired|reference", defaultValue = "paired",
            description = "kcluster: cluster the paired points [x, T(x)], so points that go to the same place belong"
                    + " together (paired, default, as the paper), or the reference points alone (reference).")
    String pairing;

    @Option(names = "--discrete", paramLabel = "auto|none", defaultValue = "auto",
            description = "auto (default): a numeric column of two values and a named categorical or boolean column"
                    + " are discrete features, which a map sets to a category drawn from its target distribution;"
                    + " none: every column is a number, moved by a fraction.")
    String discrete;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "" + org.shiftscope.transport.Treatment.DEFAULT_REPEATS,
            description = "Samples of the discrete features each PercentExplained is the mean of; 0 (default): 10 up"
                    + " to 2,000 reference rows, fewer above, 2 from 10,000 (the standard deviation over them is"
                    + " reported).")
    int repeats;

    @Option(names = "--exemplars", defaultValue = "0", paramLabel = "N", description = "With kcluster: for each"
            + " cluster, the N reference rows nearest its centre and the N target rows nearest its moved centre (their"
            + " row numbers, and image files when the data have them), to see which examples moved where.")
    int exemplars;

    @Mixin
    EmbeddingSourceOptions source;

    @Mixin
    FormatOption output;

    @Mixin
    GateOption gate;

    @Override
    public Integer call() {
        boolean json = output.json();
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        ExplanationMethod m = ExplanationMethod.parse(method);
        TransportAnalysis.Options options = transport.options(ExplainRequest.defaults().options().standardize());
        ExplainRequest.Mixed mixed = new ExplainRequest.Mixed(switch (discrete.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "none" -> false;
            default -> throw DataException.setting("discrete", "unknown choice '" + discrete + "' (use auto or none)");
        }, org.shiftscope.transport.Pairing.parse(pairing), repeats);
        List<org.shiftscope.workflow.gate.Gate> gates = gate.gates();
        if (exemplars < 0) {
            throw DataException.of("--exemplars takes a count of 0 or more, not " + exemplars);
        }
        Split s = source.build(split, monitor);
        ExplainAnalysis.Explained explained = ExplainAnalysis.explain(s, new ExplainRequest(m, kmax, options, seed,
                !split.columns.isEmpty() || source.given(), mixed), exemplars, monitor);
        Explanation e = explained.explanation();
        ConsoleProgress.clear(monitor);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = org.shiftscope.workflow.explain.ExplainJson.toJson(e, options.standardize(),
                    explained.exemplars(), s.reference(), s.target());
            GateOption.json(root, org.shiftscope.workflow.gate.Gates.explain(gates, e));
            Json.print(out, "explain", root);
        } else {
            out.printf(Locale.ROOT, "W2^2 = %.6g (%s, %s), method %s%s%n", e.w2sq(), e.solver(),
                    options.standardize().units(), m.id(), m == ExplanationMethod.KCLUSTER ? ", clusters of "
                            + (e.pairing() == org.shiftscope.transport.Pairing.PAIRED ? "paired points [x, T(x)]"
                            : "reference points") : "");
            if (!e.discrete().isEmpty()) {
                out.printf(Locale.ROOT, "discrete features (drawn from their target distribution; each number a"
                        + " mean over %d samples, +- its sd): %s%n", e.curve().stream()
                        .mapToInt(Explanation.Point::samples).max().orElse(1), String.join(", ",
                        e.discrete().stream().map(org.shiftscope.transport.DiscreteFeature::name).toList()));
            }
            for (Explanation.Point pt : e.curve()) {
                out.printf(Locale.ROOT, "  k=%-3d %6.2f%% explained%s  parsimony %-10.4g  %s%n", pt.k(),
                        pt.percentExplained(), pt.samples() > 1 ? String.format(Locale.ROOT, " +- %.2f", pt.spread())
                                : "", pt.parsimony(), String.join(", ", pt.features()));
            }
            List<Explanation.Cluster> clusters = e.curve().get(e.curve().size() - 1).clusters();
            for (Explanation.Cluster c : clusters) {
                out.printf(Locale.ROOT, "  cluster %d: %d rows, moved %.4g; most along %s%n", c.id(), c.size(),
                        c.displacementNorm(), String.join(", ", c.topFeatures()));
                for (int f = 0; f < e.discrete().size(); f++) {
                    org.shiftscope.transport.DiscreteFeature feature = e.discrete().get(f);
                    StringBuilder b = new StringBuilder();
                    for (int l = 0; l < feature.levels().size(); l++) {
                        b.append(l > 0 ? ", " : "").append(feature.levels().get(l)).append(String.format(Locale.ROOT,
                                " %.2f", c.distributions().get(f)[l]));
                    }
                    out.printf(Locale.ROOT, "    %s becomes: %s%n", feature.name(), b);
                }
            }
            out.flush();
        }
        return GateOption.exit(org.shiftscope.workflow.gate.Gates.explain(gates, e), spec.commandLine().getErr());
    }
}
