package org.shiftscope.workflow.report;

import java.util.Locale;
import org.shiftscope.metrics.Evaluation;

/** What the report's sections share: escaping, key-value rows, number formats and the style sheet. */
final class Html {

    /** Okabe-Ito colours (colour-blind safe): reference, target. */
    static final String[] SIDE_COLOURS = {"#0072B2", "#E69F00"};

    private Html() {
    }

    static void kv(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    static String estimate(Evaluation.Estimate e) {
        return e.text("&#8211;");
    }

    /** A number to {@code digits} significant digits, or a dash for NaN. */
    static String num(double v, int digits) {
        return Double.isNaN(v) ? "&#8211;" : Double.isInfinite(v) ? (v > 0 ? "&#8734;" : "-&#8734;")
                : String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    /** A share as a percentage with one decimal. */
    static String percent(double share) {
        return Double.isNaN(share) ? "&#8211;" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
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

    static final String CSS = """
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
            tr.drift td { background: #fff3e0; }
            .flag { background: #fde2c0; color: #7a4100; border-radius: 3px; padding: 0 4px; font-size: 11px; }
            .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 11px; }
            pre { background: #f6f6f6; padding: 0.8em; font-size: 11.5px; white-space: pre-wrap; }
            table.figure, table.figure td { border: none; padding: 0 1em 1em 0; }
            table.figure tr { page-break-inside: avoid; }
            .strip img { image-rendering: pixelated; margin: 1px; border: 1px solid #ddd; }
            .snippet { font-size: 11.5px; color: #333; max-width: 24em; }
            svg .title { font-size: 13px; font-weight: bold; }
            svg .tick { font-size: 10px; fill: #444; }
            svg .grid { stroke: #ddd; stroke-width: 1; }
            svg .ci { stroke: #222; stroke-width: 1.3; }
            """;
}
