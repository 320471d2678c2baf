package org.shiftscope.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.adapt.AdaptRequest;
import org.shiftscope.workflow.adapt.AdaptationRun;
import org.shiftscope.workflow.adapt.AdaptationRunJson;
import org.shiftscope.workflow.adapt.AdaptationRunner;
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

    @Option(names = "--epochs", defaultValue = "" + AdaptRequest.DEFAULT_EPOCHS, paramLabel = "E",
            description = "Training epochs of the built-in classifier (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--resamples", defaultValue = "" + AdaptRequest.DEFAULT_RESAMPLES, paramLabel = "B",
            description = "Bootstrap resamples of the metrics' 95 %% intervals (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Adapt your own classifier (ONNX or TorchScript) instead of training the built-in one:"
                    + " bbse, bbse-soft, mlls and lame, which need only its outputs, and bn / alpha-bn on an image"
                    + " network saved with torch.jit.script. --model-output K picks the output"
                    + " with one value per class (classes in the label's sorted order); logits or probabilities;"
                    + " --model-features J the output holding its embedding (LAME's neighbours, the clusters).")
    java.nio.file.Path model;

    @Mixin
    EmbedCommand.ModelOptions modelOptions;

    @Option(names = "--alpha", defaultValue = "" + AdaptRequest.DEFAULT_ALPHA, paramLabel = "A",
            description = "alpha-bn: weight of the reference's batch-norm statistics; wise-ft: weight of the fine-tuned"
                    + " model; 0..1 (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--clusters", defaultValue = "" + AdaptRequest.DEFAULT_CLUSTERS, paramLabel = "K",
            description = "Score the target's k-means clusters (in the classifier's features) before and after"
                    + " (default ${DEFAULT-VALUE}; 0 for none).")
    int clusters;

    @Option(names = "--classifier", defaultValue = "mlp", paramLabel = "mlp|gbt",
            description = "The built-in classifier: mlp (the network: an MLP on tables, a CNN on images; every method)"
                    + " or gbt (gradient-boosted trees on tables: bbse, bbse-soft, mlls, iw, kliep, group-upweight,"
                    + " lame, pseudo, coral). Default ${DEFAULT-VALUE}.")
    String classifier;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        AdaptRequest request = AdaptRequest.of(method, alpha, label, group, seed, epochs, resamples, clusters,
                model == null ? null : new AdaptRequest.UserModel(model, modelOptions.modelInput()),
                AdaptRequest.Classifier.parse(classifier));
        Split s = split.build();
        RunStore store;
        String unrecorded;
        try {
            store = RunStore.standard();
            unrecorded = null;
        } catch (org.shiftscope.core.DataException e) {
            store = null; // a read-only or full home folder: the run goes on, unrecorded
            unrecorded = e.getMessage();
        }
        AdaptationRun r = AdaptationRunner.run(s, request, store, monitor);
        ConsoleProgress.clear(monitor);
        if (store != null && store.writeProblem() != null) {
            unrecorded = store.writeProblem();
        }
        if (unrecorded != null) {
            spec.commandLine().getErr().println("note: this run is not in the run history (" + unrecorded + ")");
            spec.commandLine().getErr().flush();
        }
        PrintWriter w = spec.commandLine().getOut();
        if (output.json()) {
            Json.print(w, "adapt", AdaptationRunJson.write(r));
            return 0;
        }
        w.printf(Locale.ROOT, "run %s: %s on %s (trained on %,d reference rows, %,d held out; %s accuracy %.3f)%n",
                r.runId() == null ? "(not recorded)" : r.runId(), r.method(), r.model(), r.trained(), r.heldOut(), r.userModel() ? "held-out" : "train",
                r.trainAccuracy());
        w.printf(Locale.ROOT, "%-14s %s%n", "classes", r.classes());
        if (!r.report().summary().isEmpty()) {
            w.printf(Locale.ROOT, "%-14s %s%n", r.method(), r.report().summary());
        }
        w.printf(Locale.ROOT, "%-14s ATC %.4f, CBPE %.4f (ESTIMATES of the target accuracy before the method, from"
                + " unlabelled target rows)%n", "label-free", r.atc().accuracy(), r.cbpe().accuracy());
        if (r.before() == null) {
            w.println("the target has no labels: no measured before/after metrics");
        } else {
            w.printf(Locale.ROOT, "%-18s %24s %24s %9s%n", "target metric", "before [95% CI]", "after [95% CI]",
                    "delta");
            for (String m : r.before().metrics().keySet()) {
                row(w, m, r.before().metrics().get(m), r.after().metrics().get(m));
            }
            for (int g = 0; g < r.before().groups().size(); g++) {
                var b = r.before().groups().get(g);
                row(w, "acc[" + b.group() + "]", b.accuracy(), r.after().groups().get(g).accuracy());
            }
            if (r.clusters() != null) {
                for (AdaptationRun.ClusterChange c : r.clusters()) {
                    row(w, "acc[" + c.cluster() + "]", c.before(), c.after());
                }
            }
            if (!r.worse().isEmpty()) {
                w.println("WARNING: worse after the run: " + String.join(", ", r.worse()));
            }
        }
        w.flush();
        return 0;
    }

    private static void row(PrintWriter w, String name, Evaluation.Estimate b, Evaluation.Estimate a) {
        w.printf(Locale.ROOT, "%-18s %8.4f [%.4f, %.4f] %8.4f [%.4f, %.4f] %+9.4f%n", name, b.value(), b.low(),
                b.high(), a.value(), a.low(), a.high(), a.value() - b.value());
    }
}
