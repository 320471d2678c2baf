package org.shiftscope.workflow.report;

import static org.shiftscope.workflow.report.Html.SIDE_COLOURS;
import static org.shiftscope.workflow.report.Html.clamp;
import static org.shiftscope.workflow.report.Html.esc;
import static org.shiftscope.workflow.report.Html.estimate;
import static org.shiftscope.workflow.report.Html.kv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shiftscope.metrics.Evaluation;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.audit.ClusterGroups;

/** The audit's part of a report: the groups' rates on each audited side, the change, the disparities. */
final class AuditHtml {

    /** The metrics the figure shows, one panel each. */
    private static final List<String> FIGURE_METRICS = List.of("selection_rate", "tpr", "fpr", "precision");
    static final Map<String, String> METRIC_NAMES = new LinkedHashMap<>();

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

    private AuditHtml() {
    }

    static void write(StringBuilder h, Report.Audit audit) {
        List<AuditAnalysis.Audit> sides = audit.sides();
        AuditAnalysis.Options o = audit.settings().options();
        h.append("<h2 id=\"audit\">Subgroup audit</h2>\n");
        summary(h, sides, o, audit.settings());
        h.append("<h3>Per-group rates").append(sides.size() == 2 ? ", reference and target" : "")
                .append("</h3>\n<p>Bars: the rate; whiskers: bootstrap 95 % interval (").append(o.resamples())
                .append(" resamples within each group, seed ").append(o.seed())
                .append("). Groups flagged small have fewer than ").append(o.minGroupSize()).append(" rows.</p>\n");
        figure(h, sides);
        for (int s = 0; s < sides.size(); s++) {
            groupTable(h, (sides.size() == 1 ? "" : s == 0 ? "Reference: " : "Target: ") + sides.get(s).name(),
                    sides.get(s));
        }
        if (audit.split() != null) {
            changeTable(h, audit.split());
        }
        disparityTable(h, sides);
        if (audit.split() != null && audit.split().clusters() != null) {
            clusterTable(h, audit.split());
        }
    }

    private static void summary(StringBuilder h, List<AuditAnalysis.Audit> sides, AuditAnalysis.Options o,
                                AuditAnalysis.Settings s) {
        AuditAnalysis.Audit first = sides.get(0);
        h.append("<table class=\"kv\">\n");
        kv(h, "Label", o.label() + " (positive: " + first.positiveLabel() + ")");
        kv(h, "Decision", first.decision());
        kv(h, "Groups", String.join(" x ", o.groups()) + "; compared with " + first.result().reference());
        StringBuilder rows = new StringBuilder();
        for (AuditAnalysis.Audit a : sides) {
            rows.append(rows.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s %,d (%,d left out for missing values)", a.name(), a.rows(), a.dropped()));
        }
        kv(h, "Rows", rows.toString());
        if (s.where() != null) {
            kv(h, "Rows kept", s.where());
        }
        h.append("</table>\n");
        // the largest between-group gaps on each side, as a plain sentence an auditor can quote
        h.append("<ul class=\"findings\">\n");
        for (String name : List.of("demographic_parity_difference", "equalized_odds_difference",
                "predictive_parity_difference")) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < sides.size(); i++) {
                GroupFairness.Disparity d = sides.get(i).result().between(name);
                if (d != null) {
                    line.append(line.isEmpty() ? "" : ", ").append(sides.size() == 1 ? "" : i == 0 ? "reference "
                            : "target ").append(estimate(d.value()));
                }
            }
            if (!line.isEmpty()) {
                h.append("<li><b>").append(esc(name.replace('_', ' '))).append("</b>: ").append(line)
                        .append("</li>\n");
            }
        }
        h.append("</ul>\n");
    }

    /** One SVG panel per metric: groups along x, a bar per audited side each, with interval whiskers. */
    private static void figure(StringBuilder h, List<AuditAnalysis.Audit> sides) {
        List<String> groups = new ArrayList<>();
        for (AuditAnalysis.Audit a : sides) {
            a.result().groups().stream().map(GroupFairness.Group::name).filter(g -> !groups.contains(g))
                    .forEach(groups::add);
        }
        List<Map<String, GroupFairness.Group>> byName = sides.stream().map(AuditHtml::byName).toList();
        int barW = 14;
        int groupW = sides.size() * barW + 14;
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
                for (int s = 0; s < sides.size(); s++) {
                    GroupFairness.Group group = byName.get(s).get(g);
                    Evaluation.Estimate e = group == null ? null : group.values().get(metric);
                    if (e == null || Double.isNaN(e.value())) {
                        continue;
                    }
                    double x = x0 + s * barW;
                    double y = top + plotH * (1 - clamp(e.value()));
                    h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
                                    + " fill=\"%s\"%s><title>%s, %s: %s</title></rect>%n", x, y, barW - 2,
                            top + plotH - y, SIDE_COLOURS[s], group.small() ? " fill-opacity=\"0.45\"" : "",
                            esc(g), esc(sides.get(s).name()), esc(estimate(e))));
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
                        + " transform=\"rotate(40 %.1f %.1f)\">%s</text>%n", lx, ly, lx, ly,
                        esc(Html.shorten(g, 22))));
            }
            if (sides.size() == 2) {
                h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                                + "<text x=\"%d\" y=\"%d\" class=\"tick\">reference</text>"
                                + "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                                + "<text x=\"%d\" y=\"%d\" class=\"tick\">target</text>%n", width - 150, 7,
                        SIDE_COLOURS[0], width - 136, 16, width - 75, 7, SIDE_COLOURS[1], width - 61, 16));
            }
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

    private static void disparityTable(StringBuilder h, List<AuditAnalysis.Audit> sides) {
        h.append("<h3>Disparities (Fairlearn's vocabulary; 95 % interval)</h3>\n<table>\n<tr><th>disparity</th>");
        sides.forEach(a -> h.append("<th>").append(sides.size() == 1 ? esc(a.name()) : a == sides.get(0)
                ? "reference" : "target").append("</th>"));
        h.append("</tr>\n");
        for (GroupFairness.Disparity d : sides.get(0).result().disparities()) {
            String what = d.group() == null ? d.name() + " (between groups)" : d.name() + ": " + d.group() + " vs "
                    + d.versus();
            h.append("<tr><td>").append(esc(what)).append("</td><td>").append(estimate(d.value())).append("</td>");
            if (sides.size() == 2) {
                GroupFairness.Disparity t = sides.get(1).result().counterpart(d);
                h.append("<td>").append(t == null ? "" : estimate(t.value())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        List<String> leftOut = new ArrayList<>();
        for (AuditAnalysis.Audit a : sides) {
            if (!a.result().leftOut().isEmpty()) {
                leftOut.add(a.name() + " " + a.result().leftOut());
            }
        }
        if (!leftOut.isEmpty()) {
            h.append("<p>Left out of the between-group disparities as small: ")
                    .append(esc(String.join("; ", leftOut))).append(".</p>\n");
        }
    }

    private static void clusterTable(StringBuilder h, AuditAnalysis.SplitAudit a) {
        h.append("<h3>Which transport clusters carry which groups</h3>\n<p>k-cluster transport explanation over ")
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
                                "%.1f %% &#8594; %.1f %%", zeroPercent(g.shareOfReference()),
                                zeroPercent(g.shareOfTarget()))).append("</td></tr>\n");
                first = false;
            }
        }
        h.append("</table>\n");
    }

    /** A share as a percentage; a group with no rows on a side has 0 % of them in every cluster. */
    private static double zeroPercent(double share) {
        return Double.isNaN(share) ? 0 : 100 * share;
    }
}
