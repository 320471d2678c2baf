package org.shiftscope.adaptation.method;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.shiftscope.core.TaskMonitor;

/**
 * Robust fine-tuning: WiSE-FT (M. Wortsman, G. Ilharco, J. W. Kim et al., "Robust fine-tuning of zero-shot models",
 * CVPR 2022). The classifier is fine-tuned on its training rows plus the target rows it predicts with confidence at
 * least {@link PseudoLabelMethod#DEFAULT_THRESHOLD} (labelled by its own answer: target labels are never used), and
 * its weights are then set to (1 - alpha) x the classifier's + alpha x the fine-tune's. The target is scored at every
 * weight of {@link #GRID}, so the report shows the whole path.
 */
public record WiseFtMethod(Options options) implements TestTimeMethod<WiseFtMethod.Tuned> {

    public static final MethodInfo INFO = new MethodInfo("wise-ft",
            "WiSE-FT, fine-tune interpolated by alpha (robust fine-tuning)", false,
            true, "WiSE-FT: fine-tuning loss per step").onTheNetwork();

    /** The interpolation weights at which the target is scored (0 = the classifier, 1 = its fine-tune). */
    public static final double[] GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

    /**
     * @param alpha     the fine-tune's weight of the adapted classifier, in [0, 1]
     * @param epochs    passes of fine-tuning
     * @param threshold confidence from which a target row joins the fine-tuning with its predicted class
     */
    public record Options(double alpha, int epochs, double threshold) {
        public Options {
            AlphaBatchNormMethod.requireUnit(alpha);
            if (epochs < 1) {
                throw new IllegalArgumentException("WiSE-FT needs at least one pass of fine-tuning");
            }
        }

        public Options(double alpha) {
            this(alpha, 2, PseudoLabelMethod.DEFAULT_THRESHOLD);
        }
    }

    /** What the fine-tuning left: the target's probabilities at each weight of {@link #GRID}. */
    public record Tuned(int pseudoLabelled, double[][] probabilitiesByAlpha, double[] lossCurve) {
    }

    /**
     * @param probabilitiesByAlpha the target's probabilities along {@link #GRID}, until the run scores them
     */
    public record Report(@JsonProperty("wise_ft") Summary wise,
                         @JsonIgnore double[][] probabilitiesByAlpha) implements MethodReport {

        @Override
        public String summary() {
            StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "WiSE-FT alpha %.2f, %,d pseudo-labelled target rows", wise.alpha(), wise.pseudoLabelled()));
            if (wise.accuracyByAlpha() != null) {
                b.append("; target accuracy by alpha");
                for (Point p : wise.accuracyByAlpha()) {
                    b.append(String.format(java.util.Locale.ROOT, " %.1f: %.3f,", p.alpha(), p.accuracy()));
                }
                b.setLength(b.length() - 1);
            }
            return b.toString();
        }

        @Override
        public MethodReport scored(ToDoubleFunction<double[]> targetAccuracy) {
            List<Point> points = new ArrayList<>();
            for (int a = 0; a < GRID.length; a++) {
                points.add(new Point(GRID[a], targetAccuracy.applyAsDouble(probabilitiesByAlpha[a])));
            }
            return new Report(new Summary(wise.alpha(), wise.fineTuneEpochs(), wise.pseudoLabelled(),
                    points), null);
        }
    }

    /**
     * @param accuracyByAlpha target accuracy at each weight of {@link #GRID} (null without target labels)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(@JsonProperty("alpha") double alpha, @JsonProperty("fine_tune_epochs") int fineTuneEpochs,
                          @JsonProperty("pseudo_labelled_target_rows") int pseudoLabelled,
                          @JsonProperty("target_accuracy_by_alpha") List<Point> accuracyByAlpha) {
    }

    public record Point(@JsonProperty("alpha") double alpha, @JsonProperty("accuracy") double accuracy) {
    }

    @Override
    public Tuned adaptNetwork(TrainableNetwork net, float[] xs, int[] ys, float[] xt, int nt, long seed,
                              TaskMonitor monitor) {
        float[][] start = net.parameters();
        TrainableNetwork.Output out = net.encode(xt, nt, monitor.range(0, 0.1));
        int k = out.classes();
        int per = xt.length / Math.max(1, nt);
        List<Integer> sure = new ArrayList<>();
        for (int i = 0; i < nt; i++) {
            if (out.probabilities()[i * k + out.predicted()[i]] >= options.threshold()) {
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
        double[] curve = net.fineTune(x, n, y, options.epochs(), seed, monitor.range(0.1, 0.7));
        float[][] tuned = net.parameters();
        double[][] probs = new double[GRID.length][];
        for (int a = 0; a < GRID.length; a++) {
            monitor.checkCancelled();
            net.interpolate(start, tuned, GRID[a]);
            probs[a] = net.encode(xt, nt, TaskMonitor.NONE).probabilities();
            monitor.progress(0.7 + 0.3 * (a + 1) / GRID.length, "WiSE-FT: scoring alpha " + GRID[a]);
        }
        net.interpolate(start, tuned, options.alpha());
        return new Tuned(sure.size(), probs, curve);
    }

    @Override
    public Outcome finish(AdaptationContext context, Tuned t) {
        return new Outcome(context.adaptedTargetProbabilities(), new Report(new Summary(options.alpha(),
                options.epochs(), t.pseudoLabelled(), null), t.probabilitiesByAlpha()), t.lossCurve());
    }
}
