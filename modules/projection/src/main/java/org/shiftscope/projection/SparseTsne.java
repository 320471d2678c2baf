package org.shiftscope.projection;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.shiftscope.core.TaskMonitor;

/**
 * t-SNE on many points, as scikit-learn's Barnes-Hut mode and openTSNE set it up: affinities only among each point's
 * 3 x perplexity nearest neighbours (exact up to {@link Projector#EXACT_NEIGHBOURS} points, {@link NnDescent}
 * beyond), the conditional Gaussian of each row calibrated to the perplexity over those neighbours, symmetrised and
 * normalised to sum 1; attractive forces over those pairs, repulsive forces and the normaliser from
 * {@link InterpolatedRepulsion}. The optimiser is {@link Tsne}'s (exaggeration 12 for 250 iterations, momentum 0.5
 * then 0.8, gains, learning rate max(n / 48, 50)).
 */
final class SparseTsne {

    /** Symmetric affinities in compressed rows: row i's partners col[start[i] .. start[i + 1]) with p. */
    record Affinities(int n, int[] start, int[] col, double[] p) {
    }

    private SparseTsne() {
    }

    static Affinities affinities(double[] x, int n, int d, double perplexity, long seed, TaskMonitor monitor) {
        int k = Math.min(n - 1, (int) (3 * perplexity + 1));
        Neighbours nn = n <= Projector.EXACT_NEIGHBOURS ? Neighbours.of(x, n, x, n, d, k, true)
                : NnDescent.of(x, n, d, k, seed, monitor);
        double target = Math.log(perplexity);
        double[] cond = new double[n * k];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] sq = new double[k];
            for (int r = 0; r < k; r++) {
                double v = nn.distance()[i * k + r];
                sq[r] = v * v;
            }
            double[] row = Tsne.calibratedRow(sq, -1, target);
            System.arraycopy(row, 0, cond, i * k, k);
        });
        return symmetric(nn, cond, n);
    }

    /** P = (C + C') / sum, rows sorted by partner. */
    private static Affinities symmetric(Neighbours nn, double[] cond, int n) {
        int k = nn.k();
        Neighbours.ListedBy reverse = nn.listedBy(n);
        int[] revStart = reverse.start();
        int[] rev = reverse.entry();
        int[][] cols = new int[n][];
        double[][] vals = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            int c = 0;
            long[] keyed = new long[k + revStart[i + 1] - revStart[i]];
            for (int r = 0; r < k; r++) {
                keyed[c++] = (long) nn.index()[i * k + r] << 32 | (i * k + r);
            }
            for (int s = revStart[i]; s < revStart[i + 1]; s++) {
                keyed[c++] = (long) (rev[s] / k) << 32 | rev[s];
            }
            Arrays.sort(keyed, 0, c);
            int[] col = new int[c];
            double[] val = new double[c];
            int m = 0;
            for (int s = 0; s < c; s++) {
                int j = (int) (keyed[s] >>> 32);
                double v = cond[(int) keyed[s]];
                if (m > 0 && col[m - 1] == j) {
                    val[m - 1] += v;
                } else {
                    col[m] = j;
                    val[m++] = v;
                }
            }
            cols[i] = Arrays.copyOf(col, m);
            vals[i] = Arrays.copyOf(val, m);
        });
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + cols[i].length;
        }
        int[] col = new int[start[n]];
        double[] p = new double[start[n]];
        double total = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(cols[i], 0, col, start[i], cols[i].length);
            System.arraycopy(vals[i], 0, p, start[i], vals[i].length);
            for (double v : vals[i]) {
                total += v;
            }
        }
        for (int e = 0; e < p.length; e++) {
            p[e] /= total;
        }
        return new Affinities(n, start, col, p);
    }

    /**
     * The gradient of KL(P || Q) at y into grad (P multiplied by {@code scale}); returns Z.
     */
    static double gradient(Affinities a, double scale, double[] y, double[] grad, InterpolatedRepulsion repulsion) {
        int n = a.n();
        double[] rep = new double[2 * n];
        double z = repulsion.forces(y, n, rep);
        IntStream.range(0, n).parallel().forEach(i -> {
            double y1 = y[2 * i];
            double y2 = y[2 * i + 1];
            double f1 = 0;
            double f2 = 0;
            for (int e = a.start()[i]; e < a.start()[i + 1]; e++) {
                int j = a.col()[e];
                double d1 = y1 - y[2 * j];
                double d2 = y2 - y[2 * j + 1];
                double w = a.p()[e] / (1 + d1 * d1 + d2 * d2);
                f1 += w * d1;
                f2 += w * d2;
            }
            grad[2 * i] = 4 * (scale * f1 - rep[2 * i] / z);
            grad[2 * i + 1] = 4 * (scale * f2 - rep[2 * i + 1] / z);
        });
        return z;
    }

    /** KL(P || Q) = sum p log p - sum p log K + log Z (P sums to 1). */
    static double kl(Affinities a, double[] y) {
        int n = a.n();
        double z = new InterpolatedRepulsion().forces(y, n, new double[2 * n]);
        double s = IntStream.range(0, n).parallel().mapToDouble(i -> {
            double t = 0;
            for (int e = a.start()[i]; e < a.start()[i + 1]; e++) {
                int j = a.col()[e];
                double d1 = y[2 * i] - y[2 * j];
                double d2 = y[2 * i + 1] - y[2 * j + 1];
                double p = a.p()[e];
                if (p > 0) {
                    t += p * (Math.log(p) + Math.log(1 + d1 * d1 + d2 * d2));
                }
            }
            return t;
        }).sum();
        return s + Math.log(z);
    }

    /** {@link Tsne#fit}'s optimiser on these affinities. */
    static double[] fit(Affinities a, double[] init, int iterations, TaskMonitor monitor, double[] kl) {
        InterpolatedRepulsion repulsion = new InterpolatedRepulsion();
        return Tsne.optimise(init, a.n(), iterations, (scale, y, grad) -> gradient(a, scale, y, grad, repulsion),
                monitor, kl, y -> kl(a, y));
    }
}
