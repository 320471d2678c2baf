package org.shiftscope.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import org.shiftscope.core.RasterImage;

/** Writes a decoded image as PNG: grey images as their samples, colour ones as RGB. */
public final class PngWriter {

    private PngWriter() {
    }

    public static void write(RasterImage img, OutputStream out) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), img.channels() == 3
                ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = img.pixels();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int o = (y * img.width() + x) * img.channels();
                if (img.channels() == 3) {
                    b.setRGB(x, y, (px[o] & 0xFF) << 16 | (px[o + 1] & 0xFF) << 8 | (px[o + 2] & 0xFF));
                } else {
                    // the sample itself: setRGB on a grey image would store Java's linear grey, not the value
                    b.getRaster().setSample(x, y, 0, px[o] & 0xFF);
                }
            }
        }
        if (!javax.imageio.ImageIO.write(b, "png", out)) {
            throw new IOException("no PNG writer available");
        }
    }
}
