package org.shiftscope.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.RasterImage;

/**
 * Decodes PNG and JPEG bytes to 8-bit pixels the way Pillow's {@code Image.open(f).convert('RGB')} sees them, so a
 * model gets what it got in PyTorch: the stored samples, no colour management; grey (with or without alpha) stays
 * one channel; alpha is dropped, not composited; palette images take their palette's colours; 16-bit samples
 * become 8-bit by dividing by 257; CMYK JPEGs (Adobe, inverted as Photoshop writes them) become RGB by Pillow's
 * formula. A damaged or truncated image is an error naming it: the JPEG decoder's "premature end" warning counts
 * as damage, since it would otherwise fill the rest with grey.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /** The image in {@code bytes}; {@code name} names it in messages. */
    public static RasterImage decode(byte[] bytes, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw DataException.inFile(name, "not a PNG or JPEG image (no decoder recognises its bytes)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            RasterImage out;
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image;
                try {
                    image = reader.read(0);
                } catch (javax.imageio.IIOException e) {
                    // a colour space the JDK cannot convert (CMYK, YCCK): take the stored samples
                    if (!reader.canReadRaster()) {
                        throw e;
                    }
                    image = null;
                }
                out = image != null ? toRaster(image, name) : cmyk(reader.readRaster(0, null), true, name);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw DataException.inFile(name, "damaged image: " + String.join("; ", warnings));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException de) {
                throw de;
            }
            throw DataException.inFile(name, "damaged or truncated image: " + e.getMessage());
        }
    }

    private static RasterImage toRaster(BufferedImage image, String name) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel) {
            // palette: the palette's colours (getRGB reads them without colour conversion)
            int w = image.getWidth();
            int h = image.getHeight();
            byte[] px = new byte[w * h * 3];
            int k = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    px[k++] = (byte) ((rgb >> 16) & 0xFF);
                    px[k++] = (byte) ((rgb >> 8) & 0xFF);
                    px[k++] = (byte) (rgb & 0xFF);
                }
            }
            return new RasterImage(w, h, 3, px);
        }
        int colours = cm.getNumColorComponents();
        if (colours == 4) {
            return cmyk(image.getRaster(), false, name);
        }
        if (colours != 1 && colours != 3) {
            throw DataException.inFile(name, "an image with " + colours + " colour components; ShiftScope reads"
                    + " grey, RGB, palette and CMYK images");
        }
        return samples(image.getRaster(), colours, cm.getComponentSize(0));
    }

    /** Grey or RGB samples of the first bands, scaled to 8 bits. */
    private static RasterImage samples(Raster r, int colours, int bits) {
        int w = r.getWidth();
        int h = r.getHeight();
        byte[] px = new byte[w * h * colours];
        int[] row = new int[w];
        for (int c = 0; c < colours; c++) {
            for (int y = 0; y < h; y++) {
                r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, c, row);
                for (int x = 0; x < w; x++) {
                    int v = bits == 8 ? row[x] : scale(row[x], bits);
                    px[(y * w + x) * colours + c] = (byte) v;
                }
            }
        }
        return new RasterImage(w, h, colours, px);
    }

    /** A sample of {@code bits} bits as 8 bits: 16-bit by integer division by 257, as Pillow and PNG readers do. */
    private static int scale(int v, int bits) {
        if (bits == 16) {
            return v / 257;
        }
        return (int) Math.round(v * 255.0 / ((1 << bits) - 1));
    }

    /**
     * Four samples per pixel, C, M, Y, K, made RGB as Pillow's convert('RGB') does. The decoded image holds them as
     * they are; the raw samples of an Adobe JPEG (the JDK's fallback) are stored inverted.
     */
    private static RasterImage cmyk(Raster r, boolean inverted, String name) {
        if (r.getNumBands() != 4) {
            throw DataException.inFile(name, "an image of " + r.getNumBands() + " bands the decoder cannot convert");
        }
        int w = r.getWidth();
        int h = r.getHeight();
        byte[] px = new byte[w * h * 3];
        int[] p = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(r.getMinX() + x, r.getMinY() + y, p);
                int nk = inverted ? p[3] : 255 - p[3];
                for (int c = 0; c < 3; c++) {
                    int ink = inverted ? 255 - p[c] : p[c];
                    px[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, nk - mulDiv255(ink, nk)));
                }
            }
        }
        return new RasterImage(w, h, 3, px);
    }

    /** a x b / 255, rounded the way Pillow's MULDIV255 rounds. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }
}
