package org.shiftscope.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the embedding tests share: reading torch's float32 .npy fixtures, and comparing embeddings row by row. */
final class Fixtures {

    private Fixtures() {
    }

    /** The first {@code count} values of a little-endian float32 .npy file (format 1.0), in C order. */
    static float[] float32(Path npy, int count) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(npy);
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        float[] out = new float[count];
        ByteBuffer.wrap(bytes, 10 + headerLen, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The smallest cosine between row i of {@code a} and row i of {@code b}, over n rows of d values. */
    static double worstCosine(float[] a, float[] b, int n, int d) {
        double worst = 1;
        for (int i = 0; i < n; i++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < d; j++) {
                double x = a[i * d + j];
                double y = b[i * d + j];
                dot += x * y;
                na += x * x;
                nb += y * y;
            }
            worst = Math.min(worst, dot / Math.sqrt(na * nb));
        }
        return worst;
    }
}
