package org.shiftscope.workflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.SharedData;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.model.EmbeddingAnalysis;

/**
 * The audit use case against pandas hand computations (fixtures and their scripts in src/test/resources/audit) and
 * on a planted shift for the transport clusters; the CLI test checks the JSON and the options.
 */
class AuditAnalysisTest {

    private static final Path AUDIT = Path.of("src/test/resources/audit");
    private static final String COMPAS_ROWS = "days_b_screening_arrest>=-30 and days_b_screening_arrest<=30"
            + " and is_recid!=-1 and c_charge_degree!=O";
    private static final List<String> METRICS = List.of("base_rate", "selection_rate", "accuracy", "tpr", "fpr",
            "fnr", "precision");

    private static AuditAnalysis.Options compas(List<String> groups, String reference, int resamples) {
        return new AuditAnalysis.Options("two_year_recid", null, "score_text", null, List.of(), List.of("Low"),
                groups, reference, AuditAnalysis.DEFAULT_MIN_GROUP_SIZE, resamples, 0, null);
    }

    @Test
    void auditsCompasLikeAHandComputation() throws Exception {
        // make_compas_fixture.py: ProPublica's row filters, decision score_text not Low, label two_year_recid, every
        // rate computed by hand in pandas (score_text N/A reads as missing here, so those rows drop out)
        Path compas = SharedData.file("compas-two-years.csv");
        for (List<String> grouping : List.of(List.of("race"), List.of("race", "sex"))) {
            AuditAnalysis.Audit a = AuditAnalysis.audit(compas, new AuditAnalysis.Settings(compas(grouping,
                    grouping.size() == 1 ? "Caucasian" : "Caucasian x Male", 200), COMPAS_ROWS, 0), TaskMonitor.NONE);
            assertThat(a.rows()).isEqualTo(6_172); // ProPublica's count after its filters
            assertThat(a.decision()).isEqualTo("score_text not in [Low]");
            assertGroupsMatch(a.result(), AUDIT.resolve("compas_groups.csv"), String.join(",", grouping), 6_172);
            if (grouping.size() == 1) {
                assertThat(a.result().leftOut()).containsExactly("Native American"); // 11 rows
                List<String> d = Files.readAllLines(AUDIT.resolve("compas_disparities.csv"));
                for (String line : d.subList(1, d.size())) {
                    String[] c = line.split(",", -1);
                    GroupFairness.Disparity found = a.result().disparities().stream()
                            .filter(x -> x.name().equals(c[0]) && (c[1].isEmpty() ? x.group() == null
                                    : c[1].equals(x.group()))).findFirst().orElse(null);
                    assertThat(found).as(line).isNotNull();
                    assertThat(found.value().value()).as(line).isCloseTo(Double.parseDouble(c[2]), within(1e-12));
                }
            }
        }
    }

    @Test
    void aSplitAuditsBothSidesAlikeAndSaysEachGroupsChange() {
        // felonies vs misdemeanours of the same file: each group's change is its target rate minus its reference rate
        Path compas = SharedData.file("compas-two-years.csv");
        AuditAnalysis.SplitAudit s = AuditAnalysis.audit(new SplitDefinition(new SplitSource.FilteredFile(compas,
                "c_charge_degree=F", "c_charge_degree=M"), List.of(), MissingPolicy.DROP),
                new AuditAnalysis.Settings(compas(List.of("sex"), null, 100), null, 0), TaskMonitor.NONE);
        List<AuditAnalysis.Change> changes = AuditAnalysis.changes(s.reference(), s.target());
        assertThat(changes).hasSize(2);
        for (AuditAnalysis.Change c : changes) {
            double ref = group(s.reference().result(), c.group()).values().get("fpr").value();
            double tgt = group(s.target().result(), c.group()).values().get("fpr").value();
            assertThat(c.delta().get("fpr")).as(c.group()).isCloseTo(tgt - ref, within(1e-12));
        }
        assertThat(s.clusters()).isNull();
    }

    @Test
    void auditsAdultThroughAModelLikeAHandComputation() throws Exception {
        // make_adult_fixture.py: a logistic regression on adult's six numeric columns exported to ONNX (two logits),
        // decision P(>50K) >= the fixture's threshold, every rate computed by hand in pandas from torch's own scores
        List<String> lines = Files.readAllLines(AUDIT.resolve("adult_groups.csv"));
        double threshold = Double.parseDouble(lines.get(1).split(",")[2]);
        Path adult = SharedData.file("adult.csv");
        AuditAnalysis.Model model = new AuditAnalysis.Model(AUDIT.resolve("adult_income.onnx"),
                new EmbeddingAnalysis.ModelInput(List.of("age", "fnlwgt", "education-num", "capital-gain",
                        "capital-loss", "hours-per-week"), 0, 256), 1);
        for (List<String> grouping : List.of(List.of("sex"), List.of("race"), List.of("race", "sex"))) {
            AuditAnalysis.Options o = new AuditAnalysis.Options("income-per-year", ">50K", null, threshold,
                    List.of(), List.of(), grouping, null, AuditAnalysis.DEFAULT_MIN_GROUP_SIZE, 100, 0, model);
            AuditAnalysis.Audit a = AuditAnalysis.audit(adult, new AuditAnalysis.Settings(o, null, 0),
                    TaskMonitor.NONE);
            assertThat(a.rows()).isEqualTo(32_561);
            assertThat(a.dropped()).isZero();
            assertThat(a.decision()).startsWith("P(>50K) from adult_income.onnx (sha256 ")
                    .endsWith(") >= " + threshold);
            assertGroupsMatch(a.result(), AUDIT.resolve("adult_groups.csv"), String.join(",", grouping), 32_561);
        }
    }

    @Test
    void saysWhichTransportClustersCarryWhichGroups(@TempDir Path dir) throws Exception {
        // planted: group A sits at x = 0 on both sides; group B sits at x = 10 in the reference and at 20 in the
        // target (noise sd 0.1). Z-scored over both sides x has mean 7.5 and sd sqrt(68.75), so the k = 2
        // explanation moves B's cluster by 10 / sqrt(68.75) = 1.206 and A's by 0
        SplittableRandom rnd = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("side,group,x,y,pred\n");
        for (String side : List.of("ref", "tgt")) {
            for (int i = 0; i < 400; i++) {
                boolean b = i % 2 == 1;
                double x = (b ? (side.equals("ref") ? 10 : 20) : 0) + 0.1 * rnd.nextGaussian();
                csv.append(side).append(',').append(b ? "B" : "A").append(',').append(x).append(',')
                        .append(i % 3 == 0 ? 1 : 0).append(',').append(i % 5 == 0 ? 1 : 0).append('\n');
            }
        }
        Path data = dir.resolve("planted.csv");
        Files.writeString(data, csv);
        AuditAnalysis.Options o = new AuditAnalysis.Options("y", null, "pred", null, List.of(), List.of(),
                List.of("group"), null, AuditAnalysis.DEFAULT_MIN_GROUP_SIZE, 50, 0, null);
        AuditAnalysis.SplitAudit s = AuditAnalysis.audit(new SplitDefinition(new SplitSource.FilteredFile(data,
                "side=ref", "side=tgt"), List.of(), MissingPolicy.DROP), new AuditAnalysis.Settings(o, null, 2),
                TaskMonitor.NONE);
        // x alone: y, pred, the group and the filter's side are not features
        assertThat(s.clusterFeatures()).containsExactly("x");
        assertThat(s.clusterRowsLeftOut()).isZero();
        assertThat(s.clusters()).hasSize(2);
        for (ClusterGroups c : s.clusters()) {
            assertThat(c.reference().keySet()).hasSize(1); // each cluster carries one group whole, on both sides
            String g = c.reference().keySet().iterator().next();
            assertThat(c.reference()).containsEntry(g, 200);
            assertThat(c.target()).containsOnlyKeys(g).containsEntry(g, 200);
            assertThat(c.moved()).as(g).isCloseTo(g.equals("B") ? 10 / Math.sqrt(68.75) : 0, within(0.02));
        }
        for (List<ClusterGroups.GroupShare> shares : ClusterGroups.shares(s.clusters())) {
            assertThat(shares).hasSize(1);
            assertThat(shares.get(0).shareOfTarget()).isEqualTo(1.0);
        }
    }

    private static GroupFairness.Group group(GroupFairness.Result r, String name) {
        return r.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Every group of an audit against a hand computation's rows (grouping, group, [threshold,] n, then one column
     * per metric): same groups, counts to the row, rates to 1e-12, each inside its interval.
     */
    static void assertGroupsMatch(GroupFairness.Result audit, Path fixture, String grouping, int rows)
            throws Exception {
        Map<String, Map<String, String>> expected = new HashMap<>();
        List<String> lines = Files.readAllLines(fixture);
        String[] header = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.replace("\"race,sex\"", "race+sex").split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int m = 0; m < header.length; m++) {
                row.put(header[m], cells[m]);
            }
            expected.put(cells[0] + "/" + cells[1], row);
        }
        String key = grouping.replace(",", "+");
        int n = 0;
        for (GroupFairness.Group g : audit.groups()) {
            Map<String, String> e = expected.remove(key + "/" + g.name());
            assertThat(e).as(g.name()).isNotNull();
            assertThat(g.n()).as(g.name()).isEqualTo((int) Double.parseDouble(e.get("n")));
            assertThat(g.small()).isEqualTo(g.n() < 30);
            n += g.n();
            for (String m : METRICS) {
                Evaluation.Estimate v = g.values().get(m);
                if (e.get(m).isEmpty()) {
                    assertThat(v.value()).as(m + " of " + g.name()).isNaN(); // no denominator: no rate
                } else {
                    assertThat(v.value()).as(m + " of " + g.name()).isCloseTo(Double.parseDouble(e.get(m)),
                            within(1e-12));
                    assertThat(v.low()).isLessThanOrEqualTo(v.value());
                    assertThat(v.high()).isGreaterThanOrEqualTo(v.value());
                }
            }
        }
        assertThat(n).isEqualTo(rows);
        assertThat(expected.keySet()).as("groups the audit missed").noneMatch(k -> k.startsWith(key + "/"));
    }
}
