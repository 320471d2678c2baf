package org.shiftscope.ui.common;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.shiftscope.core.ImageResize;
import org.shiftscope.core.RasterImage;

/** Small views of images: the Data view's samples, the Map view's selection. */
public final class Thumbnails {

    private Thumbnails() {
    }

    /**
     * The image shrunk (antialiased) so its longer side is at most {@code side} pixels; smaller images as they
     * are. Pure computation: call it off the FX thread for many or large images.
     */
    public static RasterImage fit(RasterImage img, int side) {
        int longer = Math.max(img.width(), img.height());
        if (longer <= side) {
            return img;
        }
        double s = (double) side / longer;
        return ImageResize.resize(img, Math.max(1, (int) Math.round(img.width() * s)),
                Math.max(1, (int) Math.round(img.height() * s)));
    }

    /** An image view at {@code width} pixels wide (pixels kept sharp when enlarged). */
    public static ImageView view(RasterImage img, double width) {
        WritableImage out = new WritableImage(img.width(), img.height());
        int[] argb = new int[img.width() * img.height()];
        byte[] p = img.pixels();
        for (int i = 0; i < argb.length; i++) {
            int r;
            int g;
            int b;
            if (img.channels() == 1) {
                r = p[i] & 0xFF;
                g = r;
                b = r;
            } else {
                r = p[3 * i] & 0xFF;
                g = p[3 * i + 1] & 0xFF;
                b = p[3 * i + 2] & 0xFF;
            }
            argb[i] = 0xff000000 | (r << 16) | (g << 8) | b;
        }
        out.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getIntArgbInstance(), argb, 0,
                img.width());
        ImageView view = new ImageView(out);
        view.setSmooth(img.width() > width);
        view.setFitWidth(width);
        view.setPreserveRatio(true);
        return view;
    }
}
