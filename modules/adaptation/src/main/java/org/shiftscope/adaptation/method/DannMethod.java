package org.shiftscope.adaptation.method;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.IntStream;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.core.Shuffle;
import org.shiftscope.core.TaskMonitor;

/**
 * Feature alignment: DANN, domain-adversarial training (Y. Ganin et al., JMLR 17, 2016): a gradient-reversed domain
 * head hides the side of a row from the classifier's features (the loop is {@link TrainingLoop.DomainAdversarial}).
 * Reports how separable the two sides are in the features of the plain classifier and of DANN's.
 */
public record DannMethod(Options options) implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("dann",
            "DANN, domain-adversarial training (feature alignment)",
            false, false, "DANN: label + domain loss per step").onTheNetwork();

    /** Most target rows (and held-out reference rows) the domain classifier test uses (seeded samples). */
    public static final int DOMAIN_TEST_ROWS = 5_000;

    /** @param reversal the gradient reversal's final weight (1 in the paper) */
    public record Options(double reversal) {
        public Options {
            if (!(reversal >= 0)) {
                throw new IllegalArgumentException("the reversal weight must be >= 0, not " + reversal);
            }
        }
    }

    public DannMethod() {
        this(new Options(1));
    }

    /**
     * @param aucBefore          classifier two-sample test AUC of held-out reference vs target rows in the plain
     *                           classifier's features (0.5: the sides cannot be told apart)
     * @param aucAfter           the same in DANN's features
     * @param domainHeadAccuracy DANN's own domain head at the end of training
     */
    public record Alignment(@JsonProperty("auc_before") double aucBefore, @JsonProperty("auc_after") double aucAfter,
                            @JsonProperty("domain_head_accuracy") double domainHeadAccuracy) {

        @JsonProperty("of")
        public String of() {
            return "classifier two-sample test AUC, held-out reference vs target rows in the classifier's features"
                    + " (0.5: the sides cannot be told apart)";
        }
    }

    public record Report(@JsonProperty("domain_alignment") Alignment alignment) implements MethodReport {

        @Override
        public String summary() {
            return String.format(java.util.Locale.ROOT, "sides told apart in the features (classifier test AUC)"
                    + " %.3f before, %.3f after; domain head %.3f", alignment.aucBefore(), alignment.aucAfter(),
                    alignment.domainHeadAccuracy());
        }
    }

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        monitor.progress(0, "DANN: domain-adversarial training on the reference and the target");
        TrainedClassifier d = c.trainer().train(c.request(c.train()).optScored(c.held())
                .optLoop(new TrainingLoop.DomainAdversarial(options.reversal())).build(), monitor.range(0, 0.8));
        monitor.progress(0.8, "testing how separable the sides are in both models' features");
        Alignment a = new Alignment(domainAuc(c.heldFeatures(), c.targetFeatures(), c.featureDim(), c.seed()),
                domainAuc(d.referenceFeatures(), d.targetFeatures(), d.featureDim(), c.seed()), d.domainAccuracy());
        return new Outcome(d.targetProbabilities(), new Report(a), d.lossCurve());
    }

    /**
     * The out-of-fold AUC of the classifier two-sample test telling held-out reference rows from target rows in a
     * model's features (at most {@value #DOMAIN_TEST_ROWS} of each, seeded samples).
     */
    static double domainAuc(double[] reference, double[] target, int d, long seed) {
        int rn = reference.length / d;
        int tn = target.length / d;
        int nr = Math.min(rn, DOMAIN_TEST_ROWS);
        int nt = Math.min(tn, DOMAIN_TEST_ROWS);
        int[] rr = Shuffle.seeded(rn, seed);
        int[] tt = Shuffle.seeded(tn, seed + 1);
        double[] pooled = new double[(nr + nt) * d];
        for (int i = 0; i < nr; i++) {
            System.arraycopy(reference, rr[i] * d, pooled, i * d, d);
        }
        for (int i = 0; i < nt; i++) {
            System.arraycopy(target, tt[i] * d, pooled, (nr + i) * d, d);
        }
        List<String> names = IntStream.range(0, d).mapToObj(j -> "e" + j).toList();
        return ClassifierTest.test(pooled, nr + nt, d, nr, names, seed, TaskMonitor.NONE).auc();
    }
}
