package org.shiftscope.workflow.report;

import static org.shiftscope.workflow.report.Html.esc;
import static org.shiftscope.workflow.report.Html.kv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shiftscope.core.DataException;
import org.shiftscope.core.AtomicFile;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.project.ProjectStore;

/**
 * The report of the whole analysis: one self-contained HTML file (inline CSS, SVG figures and PNG thumbnails, no
 * scripts to run, nothing fetched), or the same laid out as PDF. Its sections follow what the project holds (see
 * {@link Report#sections()}): the data and their drift tests, the subpopulation map, the transport explanation with
 * its exemplar strips, the adaptation runs on these data, and the subgroup audit; then the provenance needed to
 * defend and repeat it: file sizes and SHA-256 hashes, every option and seed, the versions, and the project file
 * that reproduces it. The numbers are also embedded as JSON ({@code <script type="application/json"
 * id="shiftscope-results">}, {@link ReportJson}).
 */
public final class ReportWriter {

    private ReportWriter() {
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
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>ShiftScope report: ")
                .append(esc(r.subject())).append("</title>\n<style>\n").append(Html.CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(r.project() == null ? "Subgroup audit" : "Distribution shift report")
                .append("</h1>\n<p class=\"lead\">").append(esc(r.subject())).append("</p>\n");
        contents(h, r);
        if (r.data() != null) {
            AnalysisHtml.data(h, r.data());
        }
        if (r.map() != null) {
            AnalysisHtml.map(h, r.map());
        }
        if (r.explain() != null) {
            AnalysisHtml.explain(h, r.explain(), r.project().explain().onMap(), r.project().map(),
                    r.data().result());
        }
        runs(h, r.runs());
        if (r.audit() != null) {
            AuditHtml.write(h, r.audit());
        }
        provenance(h, r, dir);
        h.append("<script type=\"application/json\" id=\"shiftscope-results\">\n")
                .append(ReportJson.toJson(r).toPrettyString().replace("<", "\\u003c").replace("&", "\\u0026"))
                .append("\n</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Links to the sections present. */
    private static void contents(StringBuilder h, Report r) {
        if (r.sections().size() < 2) {
            return;
        }
        h.append("<p>Contents: ");
        List<String> names = r.sections();
        for (int i = 0; i < names.size(); i++) {
            String id = names.get(i);
            h.append(i == 0 ? "" : " · ").append("<a href=\"#").append(id).append("\">").append(switch (id) {
                case "data" -> "data and drift tests";
                case "map" -> "subpopulation map";
                case "explain" -> "transport explanation";
                case "adaptation" -> "adaptation runs";
                default -> "subgroup audit";
            }).append("</a>");
        }
        h.append(" · <a href=\"#provenance\">provenance</a></p>\n");
    }

    /** The adaptation runs on these data: overall accuracy, and each group's rates before and after. */
    private static void runs(StringBuilder h, List<RunStore.Run> runs) {
        if (runs.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"adaptation\">Adaptation runs on these data</h2>\n<p>From the run history (newest first); the target's"
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
                        .append(esc(AuditHtml.METRIC_NAMES.get(c.metric()))).append("</td><td>")
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
        h.append("<h2 id=\"provenance\">Provenance</h2>\n<table class=\"kv\">\n");
        kv(h, "Made", r.made().toString() + String.format(Locale.ROOT, " in %.1f s", r.seconds()));
        r.runtime().forEach((k, v) -> kv(h, k, v));
        kv(h, r.project() != null ? "Split" : "Data", r.subject());
        if (r.audit() != null) {
            kv(h, "Missing values (audit)", "rows missing the label, the decision or a group value are left out and"
                    + " counted");
        }
        h.append("</table>\n<h3>Files read</h3>\n<table>\n<tr><th>role</th><th>file</th><th>bytes</th>"
                + "<th>SHA-256</th></tr>\n");
        for (Provenance.FileRecord f : r.files()) {
            h.append("<tr><td>").append(esc(f.role())).append("</td><td>").append(esc(f.path().toString()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", f.bytes()))
                    .append("</td><td class=\"hash\">").append(f.sha256()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (r.project() != null) {
            h.append("<h3>Project (options and seeds; repeat with <code>shiftscope report --project FILE --out"
                    + " report.html</code>)</h3>\n<pre>").append(esc(ProjectStore.json(r.project(), dir)))
                    .append("</pre>\n");
        } else {
            h.append("<h3>Options (repeat with <code>shiftscope report --data FILE</code> and these options)</h3>\n"
                    + "<pre>").append(esc(ProjectStore.auditJson(r.audit().settings(), dir).toPrettyString()))
                    .append("</pre>\n");
        }
    }
}
