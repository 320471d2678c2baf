package org.shiftscope.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shiftscope.adaptation.Calibration;
import org.shiftscope.adaptation.Coral;
import org.shiftscope.adaptation.ImportanceWeights;
import org.shiftscope.adaptation.Kliep;
import org.shiftscope.adaptation.LabelFree;
import org.shiftscope.adaptation.Lame;
import org.shiftscope.adaptation.LabelShift;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.EnumIds;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.Metrics;
import org.shiftscope.transport.KMeans;
import org.shiftscope.transport.Points;

/**
 * An adaptation run on a split: the built-in classifier trained on {@value #TRAIN_SHARE} of the labelled reference
 * rows (a seeded sample, at most {@value #MAX_ROWS}), the rest (at most as many) held out for the methods that need
 * labelled source data, then a method that corrects it
 * for the shift, and the target metrics before and after (with bootstrap intervals, per group when a group column
 * is given). The target's labels are used only to score, never by a method. Each run is recorded in the
 * {@link RunStore}.
 */
public final class AdaptationAnalysis {

    /** Share of the reference rows the classifier trains on; the rest are held out. */
    public static final double TRAIN_SHARE = 0.7;
    /** Confidence from which a target row is pseudo-labelled (self-training). */
    public static final double PSEUDO_THRESHOLD = 0.9;
    /** TENT's passes over the target and Adam learning rate (Wang et al. use one pass, 1e-3). */
    public static final int TENT_EPOCHS = 1;
    public static final double TENT_LR = 1e-3;
    /** WiSE-FT's passes of fine-tuning. */
    public static final int WISE_FT_EPOCHS = 2;
    /** The interpolation weights at which WiSE-FT scores the target (0 = the classifier, 1 = its fine-tune). */
    public static final double[] WISE_FT_GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
    /** Most target rows the domain classifier test of DANN's features uses (a seeded sample). */
    public static final int DOMAIN_TEST_ROWS = 5_000;
    /** Most reference rows the classifier trains on, and most held out (seeded samples). */
    public static final int MAX_ROWS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdaptationAnalysis() {
    }

    public enum Method {
        /** Black-box shift estimation (label shift) on predicted classes. */
        BBSE,
        /** Black-box shift estimation on predicted probabilities (less variable). */
        BBSE_SOFT,
        /** Maximum-likelihood label shift by EM on probabilities calibrated by BCTS. */
        MLLS,
        /** Covariate shift: importance weights from a domain classifier, the classifier retrained with them. */
        IW,
        /** Covariate shift: importance weights by KLIEP (kernel density-ratio fit), the classifier retrained. */
        KLIEP,
        /** Test-time: the CNN's batch-norm statistics re-estimated on the target images. */
        BN,
        /** Test-time: batch-norm statistics mixed, alpha x reference + (1 - alpha) x target. */
        ALPHA_BN,
        /** Test-time: BN-adapt, then the batch-norm scale and shift trained to minimise prediction entropy. */
        TENT,
        /** Subpopulation shift: the classifier retrained with every group of the group column weighing the same. */
        GROUP_UPWEIGHT,
        /** Test-time, output-only: probabilities adjusted to agree with nearest neighbours in feature space. */
        LAME,
        /** Self-training: retrained with the target rows the classifier is sure of, labelled by its own answer. */
        PSEUDO,
        /** Feature alignment: reference features re-coloured to the target's covariance, the classifier retrained. */
        CORAL,
        /** Feature alignment: domain-adversarial training (a gradient-reversed domain head hides the side). */
        DANN,
        /** Subpopulation shift: GroupDRO, online weights on the groups' losses (the worst group's grows). */
        GROUP_DRO,
        /** Robust fine-tuning: weights interpolated between the classifier and its fine-tune on the target. */
        WISE_FT;

        public String id() {
            return EnumIds.id(this);
        }

        public static Method parse(String s) {
            return EnumIds.parse(Method.class, s, "adaptation method");
        }
    }

    /**
     * @param group     column whose values are the groups of the per-group metrics, or null
     * @param resamples bootstrap resamples of the metrics' intervals
     * @param alpha     alpha-BN's weight of the reference statistics; WiSE-FT's weight of the fine-tuned model
     * @param clusters  k-means clusters of the target (in the classifier's features) scored before and after; 0 for
     *                  none
     */
    public record Options(Method method, String label, String group, long seed, int epochs, int resamples,
                          double alpha, int clusters) {

        public Options(Method method, String label, String group, long seed, int epochs, int resamples) {
            this(method, label, group, seed, epochs, resamples, 0.5, 8);
        }
    }

    /**
     * @param before      target metrics of the classifier as trained (null when the target has no labels)
     * @param after       target metrics after the method (null likewise)
     * @param estimate    the label-shift estimate (null for other methods)
     * @param weights     the importance weights of the training rows (IW; null for other methods)
     * @param trainGroups group upweighting: the training rows of each group before reweighting (else null)
     * @param pseudoLabelled self-training: target rows added with pseudo-labels (else -1)
     * @param lossCurve   an iterative method's loss per step (TENT: mean prediction entropy); null otherwise
     * @param atc         label-free estimate of the target accuracy before the method (never uses target labels)
     * @param cbpe        the same from BCTS-calibrated probabilities, with the expected confusion matrix
     * @param clustersBefore accuracy per target cluster before the method (null without target labels or clusters)
     * @param temperature the calibration temperature (NaN for methods that do not calibrate)
     * @param targetShares the class shares of the labelled target rows (what the estimated priors aim at; null
     *                     without target labels)
     * @param groupWeights GroupDRO's final weight of each group (else null)
     * @param alignment   DANN: how well the side of a row can be told from the classifier's features (else null)
     * @param wise        WiSE-FT: the fine-tuning and the target accuracy along the interpolation (else null)
     * @param fairness    a binary label and a group column: the subgroup audit before and after (else null)
     */
    public record Result(String runId, Options options, List<String> classes, LabelShift.Estimate estimate,
                         ImportanceWeights.Result weights, Map<String, Integer> trainGroups, int pseudoLabelled,
                         double[] lossCurve,
                         LabelFree.Atc atc,
                         LabelFree.Cbpe cbpe, List<Evaluation.GroupAccuracy> clustersBefore,
                         List<Evaluation.GroupAccuracy> clustersAfter,
                         Evaluation.Result before, Evaluation.Result after, double temperature,
                         double trainAccuracy, int trained, int heldOut, int target, int targetLabelled,
                         double[] targetShares, Map<String, Double> groupWeights, Alignment alignment,
                         Wise wise, Fairness fairness, String model, double seconds) {
    }

    /**
     * How separable the two sides are in the classifier's features: the out-of-fold AUC of the classifier
     * two-sample test (held-out reference rows vs target rows, at most {@value #DOMAIN_TEST_ROWS} each) for the
     * plain classifier and for DANN's, and the accuracy of DANN's own domain head at the end of training.
     */
    public record Alignment(double aucBefore, double aucAfter, double domainHeadAccuracy) {
    }

    /**
     * @param pseudoLabelled target rows the fine-tuning used, with the classifier's own labels
     * @param accuracy       target accuracy at each weight of {@link #WISE_FT_GRID} (null without target labels)
     */
    public record Wise(int pseudoLabelled, double[] accuracy) {
    }

    /** A binary label with a group column: the target's subgroup audit before and after the method. */
    public record Fairness(AuditAnalysis.Audit before, AuditAnalysis.Audit after) {
    }

    /** The rates a run's "fairness" reports per group, before and after. */
    public static final List<String> FAIRNESS_RATES = List.of("selection_rate", "tpr", "fpr");

    /**
     * One group's rate before and after a run, read from the run's JSON "fairness" (as stored in the history).
     *
     * @param before the group's object in "before" (its value and "ci")
     * @param after  the group's object in "after"
     */
    public record RateChange(String group, String metric, JsonNode before, JsonNode after) {

        public double change() {
            return after.get(metric).asDouble() - before.get(metric).asDouble();
        }

        /** "value [low, high]" of one side (the value alone without an interval), to {@code decimals} places. */
        public static String text(JsonNode side, String metric, int decimals) {
            JsonNode ci = side.path("ci").path(metric);
            String f = "%." + decimals + "f";
            return ci.size() == 2 && ci.get(0).isNumber() ? String.format(Locale.ROOT, f + " [" + f + ", " + f + "]",
                    side.get(metric).asDouble(), ci.get(0).asDouble(), ci.get(1).asDouble())
                    : String.format(Locale.ROOT, f, side.get(metric).asDouble());
        }
    }

    /** Every group's {@link #FAIRNESS_RATES} that the run's "fairness" has on both sides, in the "before" order. */
    public static List<RateChange> rateChanges(JsonNode fairness) {
        Map<String, JsonNode> after = new java.util.HashMap<>();
        fairness.path("after").path("groups").forEach(g -> after.put(g.get("group").asText(), g));
        List<RateChange> out = new ArrayList<>();
        for (JsonNode b : fairness.path("before").path("groups")) {
            JsonNode a = after.get(b.get("group").asText());
            for (String m : FAIRNESS_RATES) {
                if (a != null && b.path(m).isNumber() && a.path(m).isNumber()) {
                    out.add(new RateChange(b.get("group").asText(), m, b, a));
                }
            }
        }
        return out;
    }

    public static Result run(Split split, Options o, RunStore store, TaskMonitor monitor) {
        long start = System.nanoTime();
        Map<String, Integer> classOf = BuiltInModel.classes(split, o.label());
        int k = classOf.size();
        int nr = split.reference().rowCount();
        if (nr < 10) {
            throw DataException.of("an adaptation run needs at least 10 labelled reference rows, not " + nr);
        }
        if (o.group() != null && !split.target().column(o.group()).isPresent()) {
            throw DataException.of("group column '" + o.group() + "' is not among the target's columns");
        }
        int[] shuffled = shuffle(java.util.stream.IntStream.range(0, nr).toArray(), o.seed());
        int nTrain = (int) Math.min(MAX_ROWS, Math.round(TRAIN_SHARE * nr));
        int[] train = Arrays.copyOf(shuffled, nTrain);
        int[] held = Arrays.copyOfRange(shuffled, nTrain, Math.min(nr, nTrain + MAX_ROWS));
        String model = (split.reference().hasImages() ? "built-in cnn" : "built-in mlp") + ", 16 units, " + o.epochs()
                + " epochs, seed " + o.seed();
        ObjectNode options = JSON.createObjectNode();
        options.put("label", o.label());
        options.put("group", o.group());
        options.put("epochs", o.epochs());
        options.put("resamples", o.resamples());
        options.put("train_share", TRAIN_SHARE);
        if (o.method() == Method.ALPHA_BN || o.method() == Method.WISE_FT) {
            if (!(o.alpha() >= 0 && o.alpha() <= 1)) {
                throw DataException.of("alpha must lie in [0, 1], not " + o.alpha());
            }
            options.put("alpha", o.alpha());
        }
        String runId = store == null ? null : store.start("adapt", o.method().id(), options, o.seed(),
                dataHash(split), model);
        return recorded(store, runId, () -> compute(split, o, classOf, k, train, held, model, runId, monitor,
                start));
    }

    /** Computes a run, recording it in the store (when there is one) as done with its result, or as failed. */
    private static Result recorded(RunStore store, String runId, java.util.function.Supplier<Result> run) {
        try {
            Result r = run.get();
            if (store != null) {
                store.finish(runId, toJson(r));
            }
            return r;
        } catch (RuntimeException e) {
            if (store != null) {
                store.fail(runId, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            throw e;
        }
    }

    private static Result compute(Split split, Options o, Map<String, Integer> classOf, int k, int[] train,
                                  int[] held, String model, String runId, TaskMonitor monitor, long start) {
        boolean testTime = o.method() == Method.BN || o.method() == Method.ALPHA_BN || o.method() == Method.TENT;
        if (testTime && !split.reference().hasImages()) {
            throw DataException.of(o.method().id() + " adapts the batch-norm layers of the built-in image CNN; the"
                    + " data are not images (use iw, bbse or mlls)");
        }
        double alpha = o.method() == Method.ALPHA_BN ? o.alpha() : 0;
        double[][] curve = {null};
        double[][] wiseProbs = new double[WISE_FT_GRID.length][];
        int[] wiseRows = {-1};
        BuiltInModel.Adapter adapter = o.method() == Method.WISE_FT
                ? (net, xs, ys, xt, nt, mon) -> {
                    wiseRows[0] = wiseFineTune(net, xs, ys, xt, nt, o, wiseProbs, curve, mon);
                }
                : !testTime ? null : o.method() == Method.TENT
                ? (net, xs, ys, xt, nt, mon) -> curve[0] = net.tent(xt, nt, TENT_EPOCHS, TENT_LR, mon)
                : (net, xs, ys, xt, nt, mon) -> net.adaptBatchNorm(xt, nt, alpha, mon);
        BuiltInModel.Trained m = BuiltInModel.train(split, o.label(), 16, o.epochs(), train, o.seed(), held, adapter,
                monitor.range(0, 0.8));
        monitor.progress(0.8, "adapting: " + o.method().id());
        Column refLabels = split.reference().requireColumn(o.label());
        double[] heldProbs = new double[held.length * k];
        int[] heldLabels = new int[held.length];
        double[] sourcePriors = new double[k];
        for (int i = 0; i < held.length; i++) {
            System.arraycopy(m.reference().probabilities(), i * k, heldProbs, i * k, k);
            heldLabels[i] = classOf.get(refLabels.text(held[i]));
            sourcePriors[heldLabels[i]] += 1.0 / held.length;
        }
        double[] targetProbs = m.target().probabilities();
        LabelFree.Atc atc = LabelFree.atc(heldProbs, heldLabels, targetProbs, k);
        LabelFree.Cbpe cbpe = LabelFree.cbpe(Calibration.bcts(heldProbs, heldLabels, k).apply(targetProbs, k), k);
        LabelShift.Estimate estimate = null;
        ImportanceWeights.Result weights = null;
        Map<String, Integer> groupSizes = null;
        int pseudoRows = -1;
        double temperature = Double.NaN;
        Map<String, Double> groupWeights = null;
        Alignment alignment = null;
        double[] adapted;
        switch (o.method()) {
            case BBSE, BBSE_SOFT -> {
                // the weights need no calibration; re-weighting posteriors does (Alexandari et al. 2020)
                estimate = LabelShift.bbse(heldProbs, heldLabels, targetProbs, k, o.method() == Method.BBSE_SOFT);
                Calibration.Bcts bcts = Calibration.bcts(heldProbs, heldLabels, k);
                temperature = bcts.temperature();
                adapted = LabelShift.correct(bcts.apply(targetProbs, k), k, estimate.weights());
            }
            case MLLS -> {
                Calibration.Bcts bcts = Calibration.bcts(heldProbs, heldLabels, k);
                temperature = bcts.temperature();
                double[] calibrated = bcts.apply(targetProbs, k);
                double[] trainPriors = new double[k];
                for (int i : train) {
                    trainPriors[classOf.get(refLabels.text(i))] += 1.0 / train.length;
                }
                estimate = LabelShift.mlls(calibrated, trainPriors, k);
                adapted = LabelShift.correct(calibrated, k, estimate.weights());
            }
            case IW, KLIEP -> {
                if (split.reference().hasImages()) {
                    throw DataException.of("importance weighting works on tabular features; the data are images");
                }
                BuiltInModel.Features f = BuiltInModel.features(split, o.label());
                int nt = split.target().rowCount();
                double[] pooled = new double[(train.length + nt) * f.d()];
                for (int i = 0; i < train.length; i++) {
                    System.arraycopy(f.reference(), train[i] * f.d(), pooled, i * f.d(), f.d());
                }
                System.arraycopy(f.target(), 0, pooled, train.length * f.d(), nt * f.d());
                weights = o.method() == Method.KLIEP
                        ? Kliep.fit(pooled, train.length + nt, f.d(), train.length, o.seed())
                        : ImportanceWeights.fit(pooled, train.length + nt, f.d(), train.length, o.seed(),
                        monitor.range(0.8, 0.85));
                monitor.progress(0.85, "retraining on the importance-weighted sample");
                adapted = retrain(split, o, train, weights.weights(), monitor.range(0.85, 0.9));
            }
            case BN, ALPHA_BN, TENT, WISE_FT -> adapted = m.adaptedTarget().probabilities();
            case DANN -> {
                monitor.progress(0.8, "DANN: domain-adversarial training on the reference and the target");
                BuiltInModel.Trained d = BuiltInModel.train(split, o.label(), 16, o.epochs(), train, null, null,
                        o.seed(), held, null, (x, n, shape, y, classes, xt, nt, mon) -> org.shiftscope.embedding
                                .BuiltInEncoder.dann(x, n, y, xt, nt, shape, classes, BuiltInModel.HIDDEN, 16,
                                        o.epochs(), 1, o.seed(), mon), monitor.range(0.8, 0.88));
                adapted = d.target().probabilities();
                curve[0] = d.lossCurve();
                monitor.progress(0.88, "testing how separable the sides are in both models' features");
                alignment = new Alignment(domainAuc(m, o.seed()), domainAuc(d, o.seed()), d.domainAccuracy());
            }
            case GROUP_DRO -> {
                Column groups = referenceGroups(split, o, "GroupDRO");
                Map<String, Integer> index = new java.util.TreeMap<>();
                for (int i : train) {
                    index.putIfAbsent(groups.text(i), 0);
                }
                List<String> names = List.copyOf(index.keySet());
                for (int g = 0; g < names.size(); g++) {
                    index.put(names.get(g), g);
                }
                int[] groupOf = new int[train.length];
                for (int i = 0; i < train.length; i++) {
                    groupOf[i] = index.get(groups.text(train[i]));
                }
                double[] q = new double[names.size()];
                Arrays.fill(q, 1.0 / q.length);
                monitor.progress(0.8, "GroupDRO: training with online group weights");
                BuiltInModel.Trained d = BuiltInModel.train(split, o.label(), 16, o.epochs(), train, null, null,
                        o.seed(), new int[0], null, (x, n, shape, y, classes, xt, nt, mon) -> org.shiftscope
                                .embedding.BuiltInEncoder.groupDro(x, n, shape, y, classes, groupOf, q,
                                        BuiltInModel.HIDDEN, 16, o.epochs(), o.seed(), mon),
                        monitor.range(0.8, 0.9));
                adapted = d.target().probabilities();
                curve[0] = d.lossCurve();
                groupWeights = new java.util.LinkedHashMap<>();
                for (int g = 0; g < names.size(); g++) {
                    groupWeights.put(names.get(g), q[g]);
                }
            }
            case PSEUDO -> {
                int[] predicted = org.shiftscope.core.RowMajor.argmax(targetProbs, k);
                List<Integer> sure = new ArrayList<>();
                for (int i = 0; i < predicted.length; i++) {
                    if (targetProbs[i * k + predicted[i]] >= PSEUDO_THRESHOLD) {
                        sure.add(i);
                    }
                }
                int[] rows = sure.stream().mapToInt(Integer::intValue).toArray();
                int[] classes = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    classes[i] = predicted[rows[i]];
                }
                pseudoRows = rows.length;
                monitor.progress(0.85, "retraining with " + rows.length + " pseudo-labelled target rows");
                adapted = BuiltInModel.train(split, o.label(), 16, o.epochs(), train,
                        new BuiltInModel.Pseudo(rows, classes), null, o.seed(), new int[0], null,
                        monitor.range(0.85, 0.9))
                        .target().probabilities();
            }
            case CORAL -> {
                if (split.reference().hasImages()) {
                    throw DataException.of("CORAL aligns tabular features; the data are images");
                }
                BuiltInModel.Features f = BuiltInModel.features(split, o.label());
                int nt = split.target().rowCount();
                monitor.progress(0.85, "aligning the reference's feature covariance to the target's");
                double[] aligned = Coral.align(f.reference(), split.reference().rowCount(), f.target(), nt, f.d(), 1);
                adapted = BuiltInModel.train(split, o.label(), 16, o.epochs(), train, null,
                        new BuiltInModel.Features(aligned, f.target(), f.d()), o.seed(), new int[0], null,
                        monitor.range(0.85, 0.9)).target().probabilities();
            }
            case LAME -> {
                monitor.progress(0.85, "LAME: nearest neighbours of the target in the classifier's features");
                adapted = Lame.adjust(targetProbs, k, m.target().embeddings().toDoubles(),
                        m.target().embeddings().d());
            }
            case GROUP_UPWEIGHT -> {
                Column groups = referenceGroups(split, o, "group upweighting");
                Map<String, Integer> count = new java.util.TreeMap<>();
                for (int i : train) {
                    count.merge(groups.text(i), 1, Integer::sum);
                }
                double[] w = new double[train.length];
                for (int i = 0; i < train.length; i++) {
                    w[i] = 1.0 / count.get(groups.text(train[i]));
                }
                monitor.progress(0.85, "retraining with every group weighing the same");
                weights = new ImportanceWeights.Result(w, ImportanceWeights.ess(w), Double.NaN);
                groupSizes = count;
                adapted = retrain(split, o, train, w, monitor.range(0.85, 0.9));
            }
            default -> throw new IllegalStateException(o.method().name());
        }
        monitor.checkCancelled();
        monitor.progress(0.9, "scoring before and after");
        Scores sc = score(split, o, classOf, k, targetProbs, adapted, m.target().embeddings());
        Wise wise = o.method() != Method.WISE_FT ? null : new Wise(wiseRows[0], sc.labelled() == 0 ? null
                : Arrays.stream(wiseProbs).mapToDouble(p -> targetAccuracy(sc, k, p)).toArray());
        monitor.progress(1, "adaptation done");
        return new Result(runId, o, m.classes(), estimate, weights, groupSizes, pseudoRows, curve[0], atc, cbpe,
                sc.clustersBefore(), sc.clustersAfter(), sc.before(), sc.after(), temperature, m.trainAccuracy(),
                train.length, held.length, split.target().rowCount(), sc.labelled(), sc.shares(), groupWeights,
                alignment, wise, sc.fairness(), model, (System.nanoTime() - start) / 1e9);
    }

    /**
     * WiSE-FT (M. Wortsman, G. Ilharco, J. W. Kim et al., "Robust fine-tuning of zero-shot models", CVPR 2022):
     * the classifier is fine-tuned for {@value #WISE_FT_EPOCHS} passes on its training rows plus the target rows it
     * predicts with confidence >= {@value #PSEUDO_THRESHOLD} (labelled by its own answer: target labels are never
     * used), and its weights are then set to (1 - alpha) x the classifier's + alpha x the fine-tune's. The target's
     * probabilities at every weight of {@link #WISE_FT_GRID} go into {@code probs}; the fine-tuning loss into
     * {@code curve[0]}. Returns the number of pseudo-labelled target rows.
     */
    private static int wiseFineTune(org.shiftscope.embedding.BuiltInEncoder net, float[] xs, int[] ys, float[] xt,
                                    int nt, Options o, double[][] probs, double[][] curve, TaskMonitor monitor) {
        float[][] start = net.parameters();
        org.shiftscope.embedding.BuiltInEncoder.Output out = net.encode(xt, nt, monitor.range(0, 0.1));
        int k = out.classes();
        int per = xt.length / Math.max(1, nt);
        List<Integer> sure = new ArrayList<>();
        for (int i = 0; i < nt; i++) {
            if (out.probabilities()[i * k + out.predicted()[i]] >= PSEUDO_THRESHOLD) {
                sure.add(i);
            }
        }
        int n = ys.length + sure.size();
        float[] x = Arrays.copyOf(xs, n * per);
        int[] y = Arrays.copyOf(ys, n);
        for (int j = 0; j < sure.size(); j++) {
            System.arraycopy(xt, sure.get(j) * per, x, (ys.length + j) * per, per);
            y[ys.length + j] = out.predicted()[sure.get(j)];
        }
        curve[0] = net.fineTune(x, n, y, WISE_FT_EPOCHS, o.seed(), monitor.range(0.1, 0.7));
        float[][] tuned = net.parameters();
        for (int a = 0; a < WISE_FT_GRID.length; a++) {
            monitor.checkCancelled();
            net.interpolate(start, tuned, WISE_FT_GRID[a]);
            probs[a] = net.encode(xt, nt, TaskMonitor.NONE).probabilities();
            monitor.progress(0.7 + 0.3 * (a + 1) / WISE_FT_GRID.length, "WiSE-FT: scoring alpha " + WISE_FT_GRID[a]);
        }
        net.interpolate(start, tuned, o.alpha());
        return sure.size();
    }

    /** The reference's group column of a method that needs one. */
    private static Column referenceGroups(Split split, Options o, String method) {
        if (o.group() == null || !split.reference().column(o.group()).isPresent()) {
            throw DataException.of(method + " needs --group COL, a column of the reference");
        }
        return split.reference().requireColumn(o.group());
    }

    /** Accuracy of target probabilities on the labelled target rows the scores were computed on. */
    private static double targetAccuracy(Scores sc, int k, double[] p) {
        int[] predicted = org.shiftscope.core.RowMajor.argmax(p, k);
        int right = 0;
        for (int j = 0; j < sc.rows().length; j++) {
            right += predicted[sc.rows()[j]] == sc.y()[j] ? 1 : 0;
        }
        return (double) right / sc.rows().length;
    }

    /**
     * The out-of-fold AUC of the classifier two-sample test telling the model's held-out reference rows from target
     * rows in its features (at most {@value #DOMAIN_TEST_ROWS} of each, seeded samples).
     */
    private static double domainAuc(BuiltInModel.Trained m, long seed) {
        org.shiftscope.embedding.Embeddings r = m.reference().embeddings();
        org.shiftscope.embedding.Embeddings t = m.target().embeddings();
        int d = r.d();
        int nr = Math.min(r.n(), DOMAIN_TEST_ROWS);
        int nt = Math.min(t.n(), DOMAIN_TEST_ROWS);
        int[] rr = shuffle(java.util.stream.IntStream.range(0, r.n()).toArray(), seed);
        int[] tt = shuffle(java.util.stream.IntStream.range(0, t.n()).toArray(), seed + 1);
        double[] pooled = new double[(nr + nt) * d];
        double[] rv = r.toDoubles();
        double[] tv = t.toDoubles();
        for (int i = 0; i < nr; i++) {
            System.arraycopy(rv, rr[i] * d, pooled, i * d, d);
        }
        for (int i = 0; i < nt; i++) {
            System.arraycopy(tv, tt[i] * d, pooled, (nr + i) * d, d);
        }
        List<String> names = java.util.stream.IntStream.range(0, d).mapToObj(j -> "e" + j).toList();
        return org.shiftscope.analysis.ClassifierTest.test(pooled, nr + nt, d, nr, names, seed, TaskMonitor.NONE)
                .auc();
    }

    /**
     * The target metrics before and after, per group and per cluster, on the labelled target rows {@code rows}
     * (their classes {@code y}).
     */
    private record Scores(Evaluation.Result before, Evaluation.Result after, double[] shares,
                          List<Evaluation.GroupAccuracy> clustersBefore, List<Evaluation.GroupAccuracy> clustersAfter,
                          int[] rows, int[] y, Fairness fairness) {

        int labelled() {
            return rows.length;
        }
    }

    /**
     * Scores the target probabilities before and after a method on the target rows whose label is a reference
     * class; clusters are k-means clusters of {@code features} (one row per target row). All null without labels.
     */
    private static Scores score(Split split, Options o, Map<String, Integer> classOf, int k, double[] targetProbs,
                                double[] adapted, org.shiftscope.embedding.Embeddings features) {
        Column targetLabels = split.target().column(o.label()).orElse(null);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; targetLabels != null && i < targetLabels.size(); i++) {
            if (!targetLabels.isMissing(i) && classOf.containsKey(targetLabels.text(i))) {
                rows.add(i);
            }
        }
        int labelled = rows.size();
        if (labelled == 0) {
            return new Scores(null, null, null, null, null, new int[0], new int[0], null);
        }
        int[] y = new int[labelled];
        String[] group = o.group() == null ? null : new String[labelled];
        Column groups = o.group() == null ? null : split.target().requireColumn(o.group());
        double[] pb = new double[labelled * k];
        double[] pa = new double[labelled * k];
        double[] shares = new double[k];
        for (int j = 0; j < labelled; j++) {
            int i = rows.get(j);
            y[j] = classOf.get(targetLabels.text(i));
            shares[y[j]] += 1.0 / labelled;
            if (group != null) {
                group[j] = groups.text(i);
            }
            System.arraycopy(targetProbs, i * k, pb, j * k, k);
            System.arraycopy(adapted, i * k, pa, j * k, k);
        }
        Evaluation.Result before = Evaluation.of(pb, k, y, group, o.resamples(), o.seed());
        Evaluation.Result after = Evaluation.of(pa, k, y, group, o.resamples(), o.seed());
        List<Evaluation.GroupAccuracy> clustersBefore = null;
        List<Evaluation.GroupAccuracy> clustersAfter = null;
        if (o.clusters() > 1 && labelled >= o.clusters()) {
            // clusters of the target in the classifier's features (k-means, seeded), scored like groups
            Points points = new Points(features.n(), features.d(), features.toDoubles());
            int[] all = KMeans.fit(points, o.clusters(), o.seed()).assign(points);
            String[] cluster = new String[labelled];
            for (int j = 0; j < labelled; j++) {
                cluster[j] = "cluster " + all[rows.get(j)];
            }
            clustersBefore = Evaluation.of(pb, k, y, cluster, o.resamples(), o.seed()).groups();
            clustersAfter = Evaluation.of(pa, k, y, cluster, o.resamples(), o.seed()).groups();
        }
        Fairness fairness = k == 2 && group != null ? fairness(classOf, y, pb, pa, group, o) : null;
        return new Scores(before, after, shares, clustersBefore, clustersAfter,
                rows.stream().mapToInt(Integer::intValue).toArray(), y, fairness);
    }

    /**
     * A binary label's subgroup audit of the target before and after (decision: the positive class is the more
     * probable one; its probability is the score), so an auditor sees whether the method closed or widened a gap.
     * The positive class is the one written 1 / yes / true, else the second in sorted order.
     */
    private static Fairness fairness(Map<String, Integer> classOf, int[] y, double[] pb, double[] pa, String[] group,
                                     Options o) {
        List<String> classes = List.copyOf(classOf.keySet());
        String positive = classes.stream().filter(AuditAnalysis::readsPositive).findFirst().orElse(classes.get(1));
        int pos = classOf.get(positive);
        int n = y.length;
        boolean[] truth = new boolean[n];
        for (int j = 0; j < n; j++) {
            truth[j] = y[j] == pos;
        }
        AuditAnalysis.Audit[] audits = new AuditAnalysis.Audit[2];
        double[][] probs = {pb, pa};
        for (int t = 0; t < 2; t++) {
            boolean[] decided = new boolean[n];
            double[] score = new double[n];
            for (int j = 0; j < n; j++) {
                score[j] = probs[t][j * 2 + pos];
                decided[j] = score[j] >= probs[t][j * 2 + 1 - pos];
            }
            audits[t] = new AuditAnalysis.Audit(t == 0 ? "target before" : "target after", n, 0, positive,
                    "the more probable class is " + positive, org.shiftscope.metrics.GroupFairness.of(truth, decided, score, group, null,
                    AuditAnalysis.DEFAULT_MIN_GROUP_SIZE, o.resamples(), o.seed()));
        }
        return new Fairness(audits[0], audits[1]);
    }

    /** Methods that only need a classifier's outputs, so they also run on a user's model. */
    public static final java.util.Set<Method> INFERENCE_ONLY = java.util.EnumSet.of(Method.BBSE, Method.BBSE_SOFT,
            Method.MLLS);

    /**
     * A run on the user's classifier (ONNX or TorchScript) instead of the built-in one: only methods that need its
     * outputs alone ({@link #INFERENCE_ONLY}). Output {@code input.output()} of the model must give one value per
     * class, classes being the label's reference values in sorted order; values that are not already probabilities
     * (non-negative, rows summing to 1) are taken as logits and go through a softmax. Every labelled reference row
     * (a seeded sample of at most {@value #MAX_ROWS}) serves as held-out data, since the model was trained elsewhere.
     */
    public static Result runModel(Split split, Options o, java.nio.file.Path modelFile,
                                  EmbeddingAnalysis.ModelInput input, RunStore store, TaskMonitor monitor) {
        long start = System.nanoTime();
        if (!INFERENCE_ONLY.contains(o.method())) {
            throw DataException.of(o.method().id() + " trains or changes the classifier, so it runs on the built-in"
                    + " one; with --model use " + INFERENCE_ONLY.stream().map(Method::id)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        Map<String, Integer> classOf = BuiltInModel.classes(split, o.label());
        int nr = split.reference().rowCount();
        int[] held = Arrays.copyOf(shuffle(java.util.stream.IntStream.range(0, nr).toArray(), o.seed()),
                Math.min(nr, MAX_ROWS));
        String model = modelFile.getFileName() + " (sha256 " + EmbeddingCache.fileHash(modelFile) + ")";
        ObjectNode options = JSON.createObjectNode();
        options.put("label", o.label());
        options.put("group", o.group());
        options.put("resamples", o.resamples());
        options.put("model_output", input.output());
        String runId = store == null ? null : store.start("adapt", o.method().id(), options, o.seed(),
                dataHash(split), model);
        return recorded(store, runId, () -> modelRun(split, o, modelFile, input, classOf, held, model, runId, monitor,
                start));
    }

    /** The computation of {@link #runModel}, its run already started in the store. */
    private static Result modelRun(Split split, Options o, java.nio.file.Path modelFile,
                                   EmbeddingAnalysis.ModelInput input, Map<String, Integer> classOf, int[] held,
                                   String model, String runId, TaskMonitor monitor, long start) {
        int k = classOf.size();
        try (org.shiftscope.embedding.ModelEmbedder m = org.shiftscope.embedding.ModelEmbedder.load(modelFile)) {
            org.shiftscope.core.Dataset heldRows = split.reference().selectRows(held);
            double[] heldProbs = probabilities(EmbeddingAnalysis.embed(heldRows, m, input.columns(), input.output(),
                    input.batch(), monitor.range(0, 0.4)), k, modelFile);
            org.shiftscope.embedding.Embeddings targetOut = EmbeddingAnalysis.embed(split.target(), m,
                    input.columns(), input.output(), input.batch(), monitor.range(0.4, 0.8));
            double[] targetProbs = probabilities(targetOut, k, modelFile);
            Column refLabels = split.reference().requireColumn(o.label());
            int[] heldLabels = new int[held.length];
            for (int i = 0; i < held.length; i++) {
                heldLabels[i] = classOf.get(refLabels.text(held[i]));
            }
            int[] heldPredicted = org.shiftscope.core.RowMajor.argmax(heldProbs, k);
            int right = 0;
            for (int i = 0; i < held.length; i++) {
                right += heldPredicted[i] == heldLabels[i] ? 1 : 0;
            }
            LabelFree.Atc atc = LabelFree.atc(heldProbs, heldLabels, targetProbs, k);
            Calibration.Bcts bcts = Calibration.bcts(heldProbs, heldLabels, k);
            LabelFree.Cbpe cbpe = LabelFree.cbpe(bcts.apply(targetProbs, k), k);
            LabelShift.Estimate estimate = null;
            double temperature = Double.NaN;
            double[] adapted;
            switch (o.method()) {
                case BBSE, BBSE_SOFT -> {
                    estimate = LabelShift.bbse(heldProbs, heldLabels, targetProbs, k, o.method() == Method.BBSE_SOFT);
                    temperature = bcts.temperature();
                    adapted = LabelShift.correct(bcts.apply(targetProbs, k), k, estimate.weights());
                }
                case MLLS -> {
                    temperature = bcts.temperature();
                    double[] calibrated = bcts.apply(targetProbs, k);
                    double[] priors = new double[k];
                    for (int y : heldLabels) {
                        priors[y] += 1.0 / heldLabels.length;
                    }
                    estimate = LabelShift.mlls(calibrated, priors, k);
                    adapted = LabelShift.correct(calibrated, k, estimate.weights());
                }
                default -> throw new IllegalStateException(o.method().name());
            }
            Scores sc = score(split, o, classOf, k, targetProbs, adapted, new org.shiftscope.embedding.Embeddings(
                    targetOut.n(), k, BuiltInModel.toFloat(targetProbs), targetOut.device()));
            Result r = new Result(runId, o, List.copyOf(classOf.keySet()), estimate, null, null, -1, null, atc, cbpe,
                    sc.clustersBefore(), sc.clustersAfter(), sc.before(), sc.after(), temperature,
                    (double) right / held.length, 0, held.length, split.target().rowCount(), sc.labelled(),
                    sc.shares(), null, null, null, sc.fairness(), model, (System.nanoTime() - start) / 1e9);
            return r;
        }
    }

    /** A model's outputs as class probabilities: as they are when they already are, else a softmax of them. */
    static double[] probabilities(org.shiftscope.embedding.Embeddings out, int k, java.nio.file.Path file) {
        if (out.d() != k) {
            throw DataException.inFile(file.getFileName().toString(), "gives " + out.d() + " values per row, but the"
                    + " label has " + k + " classes (choose the output with --model-output)");
        }
        double[] v = out.toDoubles();
        boolean probabilities = true;
        for (int i = 0; i < out.n() && probabilities; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                probabilities &= v[i * k + j] >= 0;
                sum += v[i * k + j];
            }
            probabilities &= Math.abs(sum - 1) < 1e-3;
        }
        if (probabilities) {
            return v;
        }
        double[] p = v.clone();
        for (int i = 0; i < out.n(); i++) {
            org.shiftscope.core.RowMajor.softmaxRow(p, i, k);
        }
        return p;
    }

    /**
     * The target probabilities of the classifier retrained on a resample of the training rows drawn with
     * probability proportional to their weights (weighted empirical risk, in expectation).
     */
    private static double[] retrain(Split split, Options o, int[] train, double[] weights, TaskMonitor monitor) {
        int[] picked = ImportanceWeights.resample(weights, train.length, o.seed());
        int[] rows = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            rows[i] = train[picked[i]];
        }
        return BuiltInModel.train(split, o.label(), 16, o.epochs(), rows, o.seed(), new int[0], null, monitor)
                .target().probabilities();
    }

    /** A seeded Fisher-Yates shuffle. */
    private static int[] shuffle(int[] v, long seed) {
        int[] out = v.clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = out.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** The content hashes of both sides' sources and the split's names (filters, target shift). */
    static String dataHash(Split split) {
        return dataHash(split.reference(), split.target());
    }

    /** How the run history names a split's data: both sides' content hashes and names. */
    static String dataHash(org.shiftscope.core.Dataset reference, org.shiftscope.core.Dataset target) {
        return reference.source().contentHash() + "/" + target.source().contentHash() + " (" + reference.name()
                + " vs " + target.name() + ")";
    }

    /** The run as the CLI prints it and the run history stores it. */
    public static ObjectNode toJson(Result r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", r.options().method().id());
        if (r.runId() != null) {
            root.put("run_id", r.runId());
        }
        r.classes().forEach(root.putArray("classes")::add);
        root.put("label", r.options().label());
        root.put("seed", r.options().seed());
        root.put("model", r.model());
        // a user's model was trained elsewhere: its accuracy is measured on held-out reference rows only
        root.put(r.trained() == 0 ? "held_out_accuracy" : "train_accuracy", r.trainAccuracy());
        root.put("n_trained", r.trained());
        root.put("n_held_out", r.heldOut());
        root.put("n_target", r.target());
        root.put("n_target_labelled", r.targetLabelled());
        if (r.estimate() != null) {
            array(root.putArray("source_priors"), r.estimate().sourcePriors());
            array(root.putArray("estimated_target_priors"), r.estimate().targetPriors());
            array(root.putArray("weights"), r.estimate().weights());
            if (r.estimate().iterations() > 0) {
                root.put("em_iterations", r.estimate().iterations());
            }
        }
        if (r.targetShares() != null) {
            array(root.putArray("target_label_shares"), r.targetShares());
        }
        ObjectNode estimates = root.putObject("label_free_estimates");
        estimates.put("estimate", true);
        estimates.put("of", "target accuracy of the classifier before the method, from unlabelled target rows");
        estimates.put("atc_accuracy", r.atc().accuracy());
        estimates.put("atc_threshold", r.atc().threshold());
        estimates.put("cbpe_accuracy", r.cbpe().accuracy());
        ArrayNode confusion = estimates.putArray("cbpe_confusion_predicted_by_true");
        for (double[] row : r.cbpe().confusion()) {
            array(confusion.addArray(), row);
        }
        if (r.lossCurve() != null) {
            array(root.putArray("loss_curve"), r.lossCurve());
        }
        if (r.pseudoLabelled() >= 0) {
            ObjectNode pl = root.putObject("pseudo_labels");
            pl.put("threshold", PSEUDO_THRESHOLD);
            pl.put("target_rows", r.pseudoLabelled());
        }
        if (r.trainGroups() != null) {
            ObjectNode groups = root.putObject("training_groups");
            r.trainGroups().forEach((g, n) -> {
                ObjectNode row = groups.putObject(g);
                row.put("rows", n);
                row.put("weight_per_row", 1.0 / n);
            });
        } else if (r.weights() != null) {
            ObjectNode iw = root.putObject("importance_weights");
            iw.put("n", r.weights().weights().length);
            iw.put("effective_sample_size", r.weights().ess());
            iw.put("clipped_at_quantile", ImportanceWeights.CLIP_QUANTILE);
            double[] sorted = r.weights().weights().clone();
            Arrays.sort(sorted);
            iw.put("min", sorted[0]);
            iw.put("median", Evaluation.percentile(sorted, 0.5));
            iw.put("max", sorted[sorted.length - 1]);
        }
        if (!Double.isNaN(r.temperature())) {
            root.put("temperature", r.temperature());
        }
        if (r.fairness() != null) {
            // the subgroup audit of the target before and after, each group's change (after - before)
            root.set("fairness", AuditAnalysis.compare("before", r.fairness().before(), "after",
                    r.fairness().after()));
        }
        if (r.groupWeights() != null) {
            ObjectNode q = root.putObject("group_dro_weights");
            r.groupWeights().forEach(q::put);
        }
        if (r.alignment() != null) {
            ObjectNode a = root.putObject("domain_alignment");
            a.put("of", "classifier two-sample test AUC, held-out reference vs target rows in the classifier's"
                    + " features (0.5: the sides cannot be told apart)");
            a.put("auc_before", r.alignment().aucBefore());
            a.put("auc_after", r.alignment().aucAfter());
            a.put("domain_head_accuracy", r.alignment().domainHeadAccuracy());
        }
        if (r.wise() != null) {
            ObjectNode w = root.putObject("wise_ft");
            w.put("alpha", r.options().alpha());
            w.put("fine_tune_epochs", WISE_FT_EPOCHS);
            w.put("pseudo_labelled_target_rows", r.wise().pseudoLabelled());
            if (r.wise().accuracy() != null) {
                ArrayNode c = w.putArray("target_accuracy_by_alpha");
                for (int a = 0; a < WISE_FT_GRID.length; a++) {
                    ObjectNode point = c.addObject();
                    point.put("alpha", WISE_FT_GRID[a]);
                    point.put("accuracy", r.wise().accuracy()[a]);
                }
            }
        }
        if (r.clustersBefore() != null) {
            ArrayNode clusters = root.putArray("clusters");
            for (int c = 0; c < r.clustersBefore().size(); c++) {
                Evaluation.GroupAccuracy b = r.clustersBefore().get(c);
                Evaluation.GroupAccuracy a = r.clustersAfter().get(c);
                ObjectNode row = clusters.addObject();
                row.put("cluster", b.group());
                row.put("n", b.n());
                row.set("accuracy_before", estimate(b.accuracy()));
                row.set("accuracy_after", estimate(a.accuracy()));
                row.put("delta", a.accuracy().value() - b.accuracy().value());
            }
        }
        if (r.before() != null) {
            root.set("before", metrics(r.before()));
            root.set("after", metrics(r.after()));
            root.set("delta", delta(r.before(), r.after()));
            List<String> worse = new ArrayList<>(worse(r.before(), r.after()));
            for (int c = 0; r.clustersBefore() != null && c < r.clustersBefore().size(); c++) {
                Evaluation.Estimate b = r.clustersBefore().get(c).accuracy();
                Evaluation.Estimate a = r.clustersAfter().get(c).accuracy();
                if (a.value() < b.value()) {
                    worse.add("accuracy[" + r.clustersBefore().get(c).group() + "]"
                            + (a.high() < b.value() ? " (clearly)" : ""));
                }
            }
            worse.forEach(root.putArray("worse")::add);
        } else {
            root.putNull("before");
            root.putNull("after");
        }
        root.put("seconds", r.seconds());
        return root;
    }

    private static ObjectNode metrics(Evaluation.Result e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("n", e.n());
        e.metrics().forEach((name, est) -> o.set(name, estimate(est)));
        if (!e.groups().isEmpty()) {
            ArrayNode groups = o.putArray("groups");
            for (Evaluation.GroupAccuracy g : e.groups()) {
                ObjectNode row = groups.addObject();
                row.put("group", g.group());
                row.put("n", g.n());
                row.set("accuracy", estimate(g.accuracy()));
            }
            o.set("worst_group_accuracy", estimate(e.worstGroup()));
        }
        ArrayNode bins = o.putArray("reliability");
        Metrics.Reliability rel = e.reliability();
        for (int b = 0; b < rel.count().length; b++) {
            if (rel.count()[b] > 0) {
                ObjectNode bin = bins.addObject();
                bin.put("upper", (b + 1.0) / rel.count().length);
                bin.put("n", rel.count()[b]);
                bin.put("confidence", rel.confidence()[b]);
                bin.put("accuracy", rel.accuracy()[b]);
            }
        }
        return o;
    }

    private static ObjectNode estimate(Evaluation.Estimate e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("value", e.value());
        o.put("ci_low", e.low());
        o.put("ci_high", e.high());
        return o;
    }

    /** After minus before, per metric (and per group's accuracy). */
    private static ObjectNode delta(Evaluation.Result before, Evaluation.Result after) {
        ObjectNode o = JSON.createObjectNode();
        before.metrics().forEach((name, b) -> o.put(name, after.metrics().get(name).value() - b.value()));
        for (int g = 0; g < before.groups().size(); g++) {
            o.put("accuracy[" + before.groups().get(g).group() + "]",
                    after.groups().get(g).accuracy().value() - before.groups().get(g).accuracy().value());
        }
        return o;
    }

    /** Metrics higher when better. */
    private static final List<String> HIGHER_BETTER = List.of("accuracy", "balanced_accuracy", "macro_f1");

    /**
     * Where the run made things worse: each metric (and each group's accuracy) whose value after is worse than
     * before, with the interval of the "after" value lying wholly beyond the "before" value marked "clearly".
     */
    public static List<String> worse(Evaluation.Result before, Evaluation.Result after) {
        List<String> out = new ArrayList<>();
        before.metrics().forEach((name, b) -> {
            Evaluation.Estimate a = after.metrics().get(name);
            boolean higher = HIGHER_BETTER.contains(name);
            if (higher ? a.value() < b.value() : a.value() > b.value()) {
                boolean clearly = higher ? a.high() < b.value() : a.low() > b.value();
                out.add(name + (clearly ? " (clearly)" : ""));
            }
        });
        for (int g = 0; g < before.groups().size(); g++) {
            Evaluation.Estimate b = before.groups().get(g).accuracy();
            Evaluation.Estimate a = after.groups().get(g).accuracy();
            if (a.value() < b.value()) {
                out.add("accuracy[" + before.groups().get(g).group() + "]" + (a.high() < b.value() ? " (clearly)" : ""));
            }
        }
        return out;
    }

    private static void array(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }
}
