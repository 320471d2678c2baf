package org.shiftscope.adaptation.method;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.shiftscope.core.TaskMonitor;

/**
 * Subpopulation shift: the classifier retrained with every group of the group column weighing the same (each
 * training row weighs one over its group's size), on a weighted resample of the training rows.
 */
public record GroupUpweightMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("group-upweight",
            "group upweighting (subpopulation shift; needs a group)",
            false, false);

    /** The training rows of each group before reweighting, in group order. */
    public record Report(@JsonProperty("training_groups") Map<String, Group> trainingGroups) implements MethodReport {

        @Override
        public String summary() {
            StringBuilder b = new StringBuilder("training rows per group (each group weighing the same):");
            trainingGroups.forEach((g, r) -> b.append(' ').append(g).append(' ').append(r.rows()).append(','));
            return b.substring(0, b.length() - 1);
        }

        public record Group(@JsonProperty("rows") int rows, @JsonProperty("weight_per_row") double weightPerRow) {
        }
    }

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        String[] groups = c.requireTrainGroups("group upweighting");
        Map<String, Integer> count = new TreeMap<>();
        for (String g : groups) {
            count.merge(g, 1, Integer::sum);
        }
        double[] w = new double[groups.length];
        for (int i = 0; i < groups.length; i++) {
            w[i] = 1.0 / count.get(groups[i]);
        }
        monitor.progress(0.5, "retraining with every group weighing the same");
        double[] adapted = c.retrainWeighted(w, monitor.range(0.5, 1));
        Map<String, Report.Group> sizes = new LinkedHashMap<>();
        count.forEach((g, n) -> sizes.put(g, new Report.Group(n, 1.0 / n)));
        return new Outcome(adapted, new Report(sizes));
    }
}
