package org.shiftscope.adaptation.method;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shiftscope.core.TaskMonitor;

/**
 * Subpopulation shift: GroupDRO (S. Sagawa, P. W. Koh, T. B. Hashimoto and P. Liang, ICLR 2020), a classifier
 * trained on the groups' losses weighted online, the worst group's weight growing (the loop is
 * {@link TrainingLoop.GroupRobust}).
 */
public record GroupDroMethod() implements OutputMethod {

    public static final MethodInfo INFO = new MethodInfo("group-dro",
            "GroupDRO, worst-group training (subpopulation shift; needs a group)",
            false, false, "GroupDRO: weighted group loss per step").onTheNetwork();

    /** The final weight of each group, in group order. */
    public record Report(@JsonProperty("group_dro_weights") Map<String, Double> groupWeights)
            implements MethodReport {

        @Override
        public String summary() {
            StringBuilder b = new StringBuilder("GroupDRO group weights");
            groupWeights.forEach((g, q) -> b.append(' ').append(g).append(String.format(java.util.Locale.ROOT,
                    " %.3f,", q)));
            return b.substring(0, b.length() - 1);
        }
    }

    @Override
    public Outcome adapt(AdaptationContext c, TaskMonitor monitor) {
        String[] groups = c.requireTrainGroups("GroupDRO");
        Map<String, Integer> index = new TreeMap<>();
        for (String g : groups) {
            index.putIfAbsent(g, 0);
        }
        List<String> names = List.copyOf(index.keySet());
        for (int g = 0; g < names.size(); g++) {
            index.put(names.get(g), g);
        }
        int[] groupOf = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            groupOf[i] = index.get(groups[i]);
        }
        double[] q = new double[names.size()];
        Arrays.fill(q, 1.0 / q.length);
        monitor.progress(0, "GroupDRO: training with online group weights");
        TrainedClassifier d = c.trainer().train(c.request(c.train()).optLoop(new TrainingLoop.GroupRobust(groupOf, q))
                .build(), monitor);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int g = 0; g < names.size(); g++) {
            weights.put(names.get(g), q[g]);
        }
        return new Outcome(d.targetProbabilities(), new Report(weights), d.lossCurve());
    }
}
