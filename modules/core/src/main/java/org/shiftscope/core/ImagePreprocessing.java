package org.shiftscope.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How images become a model's input tensor, as pretrained models expect it: resize (the shorter side to
 * {@code resize}, the other in proportion, or exactly {@code resize} x {@code resize}), centre crop, colour mode,
 * channel order, scale, per-channel mean and std, layout. {@link #IMAGENET} is torchvision's ImageNet convention
 * ({@code Resize(256)}, {@code CenterCrop(224)}, {@code ToTensor()}, {@code Normalize(mean, std)}); {@link #NONE}
 * feeds the pixels as they are, scaled to [0, 1], channels first. Each step follows torchvision on PIL images:
 * resizing by {@link ImageResize} (Pillow's antialiased bilinear), the crop's offset rounded half to even as Python
 * does, grey images made RGB by repeating the channel.
 *
 * @param resize   target of the resize, 0 for none
 * @param exact    resize to {@code resize} x {@code resize} rather than the shorter side to {@code resize}
 * @param crop     side of the centre crop, 0 for none
 * @param channels 3 (RGB, grey repeated), 1 (grey, luma of RGB) or 0 (as the images come)
 * @param bgr      channel order blue, green, red (OpenCV-trained models)
 * @param nhwc     channels last (TensorFlow / Keras exports) rather than first
 * @param byteRange values 0..255 rather than 0..1
 * @param mean     subtracted per channel (one value for all channels, or one per channel), after scaling
 * @param std      divided per channel, after the mean
 */
public record ImagePreprocessing(int resize, boolean exact, int crop, int channels, boolean bgr, boolean nhwc,
                                 boolean byteRange, double[] mean, double[] std) implements java.io.Serializable {

    /** torchvision's ImageNet preprocessing (ResNet, ViT, ConvNeXt ... as torchvision and timm export them). */
    public static final ImagePreprocessing IMAGENET = new ImagePreprocessing(256, false, 224, 3, false, false, false,
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
    /** The pixels as they are, scaled to [0, 1], channels first (every image must then have one size). */
    public static final ImagePreprocessing NONE = new ImagePreprocessing(0, false, 0, 0, false, false, false,
            new double[] {0}, new double[] {1});

    public ImagePreprocessing {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        mean = mean.clone();
        std = std.clone();
        if (resize < 0 || crop < 0) {
            throw DataException.setting("preprocess", "resize and crop sizes cannot be negative");
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw DataException.setting("preprocess", "images become 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        for (double[] v : new double[][] {mean, std}) {
            if (v.length != 1 && v.length != 3) {
                throw DataException.setting("preprocess", "mean and std take one value or three (one per channel),"
                        + " not " + v.length);
            }
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw DataException.setting("preprocess", "every std must be positive, not " + s);
            }
        }
    }

    /** A preset by name: {@code imagenet} or {@code none}. */
    public static ImagePreprocessing preset(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "imagenet" -> IMAGENET;
            case "none" -> NONE;
            default -> throw DataException.setting("preprocess", "unknown preprocessing '" + name
                    + "' (use imagenet or none)");
        };
    }

    /**
     * This preprocessing made to give a model's fixed input of {@code side} x {@code side} pixels: the crop becomes
     * {@code side} and the resize keeps its ratio to the crop (ImageNet's 256 / 224); an exact resize becomes
     * {@code side}. Unchanged without a resize or crop (the images' own size then decides).
     */
    public ImagePreprocessing forSide(int side) {
        if (crop > 0) {
            int r = resize == 0 ? 0 : (int) Math.round((double) resize * side / crop);
            return new ImagePreprocessing(r, exact, side, channels, bgr, nhwc, byteRange, mean, std);
        }
        if (resize > 0 && exact) {
            return new ImagePreprocessing(side, true, 0, channels, bgr, nhwc, byteRange, mean, std);
        }
        return this;
    }

    /** The preset this equals, or "custom". */
    public String name() {
        return equals(IMAGENET) ? "imagenet" : equals(NONE) ? "none" : "custom";
    }

    /** One line for reports and the UI, e.g. "resize 256, centre crop 224, RGB, mean [...], std [...], NCHW". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(resize == 0 ? "no resize" : exact ? "resize to " + resize + "x" + resize
                : "resize shorter side to " + resize);
        s.append(crop == 0 ? "" : ", centre crop " + crop);
        s.append(channels == 3 ? bgr ? ", BGR" : ", RGB" : channels == 1 ? ", grey" : ", channels as stored");
        s.append(byteRange ? ", 0-255" : ", 0-1");
        s.append(", mean ").append(Arrays.toString(mean)).append(", std ").append(Arrays.toString(std));
        s.append(nhwc ? ", NHWC" : ", NCHW");
        return s.toString();
    }

    /**
     * The tensor shape of one preprocessed image (without the batch dimension): (c, h, w), or (h, w, c) for NHWC.
     * It depends on the image only when there is no crop and no exact resize.
     */
    public long[] shape(RasterImage img) {
        int[] size = outputSize(img);
        int c = channels == 0 ? img.channels() : channels;
        return nhwc ? new long[] {size[1], size[0], c} : new long[] {c, size[1], size[0]};
    }

    /** Width and height after resize and crop. */
    private int[] outputSize(RasterImage img) {
        int w = img.width();
        int h = img.height();
        if (resize > 0) {
            if (exact) {
                w = resize;
                h = resize;
            } else if (w <= h) {
                h = (int) ((long) resize * h / w); // torchvision: int(size * long / short)
                w = resize;
            } else {
                w = (int) ((long) resize * w / h);
                h = resize;
            }
        }
        if (crop > 0) {
            return new int[] {crop, crop};
        }
        return new int[] {w, h};
    }

    /**
     * Writes the preprocessed image into {@code out} from {@code offset} (as many values as {@link #shape} says).
     *
     * @throws DataException when the crop is larger than the resized image
     */
    public void apply(RasterImage img, float[] out, int offset) {
        RasterImage x = convert(img);
        if (resize > 0) {
            int[] size;
            if (exact) {
                size = new int[] {resize, resize};
            } else if (x.width() <= x.height()) {
                size = new int[] {resize, (int) ((long) resize * x.height() / x.width())};
            } else {
                size = new int[] {(int) ((long) resize * x.width() / x.height()), resize};
            }
            x = ImageResize.resize(x, size[0], size[1]);
        }
        int left = 0;
        int top = 0;
        int w = x.width();
        int h = x.height();
        if (crop > 0) {
            if (crop > w || crop > h) {
                throw DataException.setting("preprocess", "a centre crop of " + crop + " needs an image at least"
                        + " that large after resizing, not " + w + "x" + h);
            }
            left = (int) Math.rint((w - crop) / 2.0); // Python's round: half to even
            top = (int) Math.rint((h - crop) / 2.0);
            w = crop;
            h = crop;
        }
        int c = x.channels();
        byte[] px = x.pixels();
        for (int ch = 0; ch < c; ch++) {
            int source = bgr && c == 3 ? 2 - ch : ch;
            // as torchvision: to float in [0, 1] first, then (v - mean) / std, in single precision
            float m = (float) (mean.length == 1 ? mean[0] : mean[ch]);
            float s = (float) (std.length == 1 ? std[0] : std[ch]);
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int b = px[((y + top) * x.width() + xx + left) * c + source] & 0xFF;
                    float v = byteRange ? b : b / 255f;
                    float z = (v - m) / s;
                    int at = nhwc ? (y * w + xx) * c + ch : ch * h * w + y * w + xx;
                    out[offset + at] = z;
                }
            }
        }
    }

    /** The image in the colour mode the model takes. */
    private RasterImage convert(RasterImage img) {
        if (channels == 0 || channels == img.channels()) {
            return img;
        }
        int n = img.width() * img.height();
        byte[] in = img.pixels();
        if (channels == 3) {
            byte[] rgb = new byte[n * 3];
            for (int p = 0; p < n; p++) {
                rgb[3 * p] = in[p];
                rgb[3 * p + 1] = in[p];
                rgb[3 * p + 2] = in[p];
            }
            return new RasterImage(img.width(), img.height(), 3, rgb);
        }
        // Pillow's RGB -> L: L = (R * 299 + G * 587 + B * 114) / 1000, rounded
        byte[] grey = new byte[n];
        for (int p = 0; p < n; p++) {
            int r = in[3 * p] & 0xFF;
            int g = in[3 * p + 1] & 0xFF;
            int b = in[3 * p + 2] & 0xFF;
            grey[p] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
        }
        return new RasterImage(img.width(), img.height(), 1, grey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePreprocessing p && resize == p.resize && exact == p.exact && crop == p.crop
                && channels == p.channels && bgr == p.bgr && nhwc == p.nhwc && byteRange == p.byteRange
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resize, exact, crop, channels, bgr, nhwc, byteRange, Arrays.hashCode(mean),
                Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return name() + " (" + describe() + ")";
    }
}
