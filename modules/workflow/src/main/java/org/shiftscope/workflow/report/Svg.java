package org.shiftscope.workflow.report;

import java.util.List;
import java.util.Locale;

/** The report's drawings as inline SVG: the map's two panels and the PercentExplained curve. */
final class Svg {

    /** Okabe-Ito, then Tableau-like colours: clusters 0..11; later ones by evenly spaced hues. */
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
        "#F0E442", "#000000", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF"};
    /** Points a map panel draws at most (an even stride through the side). */
    static final int MAX_POINTS = 2500;

    private Svg() {
    }

    /** Colour of cluster c; grey for noise (a negative id). */
    static String colour(int c) {
        if (c < 0) {
            return "#AAAAAA";
        }
        if (c < PALETTE.length) {
            return PALETTE[c];
        }
        java.awt.Color hue = java.awt.Color.getHSBColor((float) ((c * 137.508) % 360 / 360), 0.75f, 0.8f);
        return String.format(Locale.ROOT, "#%02X%02X%02X", hue.getRed(), hue.getGreen(), hue.getBlue());
    }

    /**
     * Reference and target side by side in the same coordinates, each point coloured by its cluster.
     *
     * @param xy 2-D coordinates per side (x0, y0, x1, y1, ...)
     */
    static void map(StringBuilder h, List<double[]> xy, List<int[]> cluster, List<String> titles) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] side : xy) {
            for (int i = 0; i + 1 < side.length; i += 2) {
                minX = Math.min(minX, side[i]);
                maxX = Math.max(maxX, side[i]);
                minY = Math.min(minY, side[i + 1]);
                maxY = Math.max(maxY, side[i + 1]);
            }
        }
        double spanX = maxX > minX ? maxX - minX : 1;
        double spanY = maxY > minY ? maxY - minY : 1;
        int size = 420;
        int pad = 10;
        h.append("<table class=\"figure\"><tr>\n");
        for (int s = 0; s < xy.size(); s++) {
            double[] p = xy.get(s);
            int n = p.length / 2;
            int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
            h.append(String.format(Locale.ROOT, "<td><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                    + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", size, size + 22, size,
                    size + 22, Html.esc(titles.get(s))));
            h.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"15\" class=\"title\">%s</text>%n",
                    Html.esc(titles.get(s) + (step > 1 ? " (every " + step + "th point)" : ""))));
            h.append(String.format(Locale.ROOT, "<rect x=\"0.5\" y=\"22.5\" width=\"%d\" height=\"%d\" fill=\"none\""
                    + " stroke=\"#ccc\"/>%n", size - 1, size - 1));
            for (int i = 0; i < n; i += step) {
                double x = pad + (p[2 * i] - minX) / spanX * (size - 2 * pad);
                double y = 22 + pad + (1 - (p[2 * i + 1] - minY) / spanY) * (size - 2 * pad);
                h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"%s\""
                        + " fill-opacity=\"0.75\"/>", x, y, colour(cluster.get(s)[i])));
            }
            h.append("\n</svg></td>\n");
        }
        h.append("</tr></table>\n");
    }

    /** PercentExplained (0-100) against k, with tick labels on both axes. */
    static void curve(StringBuilder h, int[] k, double[] percent) {
        int width = 460;
        int height = 260;
        int left = 46;
        int top = 24;
        int plotW = width - left - 16;
        int plotH = height - top - 40;
        int kmax = k.length == 0 ? 1 : k[k.length - 1];
        h.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"PercentExplained by k\">%n", width, height, width,
                height));
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" class=\"title\">PercentExplained by k</text>%n",
                left));
        for (int tick = 0; tick <= 4; tick++) {
            double y = top + plotH - tick * plotH / 4.0;
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%d %%</text>%n", left,
                    left + plotW, y, y, left - 4, y + 4, tick * 25));
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < k.length; i++) {
            double x = left + (kmax == 1 ? plotW / 2.0 : (k[i] - 1) * plotW / (double) (kmax - 1));
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%d"
                    + "</text>%n", x, top + plotH + 14, k[i]));
            if (Double.isNaN(percent[i])) {
                continue;
            }
            double y = top + plotH * (1 - Html.clamp(percent[i] / 100));
            line.append(line.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>k = %d:"
                    + " %.2f %%</title></circle>%n", x, y, Html.SIDE_COLOURS[0], k[i], percent[i]));
        }
        h.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(Html.SIDE_COLOURS[0])
                .append("\" stroke-width=\"1.5\"/>\n");
        h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">k"
                + "</text>%n", left + plotW / 2.0, height - 6));
        h.append("</svg>\n");
    }
}
