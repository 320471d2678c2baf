package org.shiftscope.ui.common;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.shiftscope.core.RasterImage;

/** Small views of images: the Data view's samples, the Map view's selection. */
public final class Thumbnails {

    private Thumbnails() {
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
