package org.shiftscope.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.shiftscope.core.DataException;

/** Writes a row-major float64 matrix as a NumPy {@code .npy} file (format 1.0, little-endian, C order). */
public final class NpyWriter {

    private NpyWriter() {
    }

    public static void write(Path file, int rows, int cols, double[] values) {
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException(values.length + " values for " + rows + " x " + cols);
        }
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        try {
            org.shiftscope.core.AtomicFile.write(file, raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
                out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
                out.write(header.length() & 0xFF);
                out.write(header.length() >> 8);
                out.write(header.getBytes(StandardCharsets.ISO_8859_1));
                ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    buf.clear();
                    buf.putDouble(v);
                    out.write(buf.array());
                }
                out.flush();
            });
        } catch (IOException e) {
            throw DataException.inFile(file.getFileName().toString(), "cannot be written: " + org.shiftscope.core.AtomicFile.describe(e));
        }
    }
}
