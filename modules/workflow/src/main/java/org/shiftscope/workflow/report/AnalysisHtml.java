package org.shiftscope.workflow.report;

import static org.shiftscope.workflow.report.Html.esc;
import static org.shiftscope.workflow.report.Html.kv;
import static org.shiftscope.workflow.report.Html.num;
import static org.shiftscope.workflow.report.Html.percent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.Column;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.Split;
import org.shiftscope.transport.Explanation;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.explain.Exemplars;
import org.shiftscope.workflow.explain.ExplainResult;
import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.map.SubpopulationMap;

/** The data, map and explanation parts of a report. */
final class AnalysisHtml {

    /** Exemplars a side a report's strip shows. */
    static final int STRIP = 6;
    /** Longest text snippet of an exemplar. */
    static final int SNIPPET = 200;

    private AnalysisHtml() {
    }

    static void data(StringBuilder h, Report.Data data) {
        DataResult d = data.result();
        Split s = d.split();
        h.append("<h2 id=\"data\">Data</h2>\n<table class=\"kv\">\n");
        kv(h, "Split", s.description());
        kv(h, "Reference", String.format(Locale.ROOT, "%,d rows loaded, %,d analysed (%,d left out for missing"
                + " values)", s.referenceRows(), s.reference().rowCount(), s.referenceDropped()));
        kv(h, "Target", String.format(Locale.ROOT, "%,d rows loaded, %,d analysed (%,d left out for missing values)",
                s.targetRows(), s.target().rowCount(), s.targetDropped()));
        kv(h, "Analysed columns", s.columns().isEmpty() ? "(images)" : s.columns().size() + ": "
                + Html.shorten(String.join(", ", s.columns()), 300));
        if (s.reference().hasImages()) {
            kv(h, "Images", String.format(Locale.ROOT, "%,d reference, %,d target", s.reference().images().size(),
                    s.target().images().size()));
        }
        for (String note : d.sides().notes()) {
            kv(h, "Note", note);
        }
        h.append("</table>\n");
        if (data.detection() != null) {
            h.append("<p>");
            if (data.detection().mmd() != null) {
                h.append(String.format(Locale.ROOT, "MMD<sup>2</sup> = %s, p = %s (%d permutations, %s). ",
                        num(data.detection().mmd().statistic(), 4), num(data.detection().mmd().pValue(), 3),
                        data.detection().mmd().permutations(), esc(data.detection().mmd().method())));
            }
            h.append(String.format(Locale.ROOT, "Classifier two-sample test: AUC %s, p = %s; it relies most on %s.",
                    num(data.detection().classifier().auc(), 4), num(data.detection().classifier().pValue(), 3),
                    esc(String.join(", ", data.detection().classifier().topFeatures()))));
            h.append(data.detection().drift() ? " <b>Shift detected</b>" : " No shift detected")
                    .append(String.format(Locale.ROOT, " at alpha %.3g (%s-corrected).</p>%n",
                            data.request().alpha(), data.request().correction().id()));
        }
        h.append("<h3>Per-column drift tests</h3>\n<table>\n<tr><th>column</th><th>test</th><th>statistic</th>"
                + "<th>p (adjusted)</th><th>drift</th><th>W1</th><th>PSI</th><th>JS</th><th>n reference</th>"
                + "<th>n target</th></tr>\n");
        for (ColumnDrift c : d.drift()) {
            h.append("<tr").append(c.drift() ? " class=\"drift\"" : "").append("><td>").append(esc(c.column()))
                    .append("</td><td>").append(esc(c.test())).append("</td><td>").append(num(c.statistic(), 4))
                    .append("</td><td>").append(num(c.pAdjusted(), 3)).append("</td><td>")
                    .append(c.drift() ? "yes" : "no").append("</td><td>").append(num(c.w1(), 4)).append("</td><td>")
                    .append(num(c.psi(), 4)).append("</td><td>").append(num(c.js(), 4)).append("</td><td>")
                    .append(c.nReference()).append("</td><td>").append(c.nTarget()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static void map(StringBuilder h, SubpopulationMap.Mapped mapped) {
        MapAnalysis.Result r = mapped.result();
        h.append("<h2 id=\"map\">Subpopulation map</h2>\n<p class=\"lead\">").append(String.format(Locale.ROOT,
                "%,d reference and %,d target points; %d features (%s); %s fitted on %,d points, trustworthiness %s;"
                        + " %s.", r.prepared().reference().n(), r.prepared().target().n(),
                r.prepared().features().size(), esc(mapped.features()), r.projection().method().id(),
                r.projection().fitted(), num(r.projection().trustworthiness(), 3),
                esc(r.clustering().describe()))).append("</p>\n");
        if (r.detection() != null) {
            h.append(String.format(Locale.ROOT, "<p>On these points: MMD p = %s, classifier AUC %s (p = %s).</p>%n",
                    num(r.detection().mmd().pValue(), 3), num(r.detection().classifier().auc(), 4),
                    num(r.detection().classifier().pValue(), 3)));
        }
        Svg.map(h, List.of(r.reference(), r.target()), List.of(r.referenceCluster(), r.targetCluster()),
                List.of("Reference", "Target"));
        boolean accuracy = r.correct() != null;
        h.append("<table>\n<tr><th>cluster</th><th>n reference</th><th>n target</th><th>reference share</th>"
                + "<th>target share</th><th>ratio</th><th>trend</th>")
                .append(accuracy ? "<th>reference accuracy</th><th>target accuracy</th>" : "").append("</tr>\n");
        for (Subpopulations.Cluster c : r.table().clusters()) {
            h.append("<tr><td><span style=\"color:").append(Svg.colour(c.id())).append("\">&#9632;</span> ")
                    .append(c.noise() ? "noise" : Integer.toString(c.id())).append("</td><td>")
                    .append(c.nReference()).append("</td><td>").append(c.nTarget()).append("</td><td>")
                    .append(percent(c.referenceShare())).append("</td><td>").append(percent(c.targetShare()))
                    .append("</td><td>").append(Double.isFinite(c.ratio()) ? num(c.ratio(), 3) : "target only")
                    .append("</td><td>").append(esc(c.trend().id())).append("</td>");
            if (accuracy) {
                h.append("<td>").append(accuracy(c.referenceAccuracy())).append("</td><td>")
                        .append(accuracy(c.targetAccuracy())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String accuracy(Subpopulations.Accuracy a) {
        return a.labelled() == 0 ? "&#8211;" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%,d)", a.value(),
                a.low(), a.high(), a.labelled());
    }

    /**
     * The explanation: W2^2, the curve, and for k-cluster each cluster of the largest k with its exemplar strip
     * (images, text snippets, or rows), "these reference examples moved to those target examples".
     *
     * @param text the loaded sides' text column the points embed (rows are the loaded rows), or null
     */
    static void explain(StringBuilder h, ExplainResult r, boolean onMap, MapSettings map, DataResult data) {
        Explanation e = r.explanation();
        h.append("<h2 id=\"explain\">Transport explanation</h2>\n<p class=\"lead\">").append(String.format(
                Locale.ROOT, "W<sub>2</sub><sup>2</sup> = %s (%s, %s) between %,d reference and %,d target rows over %d"
                        + " features, explained by %s maps", num(e.w2sq(), 6), esc(e.solver()), esc(r.units()),
                r.reference().rowCount(), r.target().rowCount(), e.features().size(), esc(e.method().id())))
                .append(onMap ? ", on the map's points" : ", on the split's columns")
                .append(esc(org.shiftscope.workflow.explain.ExplainAnalysis.treatment(e))).append(".</p>\n");
        int[] k = e.curve().stream().mapToInt(Explanation.Point::k).toArray();
        double[] pct = e.curve().stream().mapToDouble(Explanation.Point::percentExplained).toArray();
        h.append("<table class=\"figure\"><tr><td>\n");
        Svg.curve(h, k, pct);
        h.append("</td><td>\n<table>\n<tr><th>k</th><th>PercentExplained</th><th>parsimony</th><th>features</th>"
                + "</tr>\n");
        for (Explanation.Point p : e.curve()) {
            h.append("<tr><td>").append(p.k()).append("</td><td>").append(Double.isNaN(p.percentExplained())
                    ? "&#8211;" : String.format(Locale.ROOT, "%.2f %%", p.percentExplained())
                    + (p.samples() > 1 ? String.format(Locale.ROOT, " &#177; %.2f", p.spread()) : ""))
                    .append("</td><td>")
                    .append(num(p.parsimony(), 4)).append("</td><td>")
                    .append(esc(Html.shorten(String.join(", ", p.features()), 80))).append("</td></tr>\n");
        }
        h.append("</table>\n</td></tr></table>\n");
        int last = e.curve().size() - 1;
        List<Explanation.Cluster> clusters = e.curve().get(last).clusters();
        if (clusters.isEmpty()) {
            return;
        }
        String text = onMap && map != null && map.source() == MapSettings.Source.TEXT ? map.column() : null;
        h.append("<h3>The ").append(clusters.size()).append(" clusters at k = ").append(k[last])
                .append(": which examples moved where</h3>\n<p>For each cluster, the reference examples nearest its"
                        + " centre &#8594; the target examples nearest its moved centre.</p>\n<table>\n<tr><th>cluster"
                        + "</th><th>share of the reference</th><th>moved</th><th>most along</th><th>reference, nearest its"
                        + " centre</th><th>&#8594; target, nearest its moved centre</th></tr>\n");
        for (Explanation.Cluster c : clusters) {
            Exemplars x = r.exemplars(last, c.id());
            h.append("<tr><td>").append(c.id()).append("</td><td>").append(x == null ? "&#8211;"
                    : percent(x.share())).append("</td><td>").append(num(c.displacementNorm(), 4)).append("</td><td>")
                    .append(esc(String.join(", ", c.topFeatures()))).append("</td><td class=\"strip\">");
            if (x != null) {
                strip(h, r.reference(), x.reference(), text == null ? null : data.sides().reference(), text);
            }
            h.append("</td><td class=\"strip\">");
            if (x != null) {
                strip(h, r.target(), x.target(), text == null ? null : data.sides().target(), text);
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Up to {@value #STRIP} exemplars of one side: thumbnails, text snippets, or the rows' first values. */
    private static void strip(StringBuilder h, Dataset side, int[] rows, Dataset loaded, String textColumn) {
        int n = Math.min(STRIP, rows.length);
        if (side.hasImages()) {
            for (int i = 0; i < n; i++) {
                h.append("<img src=\"").append(InlineImages.dataUri(side.images().get(rows[i]), 48))
                        .append("\" width=\"40\" alt=\"row ").append(rows[i] + 1).append("\"/>");
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(loaded != null ? "row " + (rows[i] + 1) + ": " + Html.shorten(String.valueOf(
                    loaded.requireColumn(textColumn).text(rows[i])), SNIPPET) : describe(side, rows[i]));
        }
        h.append("<div class=\"snippet\">").append(esc(String.join("\n", lines)).replace("\n", "<br/>"))
                .append("</div>");
    }

    /** "row 12: x=1.5, y=3" with at most four values. */
    private static String describe(Dataset side, int row) {
        StringBuilder b = new StringBuilder("row " + (row + 1) + ":");
        int shown = 0;
        for (Column c : side.columns()) {
            if (shown++ == 4) {
                b.append(" …");
                break;
            }
            b.append(shown == 1 ? " " : ", ").append(c.name()).append('=').append(Html.shorten(String.valueOf(
                    c.text(row)), 24));
        }
        return b.toString();
    }
}
