package org.shiftscope.adaptation.method;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.RowMajor;
import org.shiftscope.core.TaskMonitor;

/**
 * Self-training: the classifier retrained with the target rows it predicts with confidence at least the threshold,
 * labelled by its own answer (target labels are never used).
 */
public record PseudoLabelMethod(Options options) implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("pseudo",
            "pseudo-labelling, confidence >= 0.9 (self-training)",
            false, false);

    /** The confidence from which a target row is pseudo-labelled. */
    public static final double DEFAULT_THRESHOLD = 0.9;

    /** @param threshold confidence in (0, 1] from which a target row is pseudo-labelled */
    public record Options(double threshold) {
        public Options {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("the pseudo-label threshold must lie in (0, 1], not " + threshold);
            }
        }
    }

    public PseudoLabelMethod() {
        this(new Options(DEFAULT_THRESHOLD));
    }

    /** How many target rows joined the training rows, and from which confidence. */
    public record Report(@JsonProperty("pseudo_labels") Rows rows) implements MethodReport {

        @Override
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%,d target rows pseudo-labelled (confidence >= %.2f)",
                    rows.targetRows(), rows.threshold());
        }

        public record Rows(@JsonProperty("threshold") double threshold, @JsonProperty("target_rows") int targetRows) {
        }
    }

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        int k = c.classes();
        double[] p = c.targetProbabilities();
        int[] predicted = RowMajor.argmax(p, k);
        List<Integer> sure = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            if (p[i * k + predicted[i]] >= options.threshold()) {
                sure.add(i);
            }
        }
        int[] rows = sure.stream().mapToInt(Integer::intValue).toArray();
        int[] classes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            classes[i] = predicted[rows[i]];
        }
        monitor.progress(0.5, "retraining with " + rows.length + " pseudo-labelled target rows");
        double[] adapted = c.trainer().train(c.request(c.train()).optPseudo(rows, classes).build(),
                monitor.range(0.5, 1)).targetProbabilities();
        return new Outcome(adapted, new Report(new Report.Rows(options.threshold(), rows.length)));
    }
}
