package org.shiftscope.workflow.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.shiftscope.core.ImageResize;
import org.shiftscope.core.RasterImage;

/** Images inside the HTML itself, as PNG data URIs, so the report stays one self-contained file. */
final class InlineImages {

    private InlineImages() {
    }

    /** The image shrunk to at most {@code side} pixels along its longer edge, as a {@code data:image/png} URI. */
    static String dataUri(RasterImage img, int side) {
        RasterImage small = ImageResize.fit(img, side);
        int w = small.width();
        int h = small.height();
        int c = small.channels();
        byte[] px = small.pixels();
        BufferedImage b = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * c;
                if (c == 1) {
                    b.getRaster().setSample(x, y, 0, px[i] & 0xff);
                } else {
                    b.setRGB(x, y, ((px[i] & 0xff) << 16) | ((px[i + 1] & 0xff) << 8) | (px[i + 2] & 0xff));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(b, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
