package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;
import static org.shiftscope.app.CliRun.shared;
import static org.shiftscope.app.CliRun.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.app.CliRun.Result;

/** audit and report end to end: their JSON, HTML and PDF, options and messages. */
class AuditCliTest {

    private static final String COMPAS_ROWS = "days_b_screening_arrest>=-30 and days_b_screening_arrest<=30"
            + " and is_recid!=-1 and c_charge_degree!=O";

    /** The audit JSON's shape; its numbers against pandas are workflow's AuditAnalysisTest. */
    @Test
    void auditWritesGroupsWithIntervalsDisparitiesAndChanges() throws Exception {
        JsonNode j = compasAudit("100");
        assertThat(j.get("rows").asInt()).isEqualTo(6_172); // ProPublica's count after its filters
        assertThat(j.get("decision").asText()).isEqualTo("score_text not in [Low]");
        assertThat(j.get("reference_group").asText()).isEqualTo("Caucasian");
        assertThat(j.get("resamples").asInt()).isEqualTo(100);
        for (JsonNode g : j.get("groups")) {
            assertThat(g.get("n").asInt()).isPositive();
            assertThat(g.get("small").asBoolean()).isEqualTo(g.get("n").asInt() < 30);
            for (String m : java.util.List.of("base_rate", "selection_rate", "accuracy", "tpr", "fpr", "fnr",
                    "precision")) {
                assertThat(g.has(m)).as(m).isTrue();
                assertThat(g.get("ci").get(m)).as(m).hasSize(2);
            }
        }
        JsonNode d = j.get("disparities").get(0);
        assertThat(d.has("name") && d.has("metric") && d.has("kind") && d.has("value")).isTrue();
        assertThat(d.get("ci")).hasSize(2);
        assertThat(j.get("left_out_of_disparities")).hasSize(1); // Native American, 11 rows
        // as a split: felonies vs misdemeanours, side by side, with each group's change
        Result split = run("audit", "--data", shared("compas-two-years.csv"), "--reference-where",
                "c_charge_degree=F", "--target-where", "c_charge_degree=M", "--label", "two_year_recid",
                "--prediction", "score_text", "--negative-prediction", "Low", "--group", "sex", "--resamples", "100",
                "--format", "json");
        assertThat(split.code()).as(split.err()).isZero();
        JsonNode s = split.json();
        assertThat(s.get("reference").get("groups")).hasSize(2);
        assertThat(s.get("target").get("groups")).hasSize(2);
        JsonNode change = s.get("change").get(0);
        String g = change.get("group").asText();
        assertThat(change.get("fpr").asDouble()).isCloseTo(value(s.get("target"), g, "fpr")
                - value(s.get("reference"), g, "fpr"), org.assertj.core.api.Assertions.within(1e-12));
    }

    private static JsonNode compasAudit(String resamples) throws Exception {
        Result r = run("audit", "--data", shared("compas-two-years.csv"), "--where", COMPAS_ROWS, "--label",
                "two_year_recid", "--prediction", "score_text", "--negative-prediction", "Low", "--group", "race",
                "--reference-group", "Caucasian", "--resamples", resamples, "--seed", "7", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return r.json();
    }

    @Test
    void auditThroughAModelSaysWhichModelAndThreshold() throws Exception {
        Path model = Path.of("../modules/workflow/src/test/resources/audit/adult_income.onnx");
        Result r = run("audit", "--data", shared("adult.csv"), "--label", "income-per-year", "--positive-label",
                ">50K", "--model", model.toString(), "--model-input",
                "age,fnlwgt,education-num,capital-gain,capital-loss,hours-per-week", "--threshold", "0.4",
                "--group", "sex", "--resamples", "20", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("rows").asInt()).isEqualTo(32_561);
        assertThat(j.get("rows_left_out_missing").asInt()).isZero();
        assertThat(j.get("decision").asText()).startsWith("P(>50K) from adult_income.onnx (sha256 ")
                .endsWith(") >= 0.4");
        // a probability score is checked for calibration too
        assertThat(j.get("groups").get(0).get("ece").asDouble()).isBetween(0.0, 1.0);
        Result both = run("audit", "--data", shared("adult.csv"), "--label", "income-per-year", "--positive-label",
                ">50K", "--model", model.toString(), "--prediction", "sex", "--group", "sex");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("give the decision as --prediction COL or as --model FILE (one of them)");
        Result text = run("audit", "--data", shared("adult.csv"), "--label", "income-per-year", "--positive-label",
                ">50K", "--model", model.toString(), "--model-input", "age,sex", "--group", "sex");
        assertThat(text.code()).isEqualTo(2);
        assertThat(text.err()).contains("adult.csv: column 'sex' is not numeric; a model's input columns must be");
    }

    @Test
    void auditWritesWhichTransportClustersCarryWhichGroups(@TempDir Path dir) throws Exception {
        // group A at x = 0 on both sides, B at x = 10 then 20 (the numbers: workflow's AuditAnalysisTest)
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        StringBuilder csv = new StringBuilder("side,group,x,y,pred\n");
        for (String side : java.util.List.of("ref", "tgt")) {
            for (int i = 0; i < 400; i++) {
                boolean b = i % 2 == 1;
                double x = (b ? (side.equals("ref") ? 10 : 20) : 0) + 0.1 * rnd.nextGaussian();
                csv.append(side).append(',').append(b ? "B" : "A").append(',').append(x).append(',')
                        .append(i % 3 == 0 ? 1 : 0).append(',').append(i % 5 == 0 ? 1 : 0).append('\n');
            }
        }
        Path data = dir.resolve("planted.csv");
        Files.writeString(data, csv);
        Result r = run("audit", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--label", "y", "--prediction", "pred", "--group", "group", "--explain-clusters", "2",
                "--resamples", "50", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode t = r.json().get("transport_clusters");
        assertThat(t.get("features").get(0).asText()).isEqualTo("x");
        assertThat(t.get("clusters")).hasSize(2);
        for (JsonNode c : t.get("clusters")) {
            assertThat(c.has("moved")).isTrue();
            JsonNode groups = c.get("groups");
            String g = groups.fieldNames().next();
            assertThat(groups.get(g).get("reference_rows").asInt()).isEqualTo(200);
            assertThat(groups.get(g).get("target_rows").asInt()).isEqualTo(200);
            assertThat(groups.get(g).get("share_of_group_target").asDouble()).isEqualTo(1.0);
        }
        Result one = run("audit", "--data", data.toString(), "--label", "y", "--prediction", "pred", "--group",
                "group", "--explain-clusters", "2");
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("error: joining the shift's transport clusters to the groups needs a split (a"
                + " reference and a target), not one file (--explain-clusters)");
    }

    @Test
    void reportIsSelfContainedDefensibleAndRepeatable(@TempDir Path dir) throws Exception {
        // both sides are ProPublica's rows, so each side's table must equal the pandas hand computation
        Path html = dir.resolve("report.html");
        Path pdf = dir.resolve("report.pdf");
        Path project = dir.resolve("compas.shiftscope.json");
        // an adaptation run on the same data reaches the report with its groups' rates before and after
        Result adapt = run("adapt", "--data", shared("compas-two-years.csv"), "--reference-where", "is_recid!=-1",
                "--target-where", "is_recid!=-1", "--columns", "age,priors_count,juv_fel_count,two_year_recid,race",
                "--label", "two_year_recid", "--group", "race", "--method", "mlls", "--epochs", "2", "--resamples",
                "50", "--format", "json");
        assertThat(adapt.code()).as(adapt.err()).isZero();
        JsonNode run = adapt.json();
        Result r = run("report", "--data", shared("compas-two-years.csv"), "--reference-where", "is_recid!=-1",
                "--target-where", "is_recid!=-1", "--where", COMPAS_ROWS, "--label", "two_year_recid", "--prediction",
                "score_text", "--negative-prediction", "Low", "--group", "race", "--reference-group", "Caucasian",
                "--resamples", "100", "--seed", "7", "--out", html + "," + pdf, "--save-project", project.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty(); // no library chatter
        String page = Files.readString(html);
        JsonNode results = embedded(page);
        // a split without a project's map or explanation: the data and their drift tests, the runs, the audit
        assertThat(results.get("sections").toString()).isEqualTo("[\"data\",\"adaptation\",\"audit\"]");
        // both sides hold what `audit` says of those rows (checked against pandas in workflow's AuditAnalysisTest)
        JsonNode audited = compasAudit("100");
        for (String side : java.util.List.of("reference", "target")) {
            assertThat(results.get("audit").get(side).get("groups")).isEqualTo(audited.get("groups"));
            assertThat(results.get("audit").get(side).get("disparities")).isEqualTo(audited.get("disparities"));
        }
        assertThat(page).contains("<h3>Run " + run.get("run_id").asText() + ": mlls");
        double selected = value(run.get("fairness").get("before"), "African-American", "selection_rate");
        double after = value(run.get("fairness").get("after"), "African-American", "selection_rate");
        assertThat(page).contains(String.format(java.util.Locale.ROOT, "<td>African-American</td><td>selection"
                + " rate</td><td>%.3f [", selected)).contains(String.format(java.util.Locale.ROOT, "<td>%+.3f</td>",
                after - selected));
        // self-contained: nothing to fetch
        assertThat(page).doesNotContain("src=\"http").doesNotContain("href=\"http").contains("<svg");
        // provenance: the data file's SHA-256 (computed here), the seed, the version, the decision
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(Path.of(shared("compas-two-years.csv")))));
        assertThat(page).contains(sha).contains("seed 7)").contains("score_text not in [Low]")
                .contains(org.shiftscope.workflow.report.Provenance.version());
        // the PDF holds the same tables: African-American's FPR as the hand computation has it
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.pdmodel.PDDocument.load(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            double fpr = value(results.get("audit").get("reference"), "African-American", "fpr");
            assertThat(text).contains("Distribution shift report").contains("Subgroup audit").contains(String.format(java.util.Locale.ROOT,
                    "%.3f", fpr)).contains(sha);
        }
        // repeated from the saved project: the same numbers
        Path again = dir.resolve("again.html");
        Result repeat = run("report", "--project", project.toString(), "--out", again.toString());
        assertThat(repeat.code()).as(repeat.err()).isZero();
        JsonNode repeated = embedded(Files.readString(again));
        assertThat(repeated.get("audit")).isEqualTo(results.get("audit"));
        assertThat(repeated.get("data")).isEqualTo(results.get("data"));
        // what is wrong is said plainly
        Result both = run("report", "--project", project.toString(), "--label", "y", "--out", again.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--project brings its own split and audit");
        Path bare = dir.resolve("bare.shiftscope.json");
        org.shiftscope.workflow.project.ProjectStore.save(org.shiftscope.workflow.project.Project.demo(), bare);
        // a project without an audit: its data and drift tests alone
        Result none = run("report", "--project", bare.toString(), "--out", again.toString());
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(embedded(Files.readString(again)).get("sections").toString()).isEqualTo("[\"data\"]");
        // one file, no split: its audit alone (`audit --data FILE` as a document)
        Path single = dir.resolve("single.html");
        Result one = run("report", "--data", shared("compas-two-years.csv"), "--where", COMPAS_ROWS, "--label",
                "two_year_recid", "--prediction", "score_text", "--negative-prediction", "Low", "--group", "race",
                "--reference-group", "Caucasian", "--resamples", "100", "--seed", "7", "--out", single.toString());
        assertThat(one.code()).as(one.err()).isZero();
        JsonNode oneJson = embedded(Files.readString(single));
        assertThat(oneJson.get("sections").toString()).isEqualTo("[\"audit\"]");
        assertThat(oneJson.get("audit").get("groups")).isEqualTo(audited.get("groups"));
    }

    /** The results JSON a report embeds. */
    private static JsonNode embedded(String page) throws Exception {
        String open = "<script type=\"application/json\" id=\"shiftscope-results\">";
        int a = page.indexOf(open);
        assertThat(a).isPositive();
        return new ObjectMapper().readTree(page.substring(a + open.length(), page.indexOf("</script>", a)));
    }

    @Test
    void auditSaysWhatIsWrongWithItsInput() {
        String compas = shared("compas-two-years.csv");
        Result label = run("audit", "--data", compas, "--label", "race", "--prediction", "score_text",
                "--negative-prediction", "Low", "--group", "sex");
        assertThat(label.code()).isEqualTo(2);
        assertThat(label.err()).contains("compas-two-years.csv: label column 'race' holds [African-American, Asian,"
                + " Caucasian, Hispanic, Native American, Other]; name its positive value (--positive-label V)");
        Result decision = run("audit", "--data", compas, "--label", "two_year_recid", "--prediction",
                "score_text", "--group", "sex");
        assertThat(decision.code()).isEqualTo(2);
        assertThat(decision.err()).contains("prediction column 'score_text' holds 'Low'; say which values are"
                + " positive or negative, or give a threshold for a score (--positive-prediction V,"
                + " --negative-prediction V or --threshold T)");
        Result column = run("audit", "--data", compas, "--label", "two_year_recid", "--prediction", "score",
                "--threshold", "5", "--group", "sex");
        assertThat(column.code()).isEqualTo(2);
        assertThat(column.err()).contains("compas-two-years.csv: prediction column 'score' does not exist");
        Result reference = run("audit", "--data", compas, "--label", "two_year_recid", "--prediction",
                "decile_score", "--threshold", "5", "--group", "sex", "--reference-group", "Nobody");
        assertThat(reference.code()).isEqualTo(2);
        assertThat(reference.err()).contains("reference group 'Nobody' has no rows (groups: Female, Male)");
    }
}
