package org.shiftscope.workflow.adapt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.shiftscope.adaptation.Calibration;
import org.shiftscope.adaptation.LabelFree;
import org.shiftscope.adaptation.method.AdaptationContext;
import org.shiftscope.adaptation.method.AdaptationMethod;
import org.shiftscope.adaptation.method.AdaptationMethods;
import org.shiftscope.adaptation.method.ClassifierTrainer;
import org.shiftscope.adaptation.method.MethodReport;
import org.shiftscope.adaptation.method.OutputMethod;
import org.shiftscope.adaptation.method.Outcome;
import org.shiftscope.adaptation.method.TestTimeMethod;
import org.shiftscope.adaptation.method.TestTimeStep;
import org.shiftscope.adaptation.method.TrainedClassifier;
import org.shiftscope.adaptation.method.TrainingRequest;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.RowMajor;
import org.shiftscope.core.Shuffle;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.embedding.ModelEmbedder;
import org.shiftscope.analysis.TreeClassifier;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.model.BuiltInModel;
import org.shiftscope.workflow.model.BuiltInTrees;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import org.shiftscope.workflow.model.EmbeddingCache;
import org.shiftscope.workflow.model.ModelProbabilities;

/**
 * The adaptation use case: the built-in classifier trained on {@value #TRAIN_SHARE} of the labelled reference rows
 * (a seeded sample, at most {@value #MAX_ROWS}), the rest (at most as many) held out for the methods that need
 * labelled source data, then the request's method, and the target metrics before and after (with bootstrap
 * intervals, per group and per cluster). Or, with a user's classifier, a method that needs its outputs alone. The
 * target's labels are used only to score, never by a method. Each run is recorded in the {@link RunStore}.
 */
public final class AdaptationRunner {

    /** Share of the reference rows the classifier trains on; the rest are held out. */
    public static final double TRAIN_SHARE = 0.7;
    /** Most reference rows the classifier trains on, and most held out (seeded samples). */
    public static final int MAX_ROWS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdaptationRunner() {
    }

    /** Every method a run can use, in menu order. */
    public static List<org.shiftscope.adaptation.method.MethodInfo> methods() {
        return AdaptationMethods.all();
    }

    /** The method with this id. */
    public static org.shiftscope.adaptation.method.MethodInfo method(String id) {
        return AdaptationMethods.info(id);
    }

    /**
     * The ids of the methods that also run on a user's model: those that need its outputs alone, and BN-adapt and
     * alpha-BN on an image network saved with torch.jit.script.
     */
    public static List<String> userModelMethods() {
        List<String> ids = new java.util.ArrayList<>(AdaptationMethods.inferenceOnly());
        ids.addAll(List.of(org.shiftscope.adaptation.method.BatchNormMethod.INFO.id(),
                org.shiftscope.adaptation.method.AlphaBatchNormMethod.INFO.id()));
        return ids;
    }

    /** Runs the request on the split, recorded in {@code store} (null: not recorded). */
    public static AdaptationRun run(Split split, AdaptRequest r, RunStore store, TaskMonitor monitor) {
        return r.model() != null ? runModel(split, r, store, monitor) : runBuiltIn(split, r, store, monitor);
    }

    private static AdaptationRun runBuiltIn(Split split, AdaptRequest o, RunStore store, TaskMonitor monitor) {
        long start = System.nanoTime();
        Map<String, Integer> classOf = BuiltInModel.classes(split, o.label());
        int nr = split.reference().rowCount();
        if (nr < 10) {
            throw DataException.of("an adaptation run needs at least 10 labelled reference rows, not " + nr);
        }
        if (o.group() != null && !split.target().column(o.group()).isPresent()) {
            throw DataException.of("group column '" + o.group() + "' is not among the target's columns");
        }
        int[] shuffled = Shuffle.seeded(nr, o.seed());
        int nTrain = (int) Math.min(MAX_ROWS, Math.round(TRAIN_SHARE * nr));
        int[] train = Arrays.copyOf(shuffled, nTrain);
        int[] held = Arrays.copyOfRange(shuffled, nTrain, Math.min(nr, nTrain + MAX_ROWS));
        boolean trees = o.classifier() == AdaptRequest.Classifier.GBT;
        ClassifierTrainer trainer = trees ? BuiltInTrees.trainer(split, o.label())
                : BuiltInModel.trainer(split, o.label());
        String model = trees ? "built-in gbt, " + TreeClassifier.TREES + " trees, seed " + o.seed()
                : (split.reference().hasImages() ? "built-in cnn" : "built-in mlp") + ", "
                + TrainingRequest.DEFAULT_DIM + " units, " + o.epochs() + " epochs, seed " + o.seed();
        ObjectNode options = JSON.createObjectNode();
        options.put("label", o.label());
        options.put("group", o.group());
        options.put("epochs", o.epochs());
        options.put("resamples", o.resamples());
        options.put("train_share", TRAIN_SHARE);
        if (o.method().info().usesAlpha()) {
            options.put("alpha", o.alpha());
        }
        if (trees) {
            options.put("classifier", o.classifier().id());
        }
        String runId = store == null ? null : store.tryStart("adapt", o.method().id(), options, o.seed(),
                SplitBuilder.dataHash(split.reference(), split.target()), model);
        return recorded(store, runId, () -> builtIn(split, o, classOf, train, held, trainer, model, runId, monitor,
                start));
    }

    /** Computes a run, recording it in the store (when there is one) as done with its result, or as failed. */
    private static AdaptationRun recorded(RunStore store, String runId, Supplier<AdaptationRun> run) {
        try {
            AdaptationRun r = run.get();
            if (store != null && runId != null) {
                store.tryFinish(runId, AdaptationRunJson.write(r)); // a disk that cannot take it keeps the result
            }
            return r;
        } catch (RuntimeException e) {
            if (store != null && runId != null) {
                store.tryFail(runId, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            throw e;
        }
    }

    private static AdaptationRun builtIn(Split split, AdaptRequest o, Map<String, Integer> classOf, int[] train,
                                         int[] held, ClassifierTrainer trainer, String model, String runId,
                                         TaskMonitor monitor, long start) {
        AdaptationMethod method = o.method();
        boolean images = split.reference().hasImages();
        method.checkInputs(images);
        int k = classOf.size();
        AtomicReference<Object> state = new AtomicReference<>();
        TestTimeStep step = method instanceof TestTimeMethod<?> t ? step(t, state, o.seed()) : null;
        TrainedClassifier m = trainer.train(TrainingRequest.builder().setRows(train).optScored(held)
                .optTestTime(step).setEpochs(o.epochs()).setSeed(o.seed()).build(), monitor.range(0, 0.8));
        monitor.progress(0.8, "adapting: " + method.id());
        Column refLabels = split.reference().requireColumn(o.label());
        int[] heldLabels = labels(refLabels, held, classOf);
        double[] heldProbs = m.referenceProbabilities();
        double[] targetProbs = m.targetProbabilities();
        AdaptationContext context = new AdaptationContext(k, train, labels(refLabels, train, classOf),
                trainGroups(split, o, train), held, heldProbs, heldLabels, m.referenceFeatures(), targetProbs,
                m.adaptedTargetProbabilities(), m.targetFeatures(), m.featureDim(), split.target().rowCount(), images,
                () -> BuiltInModel.features(split, o.label()), trainer, o.epochs(), o.seed());
        Outcome out = method instanceof OutputMethod om ? om.adapt(context, monitor.range(0.8, 0.9))
                : finish((TestTimeMethod<?>) method, context, state.get());
        monitor.checkCancelled();
        monitor.progress(0.9, "scoring before and after");
        TargetScoring sc = TargetScoring.score(split, o, classOf, targetProbs, out.targetProbabilities(),
                m.targetFeatures(), m.featureDim());
        monitor.progress(1, "adaptation done");
        return result(runId, o, classOf, model, m.trainAccuracy(), train.length, held.length, split, heldProbs,
                heldLabels, targetProbs, out, sc, start);
    }

    /** The test-time step of a method, keeping what it hands over. */
    private static <S> TestTimeStep step(TestTimeMethod<S> method, AtomicReference<Object> state, long seed) {
        return (net, xs, ys, xt, nt, monitor) -> state.set(method.adaptNetwork(net, xs, ys, xt, nt, seed, monitor));
    }

    @SuppressWarnings("unchecked")
    private static <S> Outcome finish(TestTimeMethod<S> method, AdaptationContext context, Object state) {
        return method.finish(context, (S) state);
    }

    private static int[] labels(Column labels, int[] rows, Map<String, Integer> classOf) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = classOf.get(labels.text(rows[i]));
        }
        return out;
    }

    /** The group of each training row, or null without a group column in the reference. */
    private static String[] trainGroups(Split split, AdaptRequest o, int[] train) {
        if (o.group() == null || !split.reference().column(o.group()).isPresent()) {
            return null;
        }
        Column groups = split.reference().requireColumn(o.group());
        String[] out = new String[train.length];
        for (int i = 0; i < train.length; i++) {
            out[i] = groups.text(train[i]);
        }
        return out;
    }

    /** The run's record: label-free estimates from the held-out rows, the method's report scored. */
    private static AdaptationRun result(String runId, AdaptRequest o, Map<String, Integer> classOf, String model,
                                        double accuracy, int trained, int heldOut, Split split, double[] heldProbs,
                                        int[] heldLabels, double[] targetProbs, Outcome out, TargetScoring sc,
                                        long start) {
        int k = classOf.size();
        LabelFree.Atc atc = LabelFree.atc(heldProbs, heldLabels, targetProbs, k);
        LabelFree.Cbpe cbpe = LabelFree.cbpe(Calibration.bcts(heldProbs, heldLabels, k).apply(targetProbs, k), k);
        MethodReport report = sc.labelled() == 0 ? out.report() : out.report().scored(p -> sc.accuracy(k, p));
        return new AdaptationRun(runId, o.method().id(), List.copyOf(classOf.keySet()), o.label(), o.seed(), model,
                accuracy, trained, heldOut, split.target().rowCount(), sc.labelled(), sc.shares(), atc, cbpe,
                out.lossCurve(), report, sc.fairness(), sc.clusters(), sc.before(), sc.after(),
                (System.nanoTime() - start) / 1e9, org.shiftscope.workflow.model.Devices.current());
    }

    /**
     * A run on the user's classifier (ONNX or TorchScript) instead of the built-in one: only methods that need its
     * outputs alone. The model's chosen output must give one value per class, classes being the label's reference
     * values in sorted order; values that are not already probabilities go through a softmax. Every labelled
     * reference row (a seeded sample of at most {@value #MAX_ROWS}) serves as held-out data, since the model was
     * trained elsewhere.
     */
    private static AdaptationRun runModel(Split split, AdaptRequest o, RunStore store, TaskMonitor monitor) {
        long start = System.nanoTime();
        if (!userModelMethods().contains(o.method().id())) {
            throw DataException.of(o.method().id() + " trains or changes the classifier, so it runs on the built-in"
                    + " one; with your own model use " + String.join(", ", userModelMethods())
                    + " (bn and alpha-bn on an image network saved with torch.jit.script)");
        }
        Map<String, Integer> classOf = BuiltInModel.classes(split, o.label());
        int nr = split.reference().rowCount();
        int[] held = Arrays.copyOf(Shuffle.seeded(nr, o.seed()), Math.min(nr, MAX_ROWS));
        java.nio.file.Path file = o.model().file();
        String model = file.getFileName() + " (sha256 " + EmbeddingCache.fileHash(file) + ")";
        ObjectNode options = JSON.createObjectNode();
        options.put("label", o.label());
        options.put("group", o.group());
        options.put("resamples", o.resamples());
        options.put("model_output", o.model().input().output());
        String runId = store == null ? null : store.tryStart("adapt", o.method().id(), options, o.seed(),
                SplitBuilder.dataHash(split.reference(), split.target()), model);
        return recorded(store, runId, () -> userModel(split, o, classOf, held, model, runId, monitor, start));
    }

    /** Whether the request adapts a user's network's batch norm (bn or alpha-bn). */
    private static boolean batchNorm(AdaptRequest o) {
        return o.method() instanceof org.shiftscope.adaptation.method.BatchNormMethod
                || o.method() instanceof org.shiftscope.adaptation.method.AlphaBatchNormMethod;
    }

    /** PyTorch's batch-norm momentum: each training-mode batch keeps 0.9 of the running statistics. */
    private static final double KEEP = 0.9;

    /**
     * Training-mode batches for a user's network: BN-adapt until the reference statistics keep under 1 % (44
     * batches, at least two passes over the target); alpha-BN until they keep alpha (0.9^b closest to alpha).
     */
    public static int batchNormBatches(AdaptRequest o, int targetRows, int batch) {
        if (o.method() instanceof org.shiftscope.adaptation.method.AlphaBatchNormMethod a) {
            double alpha = a.options().alpha();
            return alpha >= 1 ? 0 : alpha <= 0 ? 200 : (int) Math.round(Math.log(alpha) / Math.log(KEEP));
        }
        int perPass = (targetRows + batch - 1) / batch;
        return Math.max((int) Math.ceil(Math.log(0.01) / Math.log(KEEP)), 2 * perPass);
    }

    private static AdaptationRun userModel(Split split, AdaptRequest o, Map<String, Integer> classOf, int[] held,
                                           String model, String runId, TaskMonitor monitor, long start) {
        int k = classOf.size();
        java.nio.file.Path file = o.model().file();
        EmbeddingAnalysis.ModelInput input = o.model().input();
        try (ModelEmbedder m = ModelEmbedder.load(file, batchNorm(o))) {
            Dataset heldRows = split.reference().selectRows(held);
            double[] heldProbs = ModelProbabilities.of(EmbeddingAnalysis.embed(heldRows, m, input,
                    monitor.range(0, 0.4)), k, file);
            Embeddings targetOut = EmbeddingAnalysis.embed(split.target(), m, input, monitor.range(0.4, 0.8));
            double[] targetProbs = ModelProbabilities.of(targetOut, k, file);
            int[] heldLabels = labels(split.reference().requireColumn(o.label()), held, classOf);
            int[] heldPredicted = RowMajor.argmax(heldProbs, k);
            int right = 0;
            for (int i = 0; i < held.length; i++) {
                right += heldPredicted[i] == heldLabels[i] ? 1 : 0;
            }
            // the target's features: the model's embedding output when it has one (LAME's neighbours, the clusters),
            // else its probabilities (as floats, like any embedding)
            Embeddings featureOut = input.featuresOutput() >= 0 ? EmbeddingAnalysis.embed(split.target(), m,
                    input.withOutput(input.featuresOutput()), monitor.range(0.8, 0.9))
                    : new Embeddings(targetOut.n(), k, BuiltInModel.toFloat(targetProbs), targetOut.device());
            double[] features = featureOut.toDoubles();
            AdaptationContext context = new AdaptationContext(k, new int[0], heldLabels, null, held, heldProbs,
                    heldLabels, null, targetProbs, null, features, featureOut.d(), split.target().rowCount(),
                    split.reference().hasImages(), () -> {
                        throw DataException.of("a user's model is adapted through its outputs only");
                    }, null, 1, o.seed());
            Outcome out;
            if (batchNorm(o)) {
                o.method().checkInputs(split.target().hasImages());
                EmbeddingAnalysis.adaptBatchNorm(split.target(), m, input, batchNormBatches(o,
                        split.target().rowCount(), Math.min(input.batch(), 64)), monitor.range(0.9, 0.95));
                double[] adapted = ModelProbabilities.of(EmbeddingAnalysis.embed(split.target(), m, input,
                        monitor.range(0.95, 1)), k, file);
                out = new Outcome(adapted, o.method() instanceof org.shiftscope.adaptation.method.BatchNormMethod
                        ? new org.shiftscope.adaptation.method.BatchNormMethod.Report()
                        : new org.shiftscope.adaptation.method.AlphaBatchNormMethod.Report());
            } else {
                out = ((OutputMethod) o.method()).adapt(context, TaskMonitor.NONE);
            }
            TargetScoring sc = TargetScoring.score(split, o, classOf, targetProbs, out.targetProbabilities(), features,
                    featureOut.d());
            return result(runId, o, classOf, model, (double) right / held.length, 0, held.length, split, heldProbs,
                    heldLabels, targetProbs, out, sc, start);
        }
    }
}
