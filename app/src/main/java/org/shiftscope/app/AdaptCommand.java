package org.shiftscope.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.AdaptationAnalysis;
import org.shiftscope.workflow.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "adapt", mixinStandardHelpOptions = true,
        description = "Train the built-in classifier on the reference, correct it for the shift with a method, and"
                + " compare target metrics before and after (bootstrap intervals; per group with --group). Every run"
                + " is stored in the run history (see 'runs').")
final class AdaptCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The class column.")
    String label;

    @Option(names = "--method", required = true, paramLabel = "bbse|bbse-soft|mlls|iw|kliep|bn|alpha-bn|tent|group-upweight|group-dro|lame|pseudo|coral|dann|wise-ft",
            description = "Label shift: bbse (black-box shift estimation on predicted classes), bbse-soft (on"
                    + " probabilities), mlls (EM on BCTS-calibrated probabilities); these estimate the target's class"
                    + " priors. Covariate shift: iw (importance weights from a domain classifier, the classifier"
                    + " retrained on a weighted resample; reports the effective sample size), kliep (the same with"
                    + " KLIEP's kernel density-ratio weights). Test-time, images: bn"
                    + " (batch-norm statistics re-estimated on the target), alpha-bn (mixed with the reference's by"
                    + " --alpha), tent (BN-adapt, then the batch-norm scale and shift trained one pass to minimise"
                    + " prediction entropy; its loss curve is in the JSON). Subpopulation shift: group-upweight (the"
                    + " classifier retrained with every --group value weighing the same; compare worst-group accuracy),"
                    + " group-dro (GroupDRO: trained on the groups' losses weighted online towards the worst group)."
                    + " Output-only: lame (probabilities made consistent with nearest target neighbours in the"
                    + " classifier's features). Self-training: pseudo (retrained with the target rows it predicts with"
                    + " confidence >= 0.9, labelled by its own answers). Feature alignment, tables: coral (reference"
                    + " features re-coloured to the target's covariance, the classifier retrained); dann"
                    + " (domain-adversarial training with gradient reversal; reports how separable the sides are in the"
                    + " features before and after). Robust fine-tuning: wise-ft (the classifier fine-tuned on its"
                    + " training rows plus confidently pseudo-labelled target rows, weights interpolated by --alpha;"
                    + " reports target accuracy along alpha 0..1).")
    String method;

    @Option(names = "--group", paramLabel = "COL", description = "Report accuracy per value of this column and the"
            + " worst group's.")
    String group;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the train/held-out split,"
            + " the training and the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E",
            description = "Training epochs of the built-in classifier (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--resamples", defaultValue = "1000", paramLabel = "B",
            description = "Bootstrap resamples of the metrics' 95 %% intervals (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Adapt your own classifier (ONNX or TorchScript) instead of training the built-in one:"
                    + " bbse, bbse-soft and mlls, which need only its outputs. --model-output K picks the output with"
                    + " one value per class (classes in the label's sorted order); logits or probabilities.")
    java.nio.file.Path model;

    @Mixin
    EmbedCommand.ModelOptions modelOptions;

    @Option(names = "--alpha", defaultValue = "0.5", paramLabel = "A",
            description = "alpha-bn: weight of the reference's batch-norm statistics; wise-ft: weight of the fine-tuned"
                    + " model; 0..1 (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--clusters", defaultValue = "8", paramLabel = "K",
            description = "Score the target's k-means clusters (in the classifier's features) before and after"
                    + " (default ${DEFAULT-VALUE}; 0 for none).")
    int clusters;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        Split s = split.build();
        AdaptationAnalysis.Options o = new AdaptationAnalysis.Options(AdaptationAnalysis.Method.parse(method), label,
                group, seed, epochs, resamples, alpha, clusters);
        AdaptationAnalysis.Result r = model == null ? AdaptationAnalysis.run(s, o, RunStore.standard(), monitor)
                : AdaptationAnalysis.runModel(s, o, model, new org.shiftscope.workflow.EmbeddingAnalysis.ModelInput(
                        modelOptions.inputs(), modelOptions.output, modelOptions.batch), RunStore.standard(), monitor);
        ConsoleProgress.clear(monitor);
        PrintWriter w = spec.commandLine().getOut();
        ObjectNode json = AdaptationAnalysis.toJson(r);
        if (output.json()) {
            Json.print(w, json);
            return 0;
        }
        w.printf(Locale.ROOT, "run %s: %s on %s (trained on %,d reference rows, %,d held out; %s accuracy %.3f)%n",
                r.runId(), o.method().id(), r.model(), r.trained(), r.heldOut(), r.trained() == 0 ? "held-out"
                        : "train", r.trainAccuracy());
        w.printf(Locale.ROOT, "%-14s %s%n", "classes", r.classes());
        if (r.estimate() != null) {
            w.printf(Locale.ROOT, "%-14s %s%n", "source priors", priors(json.get("source_priors")));
            w.printf(Locale.ROOT, "%-14s %s%n", "target priors", priors(json.get("estimated_target_priors"))
                    + " (estimated)");
        }
        if (r.weights() != null && r.trainGroups() == null) {
            w.printf(Locale.ROOT, "%-14s effective sample size %,.0f of %,d (clipped at their %.0f %% quantile)%n",
                    "weights", r.weights().ess(), r.weights().weights().length,
                    100 * org.shiftscope.adaptation.ImportanceWeights.CLIP_QUANTILE);
        }
        if (r.groupWeights() != null) {
            w.printf(Locale.ROOT, "%-14s %s (GroupDRO's final weights)%n", "group weights", json.get("group_dro_weights"));
        }
        if (r.alignment() != null) {
            w.printf(Locale.ROOT, "%-14s side AUC in the features %.4f -> %.4f; domain head accuracy %.4f%n",
                    "alignment", r.alignment().aucBefore(), r.alignment().aucAfter(),
                    r.alignment().domainHeadAccuracy());
        }
        if (r.wise() != null && r.wise().accuracy() != null) {
            StringBuilder c = new StringBuilder();
            for (int a = 0; a < AdaptationAnalysis.WISE_FT_GRID.length; a++) {
                c.append(String.format(Locale.ROOT, "%s%.1f: %.4f", a == 0 ? "" : ", ",
                        AdaptationAnalysis.WISE_FT_GRID[a], r.wise().accuracy()[a]));
            }
            w.printf(Locale.ROOT, "%-14s target accuracy by alpha: %s%n", "wise-ft", c);
        }
        w.printf(Locale.ROOT, "%-14s ATC %.4f, CBPE %.4f (ESTIMATES of the target accuracy before the method, from"
                + " unlabelled target rows)%n", "label-free", r.atc().accuracy(), r.cbpe().accuracy());
        if (r.before() == null) {
            w.println("the target has no labels: no measured before/after metrics");
        } else {
            w.printf(Locale.ROOT, "%-18s %24s %24s %9s%n", "target metric", "before [95% CI]", "after [95% CI]",
                    "delta");
            for (String m : r.before().metrics().keySet()) {
                var b = r.before().metrics().get(m);
                var a = r.after().metrics().get(m);
                w.printf(Locale.ROOT, "%-18s %8.4f [%.4f, %.4f] %8.4f [%.4f, %.4f] %+9.4f%n", m, b.value(), b.low(),
                        b.high(), a.value(), a.low(), a.high(), a.value() - b.value());
            }
            for (int g = 0; g < r.before().groups().size(); g++) {
                var b = r.before().groups().get(g);
                var a = r.after().groups().get(g).accuracy();
                w.printf(Locale.ROOT, "%-18s %8.4f [%.4f, %.4f] %8.4f [%.4f, %.4f] %+9.4f%n",
                        "acc[" + b.group() + "]", b.accuracy().value(), b.accuracy().low(), b.accuracy().high(),
                        a.value(), a.low(), a.high(), a.value() - b.accuracy().value());
            }
            if (r.clustersBefore() != null) {
                for (int c = 0; c < r.clustersBefore().size(); c++) {
                    var b = r.clustersBefore().get(c);
                    var a = r.clustersAfter().get(c).accuracy();
                    w.printf(Locale.ROOT, "%-18s %8.4f [%.4f, %.4f] %8.4f [%.4f, %.4f] %+9.4f%n",
                            "acc[" + b.group() + "]", b.accuracy().value(), b.accuracy().low(), b.accuracy().high(),
                            a.value(), a.low(), a.high(), a.value() - b.accuracy().value());
                }
            }
            if (json.has("worse") && !json.get("worse").isEmpty()) {
                w.println("WARNING: worse after the run: " + json.get("worse"));
            }
        }
        w.flush();
        return 0;
    }

    private static String priors(JsonNode a) {
        StringBuilder b = new StringBuilder("[");
        for (JsonNode v : a) {
            b.append(b.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", v.asDouble()));
        }
        return b.append(']').toString();
    }
}
