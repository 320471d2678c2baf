package org.shiftscope.workflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.projection.Projector;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.audit.AuditJson;
import org.shiftscope.workflow.explain.ExplainSettings;
import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.project.Project;

/**
 * The report of the whole analysis: a section exactly when the project holds its analysis, the numbers in its
 * tables equal to the JSON it embeds, exemplar strips as inline images, and one file's audit.
 */
class ReportTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode embedded(String page) throws Exception {
        String open = "<script type=\"application/json\" id=\"shiftscope-results\">";
        int a = page.indexOf(open);
        return JSON.readTree(page.substring(a + open.length(), page.indexOf("</script>", a)));
    }

    private static List<String> sectionIds(String page) {
        return Pattern.compile("<h2 id=\"([a-z]+)\"").matcher(page).results().map(m -> m.group(1)).toList();
    }

    @Test
    void aProjectWithOnlyItsSplitReportsTheDataAndItsDriftTests() throws Exception {
        Project p = new Project(SplitDefinition.demo(), "data");
        Report r = ReportAnalysis.compute(p, null, TaskMonitor.NONE);
        assertThat(r.sections()).containsExactly("data");
        String page = ReportWriter.html(r, dir);
        assertThat(sectionIds(page)).containsExactly("data", "provenance");
        JsonNode json = embedded(page);
        assertThat(json.get("schema").asText()).isEqualTo("shiftscope/report/v1");
        assertThat(json.has("map") || json.has("explain") || json.has("audit")).isFalse();
        // every column's row in the HTML holds the JSON's numbers, as the table formats them
        JsonNode columns = json.get("data").get("columns");
        assertThat(columns.size()).isEqualTo(r.data().result().split().columns().size());
        for (JsonNode c : columns) {
            String row = String.format(Locale.ROOT, "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
                    c.get("column").asText(), c.get("test").asText(), g(c.get("statistic"), 4),
                    g(c.get("p_adjusted"), 3), c.get("drift").asBoolean() ? "yes" : "no");
            assertThat(page).contains(row);
        }
        JsonNode detect = json.get("data").get("detect");
        assertThat(page).contains("Classifier two-sample test: AUC " + g(detect.get("classifier").get("auc"), 4));
        assertThat(detect.get("univariate")).isEqualTo(columns); // detect's tests are the Data view's
    }

    private static String g(JsonNode v, int digits) {
        return v.isNull() ? "&#8211;" : String.format(Locale.ROOT, "%." + digits + "g", v.asDouble());
    }

    @Test
    void everyAnalysisTheProjectHoldsIsASectionWithTheJsonsNumbers() throws Exception {
        // the spurious-colour images: the built-in encoder's map, the explanation on its points, an audit by colour
        SplitDefinition split = new SplitDefinition(new SplitSource.Demo("spurious-colour", 300, 0), List.of(),
                MissingPolicy.DROP);
        MapSettings map = new MapSettings(MapSettings.Source.ENCODER, null, "label", Projector.Method.PCA,
                MapAnalysis.Clustering.kmeans(4), TransportAnalysis.Standardize.ZSCORE, 0);
        ExplainSettings explain = new ExplainSettings(ExplanationMethod.KCLUSTER, 3, TransportAnalysis.Standardize.NONE,
                TransportAnalysis.Solver.AUTO, 0, true);
        AuditAnalysis.Options o = new AuditAnalysis.Options("label", "1", "label", null, List.of("1"), List.of(),
                List.of("label"), null, 1, 20, 0, null);
        Project p = new Project(split, "report", map, new AuditAnalysis.Settings(o, null, 0), explain, null);
        Report r = ReportAnalysis.compute(p, null, TaskMonitor.NONE);
        assertThat(r.sections()).containsExactly("data", "map", "explain", "audit");
        String page = ReportWriter.html(r, dir);
        assertThat(sectionIds(page)).containsExactly("data", "map", "explain", "audit", "provenance");
        JsonNode json = embedded(page);
        // the map's table: each cluster's counts and shares as the JSON has them
        for (JsonNode c : json.get("map").get("clusters")) {
            assertThat(page).contains(String.format(Locale.ROOT, "%d</td><td>%d</td><td>%d</td><td>%.1f %%</td>"
                    + "<td>%.1f %%</td>", c.get("cluster").asInt(), c.get("n_reference").asInt(),
                    c.get("n_target").asInt(), 100 * c.get("reference_share").asDouble(),
                    100 * c.get("target_share").asDouble()));
        }
        assertThat(page).contains("aria-label=\"Reference\"").contains("aria-label=\"Target\"");
        // the curve: every k's PercentExplained
        for (JsonNode pt : json.get("explain").get("curve")) {
            assertThat(page).contains(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.2f %%</td>", pt.get("k").asInt(),
                    pt.get("percent_explained").asDouble()));
        }
        // each cluster's exemplar strip: its reference and target images inline, as many as the JSON lists
        int images = 0;
        for (JsonNode c : json.get("explain").get("clusters")) {
            JsonNode x = c.get("exemplars");
            images += Math.min(AnalysisHtml.STRIP, x.get("reference").size())
                    + Math.min(AnalysisHtml.STRIP, x.get("target").size());
            assertThat(page).contains(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.1f %%</td>",
                    c.get("cluster").asInt(), 100 * x.get("reference_share").asDouble()));
        }
        Matcher m = Pattern.compile("<img src=\"data:image/png;base64,").matcher(page);
        assertThat(m.results().count()).isEqualTo(images).isPositive();
        // the audit: the JSON is the audit's own, and each group's row count is in its table
        assertThat(json.get("audit")).isEqualTo(AuditJson.toJson(r.audit().split()));
        for (JsonNode g : json.get("audit").get("reference").get("groups")) {
            assertThat(page).contains("<td>" + g.get("group").asText() + "</td><td>"
                    + String.format(Locale.ROOT, "%,d", g.get("n").asInt()) + "</td>");
        }
        // nothing to fetch
        assertThat(page).doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    void textsMovedAreShownAsSnippets() throws Exception {
        // 30 reference notes about hospital stays; the target has 15 such notes and 15 market reports
        String[] wards = {"cardiology", "oncology", "the surgical ward", "intensive care", "maternity"};
        String[] firms = {"Acme Corp", "Globex", "Initech", "Umbrella Holdings", "Stark Industries"};
        StringBuilder csv = new StringBuilder("side,note\n");
        for (int i = 0; i < 45; i++) {
            csv.append(i < 30 ? "ref" : "tgt").append(",\"The patient recovered after ").append(2 + i % 9)
                    .append(" days in ").append(wards[i % 5]).append(".\"\n");
        }
        for (int i = 0; i < 15; i++) {
            csv.append("tgt,\"Shares of ").append(firms[i % 5]).append(" rose ").append(1 + i % 7)
                    .append(" percent in early trading.\"\n");
        }
        Path data = dir.resolve("notes.csv");
        Files.writeString(data, csv);
        SplitDefinition split = new SplitDefinition(new SplitSource.FilteredFile(data, "side=ref", "side=tgt"),
                List.of(), MissingPolicy.DROP);
        MapSettings map = new MapSettings(MapSettings.Source.TEXT, null, "note", Projector.Method.PCA,
                MapAnalysis.Clustering.kmeans(2), TransportAnalysis.Standardize.NONE, 0);
        ExplainSettings explain = new ExplainSettings(ExplanationMethod.KCLUSTER, 2, TransportAnalysis.Standardize.NONE,
                TransportAnalysis.Solver.EXACT, 0, true);
        Report r = ReportAnalysis.compute(new Project(split, "report", map, null, explain, null), null,
                TaskMonitor.NONE);
        String page = ReportWriter.html(r, dir);
        JsonNode clusters = embedded(page).get("explain").get("clusters");
        // every exemplar is shown as its own text; the market reports appear only as target exemplars
        List<String> notes = Files.readAllLines(data).subList(1, 61);
        boolean market = false;
        for (JsonNode c : clusters) {
            for (String side : List.of("reference", "target")) {
                for (JsonNode x : c.get("exemplars").get(side)) {
                    int row = x.get("row").asInt();
                    String text = notes.get(side.equals("reference") ? row - 1 : 30 + row - 1).replace("\"", "")
                            .substring(4);
                    assertThat(page).contains("row " + row + ": " + text);
                    assertThat(side.equals("target") || !text.startsWith("Shares")).isTrue();
                    market |= text.startsWith("Shares");
                }
            }
        }
        assertThat(market).isTrue();
    }

    @Test
    void oneFilesAuditIsAReportOfItsOwn() throws Exception {
        Path csv = dir.resolve("one.csv");
        Files.writeString(csv, "g,y,p\nA,1,1\nA,1,0\nA,0,0\nA,0,1\nB,1,1\nB,1,1\nB,0,0\nB,0,0\n");
        AuditAnalysis.Options o = new AuditAnalysis.Options("y", null, "p", null, List.of(), List.of(), List.of("g"),
                null, 1, 50, 0, null);
        AuditAnalysis.Settings s = new AuditAnalysis.Settings(o, null, 0);
        Report r = ReportAnalysis.computeFile(csv, s, TaskMonitor.NONE);
        assertThat(r.sections()).containsExactly("audit");
        String page = ReportWriter.html(r, dir);
        assertThat(sectionIds(page)).containsExactly("audit", "provenance");
        assertThat(page).contains("<h1>Subgroup audit</h1>").doesNotContain("Change per group");
        // hand count: A selects 2 of 4, B 2 of 4
        assertThat(embedded(page).get("audit")).isEqualTo(AuditJson.toJson(AuditAnalysis.audit(csv, s,
                TaskMonitor.NONE)));
        assertThat(page).contains("<td>A</td><td>4</td>").contains("0.500");
    }
}
