package org.shiftscope.workflow.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.audit.AuditAnalysis;

class GateTest {

    @TempDir
    Path dir;

    @Test
    void gatesParseCompareAndPrintAsWritten() {
        Gate g = Gate.parse(" FPR_ratio >= 1.25 ");
        assertThat(g.text()).isEqualTo("fpr_ratio>=1.25");
        assertThat(g.trips(1.25)).isTrue();
        assertThat(g.trips(1.2499)).isFalse();
        assertThat(g.trips(Double.NaN)).isFalse();
        assertThat(Gate.parse("selection_rate_ratio<0.8").trips(0.79)).isTrue();
        assertThat(Gate.parse("w2sq>4").text()).isEqualTo("w2sq>4");
        assertThat(Gate.parseAll(List.of("drift,mmd", "classifier"))).extracting(Gate::text)
                .containsExactly("drift", "mmd", "classifier");
        assertThatThrownBy(() -> Gate.parse("fpr ratio > high")).isInstanceOf(DataException.class)
                .hasMessage("'fpr ratio > high' is not a gate: write a quantity, a comparison and a number"
                        + " (fpr_ratio>1.25, w2sq>=4), or drift, mmd or classifier");
    }

    @Test
    void anAuditGateComparesEveryDisparityOfItsName() throws Exception {
        // group A decides 1 on 3 of 4 rows, B on 1 of 4, C on 2 of 4: selection rates 0.75, 0.25, 0.5; against the
        // reference group A the ratios are B 1/3 and C 2/3
        Path csv = dir.resolve("g.csv");
        Files.writeString(csv, "g,y,p\nA,1,1\nA,0,1\nA,1,1\nA,0,0\nB,1,1\nB,0,0\nB,1,0\nB,0,0\nC,1,1\nC,0,1\nC,1,0\n"
                + "C,0,0\n");
        AuditAnalysis.Options o = new AuditAnalysis.Options("y", "1", "p", null, List.of("1"), List.of(),
                List.of("g"), "A", 1, 0, 0, null);
        AuditAnalysis.Audit a = AuditAnalysis.audit(csv, new AuditAnalysis.Settings(o, null, 0), TaskMonitor.NONE);
        List<Gate.Verdict> v = Gates.audit(List.of(Gate.parse("selection_rate_ratio<0.5"),
                Gate.parse("selection_rate_ratio<0.3")), a);
        assertThat(v.get(0).failed()).isTrue();
        assertThat(v.get(0).reason()).isEqualTo("selection_rate_ratio in g.csv: B vs A 0.333");
        assertThat(v.get(1).failed()).isFalse();
        assertThat(v.get(1).reason()).isEqualTo("selection_rate_ratio in g.csv: the smallest is 0.333");
        assertThatThrownBy(() -> Gates.audit(List.of(Gate.parse("drift")), a))
                .hasMessageContaining("an audit's gate compares a disparity with a number");
        assertThatThrownBy(() -> Gates.audit(List.of(Gate.parse("nonsense_ratio>1")), a))
                .hasMessageStartingWith("the audit has no disparity 'nonsense_ratio' (it has ");
    }
}
