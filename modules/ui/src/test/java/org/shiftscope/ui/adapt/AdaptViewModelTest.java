package org.shiftscope.ui.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.AuditAnalysis;
import org.shiftscope.workflow.adapt.AdaptationRun;

class AdaptViewModelTest {

    private static final double NA = Double.NaN;

    @Test
    void fairnessRowsShowEachGroupsRatesBeforeAndAfter() {
        // A's selection rate 0.4 -> 0.6; B's TPR has no positives after (NaN), B's FPR none before; "after" lists
        // B first
        AuditAnalysis.Audit before = audit(group("A", 0.4, 0.2, 0.6, 0.5, 0.1, 0.9, 0.25, 0.0, 0.5),
                group("B", 0.7, 0.5, 0.9, 0.8, 0.6, 1.0, NA, NA, NA));
        AuditAnalysis.Audit after = audit(group("B", 0.5, 0.3, 0.7, NA, NA, NA, 0.1, 0.0, 0.2),
                group("A", 0.6, 0.4, 0.8, 0.75, 0.5, 1.0, 0.5, 0.25, 0.75));
        List<AdaptViewModel.Row> rows = AdaptViewModel.fairness(new AdaptationRun.Fairness(before, after));
        // A: three rates; B: only the selection rate has a value on both sides
        assertThat(rows).extracting(AdaptViewModel.Row::metric).containsExactly("selection_rate[A]", "tpr[A]",
                "fpr[A]", "selection_rate[B]");
        assertThat(rows.get(0).first()).isEqualTo("0.4000 [0.2000, 0.6000]");
        assertThat(rows.get(0).second()).isEqualTo("0.6000 [0.4000, 0.8000]");
        assertThat(rows.get(0).delta()).isCloseTo(0.2, within(1e-12));
        assertThat(rows.get(3).delta()).isCloseTo(-0.2, within(1e-12));
    }

    /** A group's selection rate, TPR and FPR, each with its interval. */
    private static GroupFairness.Group group(String name, double... v) {
        Map<String, Evaluation.Estimate> values = new LinkedHashMap<>();
        values.put("selection_rate", new Evaluation.Estimate(v[0], v[1], v[2]));
        values.put("tpr", new Evaluation.Estimate(v[3], v[4], v[5]));
        values.put("fpr", new Evaluation.Estimate(v[6], v[7], v[8]));
        return new GroupFairness.Group(name, 100, false, values);
    }

    private static AuditAnalysis.Audit audit(GroupFairness.Group... groups) {
        return new AuditAnalysis.Audit("target", 200, 0, "yes", "the more probable class is yes",
                new GroupFairness.Result(200, List.of(groups), "A", List.of(), List.of(), 30, 0));
    }
}
