package org.shiftscope.core;

/**
 * Bilinear resizing with antialiasing, the way Pillow's {@code Image.resize(size, BILINEAR)} does it (and so
 * torchvision's {@code Resize} on PIL images): a separable triangle filter whose support widens by the scale factor
 * when shrinking, so every input pixel under an output pixel counts; a horizontal pass, then a vertical one; 8-bit
 * results after each pass, with Pillow's fixed-point weights (22 fractional bits) and rounding. On the same decoded
 * pixels the result is Pillow's, byte for byte.
 */
public final class ImageResize {

    private ImageResize() {
    }

    /** Fractional bits of the fixed-point weights (32 - 8 - 2: 8 bits of result, 2 of headroom). */
    private static final int PRECISION_BITS = 22;

    /** Per output pixel: first input index, count, and fixed-point weights. */
    private record Coefficients(int[] first, int[] count, int[][] weights) {
    }

    /** The image at width x height (each at least 1). */
    /** The image shrunk (never enlarged) so that its longer edge is at most {@code side} pixels. */
    public static RasterImage fit(RasterImage img, int side) {
        int longer = Math.max(img.width(), img.height());
        if (longer <= side) {
            return img;
        }
        double s = (double) side / longer;
        return resize(img, Math.max(1, (int) Math.round(img.width() * s)),
                Math.max(1, (int) Math.round(img.height() * s)));
    }

    public static RasterImage resize(RasterImage img, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("cannot resize to " + width + "x" + height);
        }
        RasterImage out = img;
        if (width != img.width()) {
            out = horizontal(out, width);
        }
        if (height != img.height()) {
            out = vertical(out, height);
        }
        return out;
    }

    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(1.0, scale);
        double support = filterScale; // the bilinear filter's support is 1
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int o = 0; o < outSize; o++) {
            double center = (o + 0.5) * scale;
            int lo = Math.max(0, (int) (center - support + 0.5));
            int hi = Math.min(inSize, (int) (center + support + 0.5));
            int n = hi - lo;
            double[] w = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double x = Math.abs((i + lo - center + 0.5) / filterScale);
                w[i] = x < 1 ? 1 - x : 0;
                sum += w[i];
            }
            int[] fixed = new int[n];
            for (int i = 0; i < n; i++) {
                double k = sum != 0 ? w[i] / sum : w[i];
                fixed[i] = (int) (k < 0 ? -0.5 + k * (1 << PRECISION_BITS) : 0.5 + k * (1 << PRECISION_BITS));
            }
            first[o] = lo;
            count[o] = n;
            weights[o] = fixed;
        }
        return new Coefficients(first, count, weights);
    }

    private static byte clip8(long acc) {
        long v = acc >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }

    private static RasterImage horizontal(RasterImage img, int width) {
        int c = img.channels();
        int h = img.height();
        int inW = img.width();
        Coefficients k = coefficients(inW, width);
        byte[] in = img.pixels();
        byte[] out = new byte[width * h * c];
        for (int y = 0; y < h; y++) {
            int row = y * inW * c;
            for (int x = 0; x < width; x++) {
                int[] w = k.weights()[x];
                int lo = k.first()[x];
                for (int ch = 0; ch < c; ch++) {
                    long acc = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < w.length; i++) {
                        acc += (long) (in[row + (lo + i) * c + ch] & 0xFF) * w[i];
                    }
                    out[(y * width + x) * c + ch] = clip8(acc);
                }
            }
        }
        return new RasterImage(width, h, c, out);
    }

    private static RasterImage vertical(RasterImage img, int height) {
        int c = img.channels();
        int w = img.width();
        int inH = img.height();
        Coefficients k = coefficients(inH, height);
        byte[] in = img.pixels();
        byte[] out = new byte[w * height * c];
        int stride = w * c;
        for (int y = 0; y < height; y++) {
            int[] wt = k.weights()[y];
            int lo = k.first()[y];
            for (int i = 0; i < stride; i++) {
                long acc = 1L << (PRECISION_BITS - 1);
                for (int j = 0; j < wt.length; j++) {
                    acc += (long) (in[(lo + j) * stride + i] & 0xFF) * wt[j];
                }
                out[y * stride + i] = clip8(acc);
            }
        }
        return new RasterImage(w, height, c, out);
    }
}
