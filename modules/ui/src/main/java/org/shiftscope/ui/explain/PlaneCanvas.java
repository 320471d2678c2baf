package org.shiftscope.ui.explain;

import org.shiftscope.ui.common.Theme;

import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Reference and target points in the principal plane, with an arrow per k-cluster from the cluster's reference
 * centroid to where the map moves it. One Canvas, not one node per point, so thousands of points stay cheap.
 */
public final class PlaneCanvas extends org.shiftscope.ui.common.PaintedPane {

    static final Color REFERENCE = Color.web("#0072b2");
    static final Color TARGET = Color.web("#e69f00");

    private double[] reference = new double[0];
    private double[] target = new double[0];
    private List<double[]> arrows = List.of();
    private String xName = "PC 1";
    private String yName = "PC 2";

    /** Names the axes (default: the principal components). */
    public void setAxisNames(String x, String y) {
        xName = x;
        yName = y;
    }

    /** Markers grow in presentation mode so a room can see them. */
    private double markerSize() {
        return Theme.presenting() ? 6 : 3;
    }

    public PlaneCanvas() {
        setMinSize(200, 200);
        setPrefSize(520, 420);
    }

    public void show(double[] ref, double[] tgt, List<double[]> arrowList) {
        reference = ref;
        target = tgt;
        arrows = arrowList;
        redraw();
    }

    @Override
    protected void redraw() {
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double marker = markerSize();
        Theme theme = Theme.current();
        g.setFill(theme.paper());
        g.fillRect(0, 0, w, h);
        if (reference.length == 0 && target.length == 0) {
            return;
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] pts : new double[][] {reference, target}) {
            for (int i = 0; i + 1 < pts.length; i += 2) {
                minX = Math.min(minX, pts[i]);
                maxX = Math.max(maxX, pts[i]);
                minY = Math.min(minY, pts[i + 1]);
                maxY = Math.max(maxY, pts[i + 1]);
            }
        }
        double pad = 24;
        double sx = (w - 2 * pad) / Math.max(maxX - minX, 1e-12);
        double sy = (h - 2 * pad) / Math.max(maxY - minY, 1e-12);
        double s = Math.min(sx, sy);
        double ox = pad + ((w - 2 * pad) - s * (maxX - minX)) / 2 - s * minX;
        double oy = h - pad - ((h - 2 * pad) - s * (maxY - minY)) / 2 + s * minY;
        dots(g, reference, REFERENCE.deriveColor(0, 1, 1, 0.45), s, ox, oy, marker, false);
        dots(g, target, TARGET.deriveColor(0, 1, 1, 0.45), s, ox, oy, marker, true);
        g.setStroke(Theme.current().ink());
        g.setFill(Theme.current().ink());
        g.setLineWidth(2.5);
        g.setFont(Font.font(13));
        for (int c = 0; c < arrows.size(); c++) {
            double[] a = arrows.get(c);
            double x0 = ox + s * a[0];
            double y0 = oy - s * a[1];
            double x1 = ox + s * a[2];
            double y1 = oy - s * a[3];
            g.strokeLine(x0, y0, x1, y1);
            double angle = Math.atan2(y1 - y0, x1 - x0);
            double head = 10;
            g.fillPolygon(new double[] {x1, x1 - head * Math.cos(angle - 0.4), x1 - head * Math.cos(angle + 0.4)},
                    new double[] {y1, y1 - head * Math.sin(angle - 0.4), y1 - head * Math.sin(angle + 0.4)}, 3);
            g.fillOval(x0 - 4, y0 - 4, 8, 8);
            g.fillText(Integer.toString(c), x0 + 6, y0 - 6);
        }
        g.setFill(Theme.current().faint());
        g.fillText(xName + " →", w - 60, h - 6);
        g.fillText(yName + " ↑", 4, 14);
    }

    /**
     * The points of one side: colour never the only signal, so the reference draws squares and the target diamonds
     * (told apart in grey print and by colour-blind viewers; presentation mode's larger markers show them best).
     */
    private static void dots(GraphicsContext g, double[] pts, Color color, double s, double ox, double oy,
                             double marker, boolean diamond) {
        g.setFill(color);
        double r = marker * 0.7;
        for (int i = 0; i + 1 < pts.length; i += 2) {
            double x = ox + s * pts[i];
            double y = oy - s * pts[i + 1];
            if (diamond) {
                g.fillPolygon(new double[] {x, x + r, x, x - r}, new double[] {y - r, y, y + r, y}, 4);
            } else {
                g.fillRect(x - marker / 2, y - marker / 2, marker, marker);
            }
        }
    }
}
