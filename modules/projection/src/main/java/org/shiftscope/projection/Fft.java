package org.shiftscope.projection;

import java.util.stream.IntStream;

/**
 * In-place complex fast Fourier transforms of power-of-two sizes (iterative radix-2, twiddles from a table), in one
 * dimension and over the rows and columns of a square L x L grid, for {@link InterpolatedRepulsion}'s convolutions.
 * Forward: X_k = sum_j x_j e^(-2 pi i jk / L); the inverse carries the 1 / L factor.
 */
final class Fft {

    private final int size;
    private final int bits;
    private final double[] cos;
    private final double[] sin;
    private final int[] reversed;

    Fft(int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two of at least 2, not " + size);
        }
        this.size = size;
        bits = Integer.numberOfTrailingZeros(size);
        cos = new double[size / 2];
        sin = new double[size / 2];
        for (int k = 0; k < size / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / size);
            sin[k] = Math.sin(2 * Math.PI * k / size);
        }
        reversed = new int[size];
        for (int i = 0; i < size; i++) {
            reversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
    }

    int size() {
        return size;
    }

    /** Transforms re[from + j * stride], im[...] for j < size (stride 1 here: rows are copied in for columns). */
    void transform(double[] re, double[] im, int from, boolean inverse) {
        for (int i = 0; i < size; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[from + i];
                re[from + i] = re[from + j];
                re[from + j] = t;
                t = im[from + i];
                im[from + i] = im[from + j];
                im[from + j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int half = 1; half < size; half <<= 1) {
            int step = size / (2 * half);
            for (int start = 0; start < size; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = from + start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
        if (inverse) {
            double f = 1.0 / size;
            for (int i = 0; i < size; i++) {
                re[from + i] *= f;
                im[from + i] *= f;
            }
        }
    }

    /**
     * The 2-D transform of an L x L grid stored row by row, in parallel. Forward: only the rows below {@code rows}
     * are transformed along the row (the others are zero, and a zero row's transform is zero), then every column.
     * Inverse: every column, then only the rows below {@code rows} (the only ones the caller reads).
     */
    void transform2d(double[] re, double[] im, int rows, boolean inverse) {
        if (!inverse) {
            IntStream.range(0, rows).parallel().forEach(r -> transform(re, im, r * size, false));
        }
        columns(re, im, inverse);
        if (inverse) {
            IntStream.range(0, rows).parallel().forEach(r -> transform(re, im, r * size, true));
        }
    }

    /** Every column, 16 at a time: gathered row by row into contiguous arrays, transformed, written back. */
    private void columns(double[] re, double[] im, boolean inverse) {
        int l = size;
        int chunk = Math.min(16, l);
        IntStream.range(0, l / chunk).parallel().forEach(block -> {
            double[] cr = new double[chunk * l];
            double[] ci = new double[chunk * l];
            int c0 = block * chunk;
            for (int r = 0; r < l; r++) {
                for (int c = 0; c < chunk; c++) {
                    cr[c * l + r] = re[r * l + c0 + c];
                    ci[c * l + r] = im[r * l + c0 + c];
                }
            }
            for (int c = 0; c < chunk; c++) {
                transform(cr, ci, c * l, inverse);
            }
            for (int r = 0; r < l; r++) {
                for (int c = 0; c < chunk; c++) {
                    re[r * l + c0 + c] = cr[c * l + r];
                    im[r * l + c0 + c] = ci[c * l + r];
                }
            }
        });
    }
}
