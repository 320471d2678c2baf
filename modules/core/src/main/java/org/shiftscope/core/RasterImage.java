package org.shiftscope.core;

import java.util.Objects;

/**
 * One decoded image: 8-bit pixels, row-major, channels interleaved (1 = grayscale, 3 = RGB).
 */
public record RasterImage(int width, int height, int channels, byte[] pixels) {

    public RasterImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("bad image shape " + width + "x" + height + "x" + channels);
        }
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " does not match "
                    + width + "x" + height + "x" + channels);
        }
    }

    /** Mean intensity in [0, 255] over all channels. */
    public double meanIntensity() {
        long sum = 0;
        for (byte b : pixels) {
            sum += b & 0xFF;
        }
        return (double) sum / pixels.length;
    }
}
