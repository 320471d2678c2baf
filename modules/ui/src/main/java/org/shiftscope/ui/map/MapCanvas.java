package org.shiftscope.ui.map;

import org.shiftscope.ui.common.Theme;

import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The subpopulation map as a density image: every point adds its colour to the pixel it falls on, and a pixel shows
 * the mean colour of its points with an opacity that grows with the log of their count. Drawing costs one pass over
 * the points and one over the pixels, so a million points pan (drag) and zoom (scroll wheel) smoothly; no node per
 * point. Shift-drag selects the points in a box.
 */
final class MapCanvas extends org.shiftscope.ui.common.PaintedPane {

    /** Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
    static final Color[] PALETTE = {
        Color.web("#0072b2"), Color.web("#e69f00"), Color.web("#009e73"), Color.web("#cc79a7"),
        Color.web("#56b4e9"), Color.web("#d55e00"), Color.web("#f0e442"), Color.web("#999999"),
    };
    static final Color REFERENCE = PALETTE[0];
    static final Color TARGET = PALETTE[1];

    /** Counts up to this many points per pixel take their opacity from a table. */
    private static final int ALPHA_TABLE = 1 << 16;

    /** Below this many points each is drawn as a 2 x 2 mark. */
    static final int SMALL = 50_000;

    private float[] points = new float[0];
    private int[] colour = new int[0];
    private boolean[] visible = new boolean[0];
    private double minX;
    private double minY;
    private double spanX = 1;
    private double spanY = 1;
    private double zoom = 1;
    private double panX;
    private double panY;
    private double dragX;
    private double dragY;
    private WritableImage image;
    /** The last drawing's transform: screen x = ox + scale * x, screen y = oy - scale * y. */
    private double scale = 1;
    private double ox;
    private double oy;
    private boolean selecting;
    /** Lasso mode: a plain drag draws a free-form selection instead of panning. */
    private boolean lassoMode;
    private final java.util.List<double[]> lasso = new java.util.ArrayList<>();
    private double selectX;
    private double selectY;
    private java.util.function.Consumer<int[]> onSelect = rows -> { };
    /** Hears the index of the shown point under the mouse (within {@value #HOVER_RADIUS} pixels), or -1. */
    private java.util.function.IntConsumer onHover = i -> { };
    private int hovered = -1;
    /** How near the mouse a point must be to count as hovered, in pixels. */
    static final double HOVER_RADIUS = 8;
    private String axis = "PC";
    /**
     * Per pixel p, at 4p .. 4p + 3: the number of its points and the sums of their red, green and blue channels
     * (0..255), side by side so that adding a point touches one cache line.
     */
    private int[] acc;
    private int[] pixels;
    private int referenceCount = Integer.MAX_VALUE;

    MapCanvas() {
        setMinSize(200, 200);
        setPrefSize(640, 520);
        setId("map-canvas");
        setOnScroll(e -> zoomAt(e.getX(), e.getY(), Math.exp(e.getDeltaY() / 400)));
        setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
            selecting = e.isShiftDown() && !lassoMode;
            selectX = e.getX();
            selectY = e.getY();
            lasso.clear();
            if (lassoMode) {
                lasso.add(new double[] {e.getX(), e.getY()});
            }
        });
        setOnMouseDragged(e -> {
            if (lassoMode) {
                // the lasso's path over the last image, closed back to its start
                lasso.add(new double[] {e.getX(), e.getY()});
                GraphicsContext g = canvas.getGraphicsContext2D();
                if (image != null) {
                    g.drawImage(image, 0, 0);
                }
                g.setStroke(Theme.current().ink());
                g.setLineDashes(4, 4);
                g.beginPath();
                g.moveTo(lasso.get(0)[0], lasso.get(0)[1]);
                for (double[] q : lasso) {
                    g.lineTo(q[0], q[1]);
                }
                g.closePath();
                g.stroke();
                g.setLineDashes();
                return;
            }
            if (selecting) {
                // shift-drag draws the selection box over the last image, without recomputing the density
                GraphicsContext g = canvas.getGraphicsContext2D();
                if (image != null) {
                    g.drawImage(image, 0, 0);
                }
                g.setStroke(Theme.current().ink());
                g.setLineDashes(4, 4);
                g.strokeRect(Math.min(selectX, e.getX()), Math.min(selectY, e.getY()), Math.abs(e.getX() - selectX),
                        Math.abs(e.getY() - selectY));
                g.setLineDashes();
                return;
            }
            double dx = e.getX() - dragX;
            double dy = e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            pan(dx, dy);
        });
        setOnMouseReleased(e -> {
            if (lassoMode && lasso.size() >= 3) {
                double[] xs = lasso.stream().mapToDouble(q -> q[0]).toArray();
                double[] ys = lasso.stream().mapToDouble(q -> q[1]).toArray();
                lasso.clear();
                onSelect.accept(inPolygon(xs, ys));
                redraw();
                return;
            }
            if (selecting) {
                selecting = false;
                onSelect.accept(inBox(selectX, selectY, e.getX(), e.getY()));
                redraw();
            }
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                resetView();
            }
        });
        setOnMouseMoved(e -> hover(nearest(e.getX(), e.getY(), HOVER_RADIUS)));
        setOnMouseExited(e -> hover(-1));
        // the keyboard does what the mouse does: arrows pan, + and - zoom about the centre, 0 resets
        setFocusTraversable(true);
        getStyleClass().add("map-canvas");
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            double step = 40;
            switch (e.getCode()) {
                case LEFT -> pan(step, 0);
                case RIGHT -> pan(-step, 0);
                case UP -> pan(0, step);
                case DOWN -> pan(0, -step);
                case PLUS, ADD, EQUALS -> zoomAt(getWidth() / 2, getHeight() / 2, 1.25);
                case MINUS, SUBTRACT -> zoomAt(getWidth() / 2, getHeight() / 2, 0.8);
                case DIGIT0, NUMPAD0, HOME -> resetView();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    /**
     * @param xy      2-D coordinates, x0, y0, x1, y1, ...
     * @param argb    colour of each point
     * @param shown   whether each point is drawn
     * @param refit   whether to fit the view to the points (a new map) or keep the user's pan and zoom
     */
    /** Points before this index are the reference's, the rest the target's (their marks differ in presentation). */
    void setReferenceCount(int n) {
        referenceCount = n;
    }

    /**
     * The pixels one point marks, as (dx, dy) pairs: one pixel for large maps, 2 x 2 for a few thousand points; in
     * presentation mode, where colour must not be the only signal, a 4 x 4 square for the reference and a plus 5
     * pixels across for the target.
     */
    static int[] markOf(boolean presentation, boolean reference, int points) {
        if (presentation) {
            return reference ? new int[] {0, 0, 1, 0, 2, 0, 3, 0, 0, 1, 1, 1, 2, 1, 3, 1, 0, 2, 1, 2, 2, 2, 3, 2, 0, 3, 1,
                3, 2, 3, 3, 3}
                    : new int[] {0, -2, 0, -1, -2, 0, -1, 0, 0, 0, 1, 0, 2, 0, 0, 1, 0, 2};
        }
        return points < SMALL ? new int[] {0, 0, 1, 0, 0, 1, 1, 1} : new int[] {0, 0};
    }

    private boolean presentation() {
        return Theme.presenting();
    }

    void show(float[] xy, int[] argb, boolean[] shown, boolean refit) {
        points = xy;
        colour = argb;
        visible = shown;
        if (refit) {
            double loX = Double.POSITIVE_INFINITY;
            double hiX = Double.NEGATIVE_INFINITY;
            double loY = Double.POSITIVE_INFINITY;
            double hiY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i + 1 < xy.length; i += 2) {
                loX = Math.min(loX, xy[i]);
                hiX = Math.max(hiX, xy[i]);
                loY = Math.min(loY, xy[i + 1]);
                hiY = Math.max(hiY, xy[i + 1]);
            }
            minX = xy.length == 0 ? 0 : loX;
            minY = xy.length == 0 ? 0 : loY;
            spanX = Math.max(hiX - loX, 1e-12);
            spanY = Math.max(hiY - loY, 1e-12);
            resetView();
        } else {
            redraw();
        }
    }

    /** Called with the indices of the shown points inside a box the user shift-drags. */
    void setOnSelect(java.util.function.Consumer<int[]> action) {
        onSelect = action;
    }

    /** Called with the index of the point under the mouse as it moves (-1 when none). */
    void setOnHover(java.util.function.IntConsumer action) {
        onHover = action;
    }

    private void hover(int i) {
        if (i != hovered) {
            hovered = i;
            onHover.accept(i);
        }
    }

    /** The shown point nearest a screen position within {@code radius} pixels, or -1. */
    int nearest(double x, double y, double radius) {
        if (points == null || colour == null) {
            return -1;
        }
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < colour.length; i++) {
            if (!visible[i]) {
                continue;
            }
            double dx = ox + scale * points[2 * i] - x;
            double dy = oy - scale * points[2 * i + 1] - y;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** Where point i is drawn, in this node's coordinates (x, y). */
    double[] screenOf(int i) {
        return new double[] {ox + scale * points[2 * i], oy - scale * points[2 * i + 1]};
    }

    /** Name of the map's axes: "PC" for principal components, "t-SNE", "UMAP". */
    void setAxis(String name) {
        axis = name;
    }

    /** Indices of the shown points whose screen position lies in the box between two screen corners. */
    int[] inBox(double x0, double y0, double x1, double y1) {
        double loX = Math.min(x0, x1);
        double hiX = Math.max(x0, x1);
        double loY = Math.min(y0, y1);
        double hiY = Math.max(y0, y1);
        return shownWhere((px, py) -> px >= loX && px <= hiX && py >= loY && py <= hiY);
    }

    /** A test of a screen position. */
    private interface ScreenTest {
        boolean test(double px, double py);
    }

    /** Indices of the shown points whose screen position passes the test. */
    private int[] shownWhere(ScreenTest inside) {
        int[] out = new int[colour.length];
        int k = 0;
        for (int i = 0; i < colour.length; i++) {
            if (visible[i] && inside.test(ox + scale * points[2 * i], oy - scale * points[2 * i + 1])) {
                out[k++] = i;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Whether a plain drag draws a lasso (free-form selection) rather than panning. */
    void setLassoMode(boolean on) {
        lassoMode = on;
    }

    /**
     * Indices of the shown points whose screen position lies inside the polygon (xs[i], ys[i]) closed back to its
     * first corner (even-odd rule, by counting the edges a ray to the right crosses).
     */
    int[] inPolygon(double[] xs, double[] ys) {
        int n = xs.length;
        double loX = Arrays.stream(xs).min().orElse(0);
        double hiX = Arrays.stream(xs).max().orElse(0);
        double loY = Arrays.stream(ys).min().orElse(0);
        double hiY = Arrays.stream(ys).max().orElse(0);
        return shownWhere((px, py) -> {
            if (px < loX || px > hiX || py < loY || py > hiY) {
                return false;
            }
            boolean inside = false;
            for (int a = 0, b = n - 1; a < n; b = a++) {
                if ((ys[a] > py) != (ys[b] > py)
                        && px < (xs[b] - xs[a]) * (py - ys[a]) / (ys[b] - ys[a]) + xs[a]) {
                    inside = !inside;
                }
            }
            return inside;
        });
    }

    /** Moves the view by (dx, dy) pixels and redraws: what one drag event does. */
    void pan(double dx, double dy) {
        panX += dx;
        panY += dy;
        redraw();
    }

    /** Zooms by {@code factor} keeping the point under (x, y) in place, and redraws: one scroll event. */
    void zoomAt(double x, double y, double factor) {
        panX = x - (x - panX) * factor;
        panY = y - (y - panY) * factor;
        zoom *= factor;
        redraw();
    }

    void resetView() {
        zoom = 1;
        panX = 0;
        panY = 0;
        redraw();
    }

    @Override
    protected void redraw() {
        int w = (int) Math.max(1, getWidth());
        int h = (int) Math.max(1, getHeight());
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        Theme theme = Theme.current();
        g.setFill(theme.paper());
        g.fillRect(0, 0, w, h);
        if (points.length == 0) {
            return;
        }
        double pad = 16;
        // the fitted view (scale s0, points centred), then zoom about the window's origin and pan:
        // screen = zoom * fitted + pan
        double s0 = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY);
        double cx = pad + ((w - 2 * pad) - s0 * spanX) / 2;
        double cy = h - pad - ((h - 2 * pad) - s0 * spanY) / 2;
        double s = s0 * zoom;
        ox = zoom * (cx - s0 * minX) + panX;
        oy = zoom * (cy + s0 * minY) + panY;
        scale = s;
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            // per-pixel buffers live as long as the canvas keeps its size: panning redraws without allocating
            image = new WritableImage(w, h);
            acc = new int[4 * w * h];
            pixels = new int[w * h];
        } else {
            Arrays.fill(acc, 0);
        }
        boolean large = presentation();
        int[] refMark = markOf(large, true, colour.length);
        int[] tgtMark = markOf(large, false, colour.length);
        for (int i = 0; i < colour.length; i++) {
            if (!visible[i]) {
                continue;
            }
            int px = (int) (ox + s * points[2 * i]);
            int py = (int) (oy - s * points[2 * i + 1]);
            int c = colour[i];
            int[] mark = i < referenceCount ? refMark : tgtMark;
            for (int m = 0; m + 1 < mark.length; m += 2) {
                int qx = px + mark[m];
                int qy = py + mark[m + 1];
                if (qx < 0 || qy < 0 || qx >= w || qy >= h) {
                    continue;
                }
                int p = 4 * (qy * w + qx);
                acc[p]++;
                acc[p + 1] += (c >> 16) & 0xff;
                acc[p + 2] += (c >> 8) & 0xff;
                acc[p + 3] += c & 0xff;
            }
        }
        int max = 1;
        for (int p = 0; p < acc.length; p += 4) {
            max = Math.max(max, acc[p]);
        }
        // opacity by count from a table (one log per distinct count, not per pixel): a single point stays clearly
        // visible, dense pixels saturate
        double logMax = Math.log1p(max);
        double[] alpha = new double[Math.min(max, ALPHA_TABLE) + 1];
        for (int c = 1; c < alpha.length; c++) {
            alpha[c] = 0.35 + 0.65 * Math.log1p(c) / logMax;
        }
        int paper = argb(theme.paper());
        for (int p = 0; p < pixels.length; p++) {
            int c = acc[4 * p];
            if (c == 0) {
                pixels[p] = paper;
                continue;
            }
            double a = c < alpha.length ? alpha[c] : 0.35 + 0.65 * Math.log1p(c) / logMax;
            double inv = 1.0 / c;
            int r = blend(acc[4 * p + 1] * inv, a, (paper >> 16) & 0xff);
            int gr = blend(acc[4 * p + 2] * inv, a, (paper >> 8) & 0xff);
            int b = blend(acc[4 * p + 3] * inv, a, paper & 0xff);
            pixels[p] = 0xff000000 | (r << 16) | (gr << 8) | b;
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        g.drawImage(image, 0, 0);
        g.setFill(theme.faint());
        g.setFont(Font.font(13));
        g.fillText(axis + " 1 →   (scroll to zoom, drag to pan, shift-drag to select, double-click to reset)", 8,
                h - 6);
        g.fillText(axis + " 2 ↑", 4, 14);
    }

    /** A channel over white at the given opacity. */
    /** A point's colour over the paper at the given opacity, one channel. */
    private static int blend(double channel, double alpha, int paper) {
        return (int) Math.round(paper - alpha * (paper - channel));
    }

    static int argb(Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    /** Colour of noise points (no cluster). */
    static final Color NOISE = Color.gray(0.55);

    /** Colour of cluster c: the palette, then evenly spaced hues beyond it; grey for noise (a negative id). */
    static Color clusterColour(int c) {
        if (c < 0) {
            return NOISE;
        }
        if (c < PALETTE.length) {
            return PALETTE[c];
        }
        return Color.hsb((c * 137.508) % 360, 0.75, 0.8);
    }
}
