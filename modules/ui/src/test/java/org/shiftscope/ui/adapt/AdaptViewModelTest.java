package org.shiftscope.ui.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptViewModelTest {

    @Test
    void fairnessRowsShowEachGroupsRatesBeforeAndAfter() throws Exception {
        // the shape adapt writes under "fairness" (AuditAnalysis.compare): A's selection rate 0.4 -> 0.6, B's TPR has
        // no positives after (null), B is missing from "after" for nothing else
        String json = """
                {"before": {"groups": [
                   {"group": "A", "selection_rate": 0.4, "tpr": 0.5, "fpr": 0.25,
                    "ci": {"selection_rate": [0.2, 0.6], "tpr": [0.1, 0.9], "fpr": [0.0, 0.5]}},
                   {"group": "B", "selection_rate": 0.7, "tpr": 0.8, "fpr": null,
                    "ci": {"selection_rate": [0.5, 0.9], "tpr": [0.6, 1.0], "fpr": [null, null]}}]},
                 "after": {"groups": [
                   {"group": "B", "selection_rate": 0.5, "tpr": null, "fpr": 0.1,
                    "ci": {"selection_rate": [0.3, 0.7], "tpr": [null, null], "fpr": [0.0, 0.2]}},
                   {"group": "A", "selection_rate": 0.6, "tpr": 0.75, "fpr": 0.5,
                    "ci": {"selection_rate": [0.4, 0.8], "tpr": [0.5, 1.0], "fpr": [0.25, 0.75]}}]}}
                """;
        List<AdaptViewModel.Row> rows = AdaptViewModel.fairness(new ObjectMapper().readTree(json));
        // A: three rates; B: only the selection rate has a value on both sides
        assertThat(rows).extracting(AdaptViewModel.Row::metric).containsExactly("selection_rate[A]", "tpr[A]",
                "fpr[A]", "selection_rate[B]");
        assertThat(rows.get(0).first()).isEqualTo("0.4000 [0.2000, 0.6000]");
        assertThat(rows.get(0).second()).isEqualTo("0.6000 [0.4000, 0.8000]");
        assertThat(rows.get(0).delta()).isCloseTo(0.2, within(1e-12));
        assertThat(rows.get(3).delta()).isCloseTo(-0.2, within(1e-12));
    }
}
