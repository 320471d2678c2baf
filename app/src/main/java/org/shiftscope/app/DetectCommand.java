package org.shiftscope.app;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.MmdTest;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.DriftAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Test every column for a shift between reference and target (KS / chi-square with effect sizes,"
                + " corrected across columns).")
final class DetectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Option(names = "--correction", defaultValue = "holm", paramLabel = "holm|bh|none",
            description = "Multiple-testing correction across columns (default ${DEFAULT-VALUE}).")
    String correction;

    @Option(names = "--alpha", defaultValue = "" + DriftAnalysis.Request.DEFAULT_ALPHA, paramLabel = "A", description = "Significance level (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--permutations", defaultValue = "" + DriftAnalysis.Request.DEFAULT_PERMUTATIONS, paramLabel = "P",
            description = "Permutations of the MMD test (default ${DEFAULT-VALUE}; 0 skips it).")
    int permutations;

    @Option(names = "--classifier", defaultValue = "linear", paramLabel = "linear|gbt",
            description = "Learner of the classifier two-sample test: linear (a linear discriminant, fast, its"
                    + " p-value calibrated by relabelling) or gbt"
                    + " (gradient-boosted trees: also catches shifts no hyperplane separates, such as a changed"
                    + " interaction between columns; slower). Default ${DEFAULT-VALUE}.")
    String classifierLearner;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the MMD permutations (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    FormatOption output;

    @Mixin
    GateOption gate;

    @Override
    public Integer call() {
        boolean json = output.json();
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        DriftAnalysis.Request request = new DriftAnalysis.Request(MultipleTesting.parse(correction), alpha,
                permutations, ClassifierTest.Learner.parse(classifierLearner), seed);
        List<org.shiftscope.workflow.gate.Gate> gates = gate.gates();
        Split s = split.build();
        DriftAnalysis.Report report = DriftAnalysis.detect(s, request, monitor);
        List<ColumnDrift> results = report.columns();
        MmdTest.Result mmd = report.mmd();
        ClassifierTest.Result classifier = report.classifier();
        boolean drift = report.drift();
        ConsoleProgress.clear(monitor);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode root = org.shiftscope.workflow.DriftJson.toJson(report,
                    request);
            GateOption.json(root, org.shiftscope.workflow.gate.Gates.detect(gates, report, alpha));
            Json.print(out, "detect", root);
        } else {
            out.printf(Locale.ROOT, "%s: %s (%s-corrected, alpha %.3g)%n", s.description(),
                    drift ? "SHIFT DETECTED" : "no shift detected", request.correction().id(), alpha);
            if (mmd != null) {
                out.printf(Locale.ROOT, "  MMD^2 = %.4g, p = %.4g (%d permutations, %s, bandwidth %.3g)%n", mmd.statistic(),
                        mmd.pValue(), mmd.permutations(), mmd.method(), mmd.bandwidth());
            }
            out.printf(Locale.ROOT, "  classifier AUC = %.4f, p = %.3g; relies most on %s%n", classifier.auc(),
                    classifier.pValue(), String.join(", ", classifier.topFeatures()));
            results.stream().sorted(Comparator.comparingDouble((ColumnDrift d) -> -(Double.isNaN(d.js()) ? 0 : d.js())))
                    .forEach(d -> out.printf(Locale.ROOT, "  %-6s %-24s %-5s stat %-10.4g p_adj %-10.3g JS %-8.4f PSI %.4f%n",
                            d.drift() ? "DRIFT" : "", d.column(), d.test(), d.statistic(), d.pAdjusted(), d.js(), d.psi()));
            results.stream().filter(ColumnDrift::smallExpected).forEach(d -> out.printf(Locale.ROOT,
                    "  note: %s has expected counts down to %.2g, too few for chi-square; %s%n", d.column(),
                    d.minExpected(), d.test().equals("fisher") ? "its p-value is Fisher's exact test's"
                            : "its p-value is approximate (merge rare categories for a better one)"));
            out.flush();
        }
        return GateOption.exit(org.shiftscope.workflow.gate.Gates.detect(gates, report, alpha),
                spec.commandLine().getErr());
    }
}
