package org.shiftscope.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;

/**
 * A controlled shift applied to the target side after loading, so that any dataset becomes a shift demo: image
 * corruptions in the style of Hendrycks and Dietterich's ImageNet-C / Fashion-MNIST-C (Gaussian noise, Gaussian
 * blur, brightness) and class reweighting (label shift). Written as steps separated by semicolons, applied in
 * order, all seeded:
 *
 * <ul>
 *   <li>{@code noise=S}: add Gaussian noise of standard deviation S x 255 to every pixel (clipped to 0..255);</li>
 *   <li>{@code blur=S}: Gaussian blur of standard deviation S pixels;</li>
 *   <li>{@code brightness=B}: add B x 255 to every pixel (B in [-1, 1], clipped);</li>
 *   <li>{@code contrast=C}: scale every pixel's distance from the image's mean by C (C in [0, 1]);</li>
 *   <li>{@code rotate=D}: turn the image by D degrees about its centre (bilinear, black outside);</li>
 *   <li>{@code corrupt=FAMILY:SEVERITY}: one of the ladder's families (noise, blur, contrast, rotate) at severity
 *       1..5, as {@link #LADDER} sets them (ImageNet-C's noise and contrast levels; blur and rotation scaled to
 *       28-pixel images);</li>
 *   <li>{@code reweight=COL:v1=w1,v2=w2}: keep each row with probability w(value) / max w, where values not listed
 *       weigh 1; e.g. {@code reweight=label:0=0.1} keeps a tenth of class 0 and every other row.</li>
 * </ul>
 *
 * A {@code mean_intensity} column (as the IDX and image-folder readers add) is recomputed after corruptions.
 */
public record TargetShift(String text, List<Step> steps, long seed) {

    public sealed interface Step permits Noise, Blur, Brightness, Contrast, Rotate, Reweight {
    }

    public record Contrast(double factor) implements Step {
    }

    public record Rotate(double degrees) implements Step {
    }

    /**
     * The corruption ladder: each family's parameter at severity 1..5. Noise sd (x 255) and contrast factors are
     * ImageNet-C's (Hendrycks and Dietterich 2019); blur sigmas and rotation angles are scaled for 28 x 28 images.
     */
    public static final Map<String, double[]> LADDER = Map.of(
            "noise", new double[] {0.08, 0.12, 0.18, 0.26, 0.38},
            "blur", new double[] {0.5, 0.75, 1.0, 1.5, 2.0},
            "contrast", new double[] {0.4, 0.3, 0.2, 0.1, 0.05},
            "rotate", new double[] {10, 20, 30, 40, 50});

    /** The ladder's step for a family at a severity 1..5. */
    public static Step ladder(String family, int severity) {
        double[] levels = LADDER.get(family);
        if (levels == null || severity < 1 || severity > 5) {
            throw DataException.of("the corruption ladder has families " + new java.util.TreeSet<>(LADDER.keySet())
                    + " at severities 1..5, not " + family + ":" + severity);
        }
        double v = levels[severity - 1];
        return switch (family) {
            case "noise" -> new Noise(v);
            case "blur" -> new Blur(v);
            case "contrast" -> new Contrast(v);
            default -> new Rotate(v);
        };
    }

    public record Noise(double sd) implements Step {
    }

    public record Blur(double sigma) implements Step {
    }

    public record Brightness(double delta) implements Step {
    }

    public record Reweight(String column, Map<String, Double> weights) implements Step {
    }

    public TargetShift {
        steps = List.copyOf(steps);
    }

    /** True when a step changes pixels (so embeddings computed before the shift would not see it). */
    public boolean changesPixels() {
        return steps.stream().anyMatch(s -> !(s instanceof Reweight));
    }

    public static TargetShift parse(String text, long seed) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw bad(text, part, "expected name=value");
            }
            String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String arg = part.substring(eq + 1).strip();
            steps.add(switch (name) {
                case "noise" -> new Noise(number(text, part, arg, 0, 1));
                case "blur" -> new Blur(number(text, part, arg, 0, 10));
                case "brightness" -> new Brightness(number(text, part, arg, -1, 1));
                case "contrast" -> new Contrast(number(text, part, arg, 0, 1));
                case "rotate" -> new Rotate(number(text, part, arg, -360, 360));
                case "corrupt" -> corrupt(text, part, arg);
                case "reweight" -> reweight(text, part, arg);
                default -> throw bad(text, part, "unknown step '" + name + "' (use noise, blur, brightness, contrast, rotate,"
                        + " corrupt or reweight)");
            });
        }
        if (steps.isEmpty()) {
            throw DataException.of("target shift '" + text + "' has no steps");
        }
        return new TargetShift(text.strip(), steps, seed);
    }

    private static Step corrupt(String text, String part, String arg) {
        int colon = arg.indexOf(':');
        if (colon <= 0) {
            throw bad(text, part, "expected corrupt=FAMILY:SEVERITY, e.g. corrupt=blur:3");
        }
        try {
            return ladder(arg.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    (int) number(text, part, arg.substring(colon + 1).strip(), 1, 5));
        } catch (DataException e) {
            throw bad(text, part, e.getMessage());
        }
    }

    private static Reweight reweight(String text, String part, String arg) {
        int colon = arg.indexOf(':');
        if (colon <= 0) {
            throw bad(text, part, "expected reweight=COLUMN:value=weight,value=weight");
        }
        Map<String, Double> w = new LinkedHashMap<>();
        for (String pair : arg.substring(colon + 1).split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                throw bad(text, part, "'" + pair.strip() + "' is not value=weight");
            }
            w.put(pair.substring(0, eq).strip(), number(text, part, pair.substring(eq + 1).strip(), 0, 1e6));
        }
        return new Reweight(arg.substring(0, colon).strip(), w);
    }

    private static double number(String text, String part, String arg, double lo, double hi) {
        double v;
        try {
            v = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw bad(text, part, "'" + arg + "' is not a number");
        }
        if (!(v >= lo && v <= hi)) {
            throw bad(text, part, arg + " is outside [" + lo + ", " + hi + "]");
        }
        return v;
    }

    private static DataException bad(String text, String part, String why) {
        return DataException.of("target shift '" + text + "', step '" + part.strip() + "': " + why);
    }

    /** The shifted copy of a dataset (the input is not changed). */
    public Dataset apply(Dataset data) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Dataset d = data;
        for (Step s : steps) {
            SplittableRandom r = rnd.split();
            d = switch (s) {
                case Reweight w -> reweight(d, w, r);
                case Noise n -> pixels(d, "noise", img -> noise(img, n.sd() * 255, r));
                case Blur b -> pixels(d, "blur", img -> blur(img, b.sigma()));
                case Brightness b -> pixels(d, "brightness", img -> brightness(img, b.delta() * 255));
                case Contrast c -> pixels(d, "contrast", img -> contrast(img, c.factor()));
                case Rotate o -> pixels(d, "rotate", img -> rotate(img, o.degrees()));
            };
        }
        return d;
    }

    private static Dataset reweight(Dataset d, Reweight r, SplittableRandom rnd) {
        Column c = d.requireColumn(r.column());
        double max = 1;
        for (double w : r.weights().values()) {
            max = Math.max(max, w);
        }
        int[] keep = new int[d.rowCount()];
        int k = 0;
        for (int i = 0; i < d.rowCount(); i++) {
            double w = r.weights().getOrDefault(c.text(i), 1.0);
            if (rnd.nextDouble() < w / max) {
                keep[k++] = i;
            }
        }
        if (k == 0) {
            throw DataException.of("reweighting " + r.column() + " kept no rows of " + d.name());
        }
        return d.selectRows(java.util.Arrays.copyOf(keep, k));
    }

    /** Every image of d through one corruption; a {@code mean_intensity} column follows the new pixels. */
    private static Dataset pixels(Dataset d, String step, java.util.function.UnaryOperator<RasterImage> corrupt) {
        if (!d.hasImages()) {
            throw DataException.of(d.name() + " has no images: " + step + " applies to image data only");
        }
        List<RasterImage> out = new ArrayList<>(d.images().size());
        for (RasterImage img : d.images()) {
            out.add(corrupt.apply(img));
        }
        List<Column> cols = new ArrayList<>(d.columns().size());
        for (Column c : d.columns()) {
            if (c.name().equals("mean_intensity") && c instanceof NumericColumn) {
                double[] m = new double[out.size()];
                for (int i = 0; i < m.length; i++) {
                    m[i] = out.get(i).meanIntensity();
                }
                cols.add(new NumericColumn(c.name(), m));
            } else {
                cols.add(c);
            }
        }
        return new Dataset(d.name(), d.source(), cols, out);
    }

    private static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    static RasterImage noise(RasterImage img, double sd, SplittableRandom rnd) {
        byte[] p = img.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) clip((p[i] & 0xFF) + sd * gaussian(rnd));
        }
        return new RasterImage(img.width(), img.height(), img.channels(), p);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Each channel's pixels pulled towards the image's mean value by {@code factor} (1: unchanged). */
    static RasterImage contrast(RasterImage img, double factor) {
        byte[] px = img.pixels();
        double mean = img.meanIntensity();
        byte[] out = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (byte) clip(mean + ((px[i] & 0xFF) - mean) * factor);
        }
        return new RasterImage(img.width(), img.height(), img.channels(), out);
    }

    /** The image turned by {@code degrees} (counter-clockwise) about its centre, bilinear, black outside. */
    static RasterImage rotate(RasterImage img, double degrees) {
        int w = img.width();
        int h = img.height();
        int ch = img.channels();
        byte[] px = img.pixels();
        byte[] out = new byte[px.length];
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // the source of (x, y): turn back by the angle (image y grows downwards)
                double sx = cos * (x - cx) - sin * (y - cy) + cx;
                double sy = sin * (x - cx) + cos * (y - cy) + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < ch; c++) {
                    double v = (1 - fx) * (1 - fy) * at(px, w, h, ch, x0, y0, c)
                            + fx * (1 - fy) * at(px, w, h, ch, x0 + 1, y0, c)
                            + (1 - fx) * fy * at(px, w, h, ch, x0, y0 + 1, c)
                            + fx * fy * at(px, w, h, ch, x0 + 1, y0 + 1, c);
                    out[(y * w + x) * ch + c] = (byte) clip(v);
                }
            }
        }
        return new RasterImage(w, h, ch, out);
    }

    private static double at(byte[] px, int w, int h, int ch, int x, int y, int c) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : px[(y * w + x) * ch + c] & 0xFF;
    }

    static RasterImage brightness(RasterImage img, double delta) {
        byte[] p = img.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) clip((p[i] & 0xFF) + delta);
        }
        return new RasterImage(img.width(), img.height(), img.channels(), p);
    }

    /** Separable Gaussian blur, kernel radius ceil(3 sigma), edges clamped; sigma 0 leaves the image unchanged. */
    static RasterImage blur(RasterImage img, double sigma) {
        if (sigma == 0) {
            return img;
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = img.width();
        int h = img.height();
        int c = img.channels();
        double[] tmp = new double[w * h * c];
        byte[] src = img.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        int xx = Math.max(0, Math.min(w - 1, x + i));
                        s += k[i + r] * (src[(y * w + xx) * c + ch] & 0xFF);
                    }
                    tmp[(y * w + x) * c + ch] = s;
                }
            }
        }
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        int yy = Math.max(0, Math.min(h - 1, y + i));
                        s += k[i + r] * tmp[(yy * w + x) * c + ch];
                    }
                    out[(y * w + x) * c + ch] = (byte) clip(s);
                }
            }
        }
        return new RasterImage(w, h, c, out);
    }
}
