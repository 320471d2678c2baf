package org.shiftscope.projection;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * t-SNE's repulsive forces on n points in 2-D in O(n) per iteration, by polynomial interpolation on an equispaced grid
 * and FFT convolution (G. Linderman, M. Rachh, J. Hoskins, S. Steinerberger and Y. Kluger, "Fast interpolation-based
 * t-SNE for improved visualization of single-cell RNA-seq data", Nature Methods 16, 2019; the method of FIt-SNE and
 * openTSNE). With K = 1 / (1 + |y_i - y_j|^2), the forces need sum_j K^2 and sum_j K^2 y_j, and the normaliser
 * Z = sum_{i != j} K, which is sum_j K^2 (1 + |y_i|^2 - 2 y_i . y_j + |y_j|^2): four sums of the smooth kernel K^2
 * over the charges 1, y_j1, y_j2 and |y_j|^2. The square holding the points is cut into B x B boxes of
 * {@value #NODES} x {@value #NODES} Lagrange nodes each (B at least {@value #MIN_BOXES} and at least one box per unit
 * of the map's span, as openTSNE sets it, then as many as the power-of-two FFT size allows); each point spreads its
 * charges to its box's nodes, the node-to-node sums are one circulant convolution (the kernel is a function of the
 * node offset), and each point reads its sums back through the same weights. Exact up to the interpolation error of
 * a quadratic on a box (tested against the O(n^2) sums). One instance keeps its grids from call to call (an optimiser
 * calls it a thousand times); not thread-safe.
 */
final class InterpolatedRepulsion {

    /** Interpolation nodes per box and dimension. */
    static final int NODES = 3;
    /** Fewest boxes per dimension. */
    static final int MIN_BOXES = 10;
    /** Largest FFT grid side: beyond 85 units of span the boxes grow instead (see the class comment). */
    static final int MAX_FFT = 2048;

    private Fft fft;
    /** The charge grids (1, y1) and (y2, |y|^2) as real and imaginary parts, and the kernel's grid. */
    private double[] re0;
    private double[] im0;
    private double[] re1;
    private double[] im1;
    private double[] kernelRe;
    private double[] kernelIm;

    /**
     * Writes sum_j K_ij^2 (y_i - y_j) into rep (2n) and returns Z = sum_{i != j} K_ij.
     */
    double forces(double[] y, int n, double[] rep) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 2 * n; i++) {
            lo = Math.min(lo, y[i]);
            hi = Math.max(hi, y[i]);
        }
        double low = lo;
        double span = Math.max(hi - lo, 1e-12);
        int wanted = Math.max(MIN_BOXES, (int) Math.ceil(span));
        // FFT size: at least twice the nodes, at most MAX_FFT
        int l = Math.min(MAX_FFT, Integer.highestOneBit(2 * NODES * wanted - 1) << 1);
        int boxes = l / (2 * NODES);
        int nodes = boxes * NODES;
        double h = span / boxes;
        double delta = h / NODES;
        // per point: its box in each dimension and the three Lagrange weights of each coordinate
        int[] box = new int[2 * n];
        double[] weight = new double[6 * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int c = 0; c < 2; c++) {
                double t = (y[2 * i + c] - low) / h;
                int b = Math.min(boxes - 1, (int) t);
                double u = (t - b) * NODES; // in [0, 3]; nodes at 0.5, 1.5, 2.5
                box[2 * i + c] = b;
                weight[6 * i + 3 * c] = (u - 1.5) * (u - 2.5) / 2;
                weight[6 * i + 3 * c + 1] = -(u - 0.5) * (u - 2.5);
                weight[6 * i + 3 * c + 2] = (u - 0.5) * (u - 1.5) / 2;
            }
        });
        if (fft == null || fft.size() != l) {
            fft = new Fft(l);
            re0 = new double[l * l];
            im0 = new double[l * l];
            re1 = new double[l * l];
            im1 = new double[l * l];
            kernelRe = new double[l * l];
            kernelIm = new double[l * l];
        }
        // charges on the nodes: (1, y1) packed as one complex grid, (y2, |y|^2) as another
        spread(y, n, box, weight, l);
        double[] kernel = kernelTransform(nodes, l, delta);
        double[][] grids = {re0, im0, re1, im1};
        IntStream.range(0, 2).parallel().forEach(g -> fft.transform2d(grids[2 * g], grids[2 * g + 1], nodes, false));
        IntStream.range(0, l).parallel().forEach(r -> {
            for (int i = r * l; i < (r + 1) * l; i++) {
                re0[i] *= kernel[i];
                im0[i] *= kernel[i];
                re1[i] *= kernel[i];
                im1[i] *= kernel[i];
            }
        });
        IntStream.range(0, 2).parallel().forEach(g -> fft.transform2d(grids[2 * g], grids[2 * g + 1], nodes, true));
        double[] phi0 = re0;
        double[] phi1 = im0;
        double[] phi2 = re1;
        double[] phi3 = im1;
        double[] zPart = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double p0 = 0;
            double p1 = 0;
            double p2 = 0;
            double p3 = 0;
            int bx = box[2 * i] * NODES;
            int by = box[2 * i + 1] * NODES;
            for (int a = 0; a < NODES; a++) {
                double wa = weight[6 * i + a];
                int row = (bx + a) * l + by;
                for (int b = 0; b < NODES; b++) {
                    double w = wa * weight[6 * i + 3 + b];
                    p0 += w * phi0[row + b];
                    p1 += w * phi1[row + b];
                    p2 += w * phi2[row + b];
                    p3 += w * phi3[row + b];
                }
            }
            double y1 = y[2 * i];
            double y2 = y[2 * i + 1];
            rep[2 * i] = y1 * p0 - p1;
            rep[2 * i + 1] = y2 * p0 - p2;
            zPart[i] = (1 + y1 * y1 + y2 * y2) * p0 - 2 * (y1 * p1 + y2 * p2) + p3;
        });
        double z = 0;
        for (double v : zPart) {
            z += v;
        }
        return z - n;
    }

    /** The four charge grids (nodes x nodes of the L x L used), zeroed first. */
    private void spread(double[] y, int n, int[] box, double[] weight, int l) {
        for (double[] g : new double[][] {re0, im0, re1, im1}) {
            Arrays.fill(g, 0);
        }
        for (int i = 0; i < n; i++) {
            double y1 = y[2 * i];
            double y2 = y[2 * i + 1];
            double sq = y1 * y1 + y2 * y2;
            int bx = box[2 * i] * NODES;
            int by = box[2 * i + 1] * NODES;
            for (int a = 0; a < NODES; a++) {
                double wa = weight[6 * i + a];
                int row = (bx + a) * l + by;
                for (int b = 0; b < NODES; b++) {
                    double w = wa * weight[6 * i + 3 + b];
                    re0[row + b] += w;
                    im0[row + b] += w * y1;
                    re1[row + b] += w * y2;
                    im1[row + b] += w * sq;
                }
            }
        }
    }

    /**
     * The transform of the circulant kernel: entry (a, b) for node offsets a, b in (-nodes, nodes), wrapped modulo L,
     * is K^2 at distance delta |(a, b)|. It is even in both offsets, so its transform is real.
     */
    private double[] kernelTransform(int nodes, int l, double delta) {
        double[] re = kernelRe;
        double[] im = kernelIm;
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        for (int a = -(nodes - 1); a < nodes; a++) {
            int row = (a + l) % l * l;
            for (int b = -(nodes - 1); b < nodes; b++) {
                double d2 = delta * delta * ((double) a * a + (double) b * b);
                double k = 1 / (1 + d2);
                re[row + (b + l) % l] = k * k;
            }
        }
        fft.transform2d(re, im, l, false);
        return re;
    }
}
