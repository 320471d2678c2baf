package org.shiftscope.workflow.report;

import org.shiftscope.workflow.AtomicFile;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.audit.ClusterGroups;
import org.shiftscope.workflow.audit.AuditJson;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;

/**
 * The auditor's report: one self-contained HTML file (inline CSS and SVG figures, no scripts to run, nothing
 * fetched) with the subgroup audit of reference and target side by side, the change per group, the disparities,
 * the transport clusters' groups, and the provenance needed to defend and repeat it: file sizes and SHA-256
 * hashes, the split, the model's hash, every option and seed, the versions, and the project file that reproduces
 * it. The numbers are also embedded as JSON ({@code <script type="application/json" id="shiftscope-results">}).
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Okabe-Ito colours (colour-blind safe): reference, target. */
    private static final String[] SIDE_COLOURS = {"#0072B2", "#E69F00"};
    /** The metrics the figure shows, one panel each. */
    private static final List<String> FIGURE_METRICS = List.of("selection_rate", "tpr", "fpr", "precision");
    private static final Map<String, String> METRIC_NAMES = new LinkedHashMap<>();

    static {
        METRIC_NAMES.put("base_rate", "base rate");
        METRIC_NAMES.put("selection_rate", "selection rate");
        METRIC_NAMES.put("accuracy", "accuracy");
        METRIC_NAMES.put("tpr", "TPR");
        METRIC_NAMES.put("fpr", "FPR");
        METRIC_NAMES.put("fnr", "FNR");
        METRIC_NAMES.put("precision", "precision");
        METRIC_NAMES.put("ece", "ECE");
    }

    private ReportWriter() {
    }

    /**
     * What a report shows: the project it came from, its audit, the adaptation runs on the same data (newest
     * first), and when it was made.
     */
    public record Report(Project project, AuditAnalysis.SplitAudit audit, List<Provenance.FileRecord> files,
                         List<RunStore.Run> runs, Map<String, String> runtime, Instant made, double seconds) {
    }

    /** {@link #compute(Project, RunStore, TaskMonitor)} with the standard run history. */
    public static Report compute(Project project, TaskMonitor monitor) {
        return compute(project, RunStore.standard(), monitor);
    }

    /**
     * Runs the project's audit (it must have audit settings), gathers the provenance, and finds the finished
     * adaptation runs in {@code history} (null: none) on the same data.
     */
    public static Report compute(Project project, RunStore history, TaskMonitor monitor) {
        if (project.audit() == null) {
            throw DataException.of("the project has no audit set up (label, decision and group columns)");
        }
        long t = System.nanoTime();
        List<Provenance.FileRecord> files = new ArrayList<>(Provenance.files(project.split()));
        AuditAnalysis.Model model = project.audit().options().model();
        if (model != null) {
            files.add(Provenance.file("model", model.file()));
        }
        AuditAnalysis.SplitAudit audit = AuditAnalysis.audit(project.split(), project.audit(), monitor);
        List<RunStore.Run> runs = history == null ? List.of() : history.list().stream()
                .filter(r -> r.kind().equals("adapt") && r.status().equals("done") && r.result() != null
                        && audit.dataHash().equals(r.dataHash()))
                .toList();
        return new Report(project, audit, List.copyOf(files), runs, Provenance.runtime(), Instant.now(),
                (System.nanoTime() - t) / 1e9);
    }

    /**
     * Writes the report to {@code out} atomically (a temporary file renamed over it): a PDF when the name ends in
     * .pdf, else HTML.
     */
    public static void write(Report r, Path out) {
        Path abs = out.toAbsolutePath().normalize();
        boolean pdf = abs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
        try {
            String html = html(r, abs.getParent());
            AtomicFile.write(abs, stream -> {
                if (pdf) {
                    pdf(html, abs.getParent(), stream);
                } else {
                    stream.write(html.getBytes(StandardCharsets.UTF_8));
                }
            });
        } catch (IOException e) {
            throw DataException.inFile(abs.getFileName().toString(), "cannot be written: " + e.getMessage());
        }
    }

    /** PDFBox warns through java.util.logging about standard fonts it substitutes; kept so the level sticks. */
    private static final java.util.logging.Logger PDFBOX_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox");

    /** Fonts the PDF embeds when the system has them (else PDF's standard Helvetica, Latin-1 only). */
    private static final List<Path> FONTS = List.of(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"));

    /** The report's HTML laid out as PDF (A4 landscape), its SVG figures drawn as vectors. */
    private static void pdf(String html, Path dir, java.io.OutputStream out) throws IOException {
        // the embedded JSON is for programs reading the HTML; a PDF carries the tables instead
        String body = html.replaceAll("(?s)<script type=\"application/json\".*?</script>\n", "");
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false); // it logs every layout step at INFO
        PDFBOX_LOG.setLevel(java.util.logging.Level.SEVERE);
        com.openhtmltopdf.pdfboxout.PdfRendererBuilder b = new com.openhtmltopdf.pdfboxout.PdfRendererBuilder();
        b.useFastMode();
        b.useSVGDrawer(new com.openhtmltopdf.svgsupport.BatikSVGDrawer());
        for (Path f : FONTS) {
            if (Files.isReadable(f)) {
                String name = f.getFileName().toString();
                b.useFont(f.toFile(), name.startsWith("DejaVuSansMono") ? "DejaVu Sans Mono" : "DejaVu Sans",
                        name.contains("Bold") ? 700 : 400,
                        com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            }
        }
        b.withHtmlContent(body, dir.toUri().toString());
        b.toStream(out);
        b.run();
    }

    /** The report as one HTML document (project paths relative to {@code dir} where they lie inside it). */
    public static String html(Report r, Path dir) {
        AuditAnalysis.SplitAudit a = r.audit();
        AuditAnalysis.Options o = r.project().audit().options();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>ShiftScope report: ")
                .append(esc(r.project().split().source().describe())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Subgroup audit under shift</h1>\n<p class=\"lead\">").append(esc(r.project().split().source()
                .describe())).append("</p>\n");
        summary(h, a, o, r.project().audit());
        h.append("<h2>Per-group rates, reference and target</h2>\n<p>Bars: the rate; whiskers: bootstrap 95 % interval"
                + " (").append(o.resamples()).append(" resamples within each group, seed ").append(o.seed())
                .append("). Groups flagged small have fewer than ").append(o.minGroupSize()).append(" rows.</p>\n");
        figure(h, a);
        groupTable(h, "Reference: " + a.reference().name(), a.reference());
        groupTable(h, "Target: " + a.target().name(), a.target());
        changeTable(h, a);
        disparityTable(h, a);
        if (a.clusters() != null) {
            clusterTable(h, a);
        }
        runs(h, r.runs());
        provenance(h, r, dir);
        h.append("<script type=\"application/json\" id=\"shiftscope-results\">\n")
                .append(AuditJson.toJson(a).toPrettyString().replace("<", "\\u003c").replace("&", "\\u0026"))
                .append("\n</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, AuditAnalysis.SplitAudit a, AuditAnalysis.Options o,
                                AuditAnalysis.Settings s) {
        h.append("<h2>Summary</h2>\n<table class=\"kv\">\n");
        kv(h, "Label", o.label() + " (positive: " + a.reference().positiveLabel() + ")");
        kv(h, "Decision", a.reference().decision());
        kv(h, "Groups", String.join(" x ", o.groups()) + "; compared with " + a.reference().result().reference());
        kv(h, "Rows", String.format(Locale.ROOT, "reference %,d (%,d left out for missing values), target %,d (%,d)",
                a.reference().rows(), a.reference().dropped(), a.target().rows(), a.target().dropped()));
        if (s.where() != null) {
            kv(h, "Rows kept on both sides", s.where());
        }
        h.append("</table>\n");
        // the largest between-group gaps on each side, as a plain sentence an auditor can quote
        h.append("<ul class=\"findings\">\n");
        for (String name : List.of("demographic_parity_difference", "equalized_odds_difference",
                "predictive_parity_difference")) {
            GroupFairness.Disparity ref = a.reference().result().between(name);
            GroupFairness.Disparity tgt = a.target().result().between(name);
            if (ref == null || tgt == null) {
                continue;
            }
            h.append("<li><b>").append(esc(name.replace('_', ' '))).append("</b>: reference ")
                    .append(estimate(ref.value())).append(", target ").append(estimate(tgt.value())).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    /** One SVG panel per metric: groups along x, a reference and a target bar each, with interval whiskers. */
    private static void figure(StringBuilder h, AuditAnalysis.SplitAudit a) {
        List<String> groups = new ArrayList<>();
        a.reference().result().groups().forEach(g -> groups.add(g.name()));
        a.target().result().groups().stream().map(GroupFairness.Group::name).filter(g -> !groups.contains(g))
                .forEach(groups::add);
        Map<String, GroupFairness.Group> ref = byName(a.reference());
        Map<String, GroupFairness.Group> tgt = byName(a.target());
        int barW = 14;
        int groupW = 2 * barW + 14;
        int plotH = 170;
        int left = 44;
        int width = Math.max(260, left + 10 + groups.size() * groupW + 90);
        int height = plotH + 120;
        // a two-column table lays the panels out alike in browsers and in the PDF
        h.append("<table class=\"figure\">\n");
        for (int panel = 0; panel < FIGURE_METRICS.size(); panel++) {
            String metric = FIGURE_METRICS.get(panel);
            h.append(panel % 2 == 0 ? "<tr><td>" : "<td>");
            h.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s by group\">%n", width, height, width, height,
                    esc(METRIC_NAMES.get(metric))));
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"title\">%s</text>%n", left,
                    esc(METRIC_NAMES.get(metric))));
            int top = 26;
            for (int tick = 0; tick <= 4; tick++) {
                double y = top + plotH - tick * plotH / 4.0;
                h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.2f</text>%n", left, width - 4,
                        y, y, left - 4, y + 4, tick / 4.0));
            }
            for (int gi = 0; gi < groups.size(); gi++) {
                String g = groups.get(gi);
                int x0 = left + 8 + gi * groupW;
                GroupFairness.Group[] sides = {ref.get(g), tgt.get(g)};
                for (int s = 0; s < 2; s++) {
                    if (sides[s] == null) {
                        continue;
                    }
                    Evaluation.Estimate e = sides[s].values().get(metric);
                    if (e == null || Double.isNaN(e.value())) {
                        continue;
                    }
                    double x = x0 + s * barW;
                    double y = top + plotH * (1 - clamp(e.value()));
                    h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
                                    + " fill=\"%s\"%s><title>%s, %s: %s</title></rect>%n", x, y, barW - 2,
                            top + plotH - y, SIDE_COLOURS[s], sides[s].small() ? " fill-opacity=\"0.45\"" : "",
                            esc(g), s == 0 ? "reference" : "target", esc(estimate(e))));
                    if (!Double.isNaN(e.low()) && !Double.isNaN(e.high())) {
                        double cx = x + (barW - 2) / 2.0;
                        h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\""
                                        + " class=\"ci\"/>%n", cx, cx, top + plotH * (1 - clamp(e.low())),
                                top + plotH * (1 - clamp(e.high()))));
                    }
                }
                double lx = x0 + 4;
                double ly = top + plotH + 12;
                h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\""
                        + " transform=\"rotate(40 %.1f %.1f)\">%s</text>%n", lx, ly, lx, ly, esc(shorten(g))));
            }
            h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" class=\"tick\">reference</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" class=\"tick\">target</text>%n", width - 150, 7, SIDE_COLOURS[0],
                    width - 136, 16, width - 75, 7, SIDE_COLOURS[1], width - 61, 16));
            h.append("</svg>\n").append(panel % 2 == 0 ? "</td>" : "</td></tr>\n");
        }
        h.append(FIGURE_METRICS.size() % 2 == 1 ? "</tr>\n</table>\n" : "</table>\n");
    }

    private static Map<String, GroupFairness.Group> byName(AuditAnalysis.Audit a) {
        Map<String, GroupFairness.Group> m = new LinkedHashMap<>();
        a.result().groups().forEach(g -> m.put(g.name(), g));
        return m;
    }

    private static void groupTable(StringBuilder h, String title, AuditAnalysis.Audit a) {
        h.append("<h3>").append(esc(title)).append("</h3>\n<table>\n<tr><th>group</th><th>n</th>");
        List<String> metrics = metrics(a);
        metrics.forEach(m -> h.append("<th>").append(esc(METRIC_NAMES.getOrDefault(m, m))).append("</th>"));
        h.append("</tr>\n");
        for (GroupFairness.Group g : a.result().groups()) {
            h.append("<tr").append(g.small() ? " class=\"small\"" : "").append("><td>").append(esc(g.name()))
                    .append(g.small() ? " <span class=\"flag\">small</span>" : "").append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", g.n())).append("</td>");
            for (String m : metrics) {
                Evaluation.Estimate e = g.values().get(m);
                h.append("<td>").append(e == null ? "" : estimate(e)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static List<String> metrics(AuditAnalysis.Audit a) {
        List<String> out = new ArrayList<>();
        if (!a.result().groups().isEmpty()) {
            out.addAll(a.result().groups().get(0).values().keySet());
        }
        return out;
    }

    private static void changeTable(StringBuilder h, AuditAnalysis.SplitAudit a) {
        List<String> metrics = metrics(a.target());
        h.append("<h3>Change per group (target minus reference)</h3>\n<table>\n<tr><th>group</th><th>n reference</th>"
                + "<th>n target</th>");
        metrics.forEach(m -> h.append("<th>").append(esc(METRIC_NAMES.getOrDefault(m, m))).append("</th>"));
        h.append("</tr>\n");
        for (AuditAnalysis.Change c : AuditAnalysis.changes(a.reference(), a.target())) {
            h.append("<tr><td>").append(esc(c.group())).append("</td><td>").append(c.nBefore()).append("</td><td>")
                    .append(c.nAfter()).append("</td>");
            for (String m : metrics) {
                double d = c.delta().getOrDefault(m, Double.NaN);
                h.append("<td>").append(Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%+.3f", d)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void disparityTable(StringBuilder h, AuditAnalysis.SplitAudit a) {
        h.append("<h3>Disparities (Fairlearn's vocabulary; 95 % interval)</h3>\n<table>\n<tr><th>disparity</th>"
                + "<th>reference</th><th>target</th></tr>\n");
        for (GroupFairness.Disparity d : a.reference().result().disparities()) {
            GroupFairness.Disparity t = a.target().result().counterpart(d);
            String what = d.group() == null ? d.name() + " (between groups)" : d.name() + ": " + d.group() + " vs "
                    + d.versus();
            h.append("<tr><td>").append(esc(what)).append("</td><td>").append(estimate(d.value())).append("</td><td>")
                    .append(t == null ? "" : estimate(t.value())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!a.reference().result().leftOut().isEmpty() || !a.target().result().leftOut().isEmpty()) {
            h.append("<p>Left out of the between-group disparities as small: reference ")
                    .append(esc(a.reference().result().leftOut().toString())).append(", target ")
                    .append(esc(a.target().result().leftOut().toString())).append(".</p>\n");
        }
    }

    private static void clusterTable(StringBuilder h, AuditAnalysis.SplitAudit a) {
        h.append("<h2>Which transport clusters carry which groups</h2>\n<p>k-cluster transport explanation over ")
                .append(esc(String.join(", ", a.clusterFeatures()))).append(" (z-scored); reference rows by cluster,"
                        + " target rows by the nearest moved cluster centre. ").append(a.clusterRowsLeftOut())
                .append(" rows missing a feature are in no cluster.</p>\n<table>\n<tr><th>cluster</th><th>moved</th>"
                        + "<th>along</th><th>group</th><th>reference rows</th><th>target rows</th>"
                        + "<th>share of the group (reference &#8594; target)</th></tr>\n");
        List<List<ClusterGroups.GroupShare>> shares = ClusterGroups.shares(a.clusters());
        for (int k = 0; k < a.clusters().size(); k++) {
            ClusterGroups c = a.clusters().get(k);
            boolean first = true;
            for (ClusterGroups.GroupShare g : shares.get(k)) {
                h.append("<tr><td>").append(first ? String.valueOf(c.cluster()) : "").append("</td><td>")
                        .append(first ? String.format(Locale.ROOT, "%.3f", c.moved()) : "").append("</td><td>")
                        .append(first ? esc(String.join(", ", c.topFeatures())) : "").append("</td><td>")
                        .append(esc(g.group())).append("</td><td>").append(g.reference()).append("</td><td>")
                        .append(g.target()).append("</td><td>").append(String.format(Locale.ROOT,
                                "%.1f %% &#8594; %.1f %%", percent(g.shareOfReference()),
                                percent(g.shareOfTarget()))).append("</td></tr>\n");
                first = false;
            }
        }
        h.append("</table>\n");
    }

    /** A share as a percentage; a group with no rows on a side has 0 % of them in every cluster. */
    private static double percent(double share) {
        return Double.isNaN(share) ? 0 : 100 * share;
    }

    /** The adaptation runs on these data: overall accuracy, and each group's rates before and after. */
    private static void runs(StringBuilder h, List<RunStore.Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        h.append("<h2>Adaptation runs on these data</h2>\n<p>From the run history (newest first); the target's"
                + " rates before and after each method, with 95 % intervals.</p>\n");
        for (RunStore.Run run : runs) {
            org.shiftscope.workflow.adapt.AdaptationRun res = run.result();
            h.append("<h3>Run ").append(esc(run.id())).append(": ").append(esc(run.method())).append(" (")
                    .append(esc(run.started())).append(", seed ").append(run.seed()).append(")</h3>\n");
            if (res.before() != null) {
                h.append(String.format(Locale.ROOT, "<p>Target accuracy %.3f &#8594; %.3f.</p>%n",
                        res.before().metrics().get("accuracy").value(), res.after().metrics().get("accuracy")
                                .value()));
            }
            if (res.fairness() == null) {
                continue;
            }
            h.append("<table>\n<tr><th>group</th><th>rate</th><th>before</th><th>after</th><th>change</th></tr>\n");
            for (org.shiftscope.workflow.adapt.AdaptationRun.RateChange c : res.fairness().rateChanges()) {
                h.append("<tr><td>").append(esc(c.group())).append("</td><td>")
                        .append(esc(METRIC_NAMES.get(c.metric()))).append("</td><td>")
                        .append(org.shiftscope.workflow.adapt.AdaptationRun.RateChange.text(c.before(), 3))
                        .append("</td><td>")
                        .append(org.shiftscope.workflow.adapt.AdaptationRun.RateChange.text(c.after(), 3))
                        .append("</td><td>")
                        .append(String.format(Locale.ROOT, "%+.3f", c.change())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void provenance(StringBuilder h, Report r, Path dir) {
        h.append("<h2>Provenance</h2>\n<table class=\"kv\">\n");
        kv(h, "Made", r.made().toString() + String.format(Locale.ROOT, " in %.1f s", r.seconds()));
        r.runtime().forEach((k, v) -> kv(h, k, v));
        kv(h, "Split", r.project().split().source().describe());
        kv(h, "Missing values", "rows missing the label, the decision or a group value are left out and counted");
        h.append("</table>\n<h3>Files read</h3>\n<table>\n<tr><th>role</th><th>file</th><th>bytes</th>"
                + "<th>SHA-256</th></tr>\n");
        for (Provenance.FileRecord f : r.files()) {
            h.append("<tr><td>").append(esc(f.role())).append("</td><td>").append(esc(f.path().toString()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", f.bytes()))
                    .append("</td><td class=\"hash\">").append(f.sha256()).append("</td></tr>\n");
        }
        h.append("</table>\n<h3>Project (options and seeds; repeat with <code>shiftscope report --project FILE --out"
                + " report.html</code>)</h3>\n<pre>").append(esc(ProjectStore.json(r.project(), dir))).append("</pre>\n");
    }

    private static void kv(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String estimate(Evaluation.Estimate e) {
        return e.text("&#8211;");
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static String shorten(String s) {
        return s.length() <= 22 ? s : s.substring(0, 21) + "…";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            @page { size: A4 landscape; margin: 1.2cm; }
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222;
                   font-size: 14px; }
            h1 { font-size: 24px; margin-bottom: 0.2em; }
            h2 { font-size: 19px; border-bottom: 1px solid #bbb; margin-top: 1.6em; }
            h3 { font-size: 15px; margin-top: 1.2em; }
            .lead { color: #555; margin-top: 0; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 12.5px; }
            th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; }
            table.kv th { width: 14em; }
            tr.small td { color: #777; }
            .flag { background: #fde2c0; color: #7a4100; border-radius: 3px; padding: 0 4px; font-size: 11px; }
            .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 11px; }
            pre { background: #f6f6f6; padding: 0.8em; font-size: 11.5px; white-space: pre-wrap; }
            table.figure, table.figure td { border: none; padding: 0 1em 1em 0; }
            table.figure tr { page-break-inside: avoid; }
            svg .title { font-size: 13px; font-weight: bold; }
            svg .tick { font-size: 10px; fill: #444; }
            svg .grid { stroke: #ddd; stroke-width: 1; }
            svg .ci { stroke: #222; stroke-width: 1.3; }
            """;
}
