package org.shiftscope.workflow.report;

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            org.shiftscope.io.PngWriter.write(ImageResize.fit(img, side), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
