package org.shiftscope.analysis;

import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;

/**
 * Adjusted p-values across columns.
 *
 * <p>References: S. Holm, "A simple sequentially rejective multiple test procedure", Scand. J. Stat. 6 (1979);
 * Y. Benjamini and Y. Hochberg, "Controlling the false discovery rate", J. R. Stat. Soc. B 57 (1995).
 */
public enum MultipleTesting {
    /** Holm's step-down procedure: controls the family-wise error rate. */
    HOLM,
    /** Benjamini-Hochberg step-up procedure: controls the false discovery rate. */
    BH,
    /** No correction. */
    NONE;

    public static MultipleTesting parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "holm" -> HOLM;
            case "bh", "fdr" -> BH;
            case "none" -> NONE;
            default -> throw DataException.of("unknown correction '" + s + "' (use holm, bh or none)");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double[] adjust(double[] p) {
        int m = p.length;
        double[] out = new double[m];
        if (this == NONE || m == 0) {
            System.arraycopy(p, 0, out, 0, m);
            return out;
        }
        int[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> p[i]))
                .mapToInt(Integer::intValue).toArray();
        if (this == HOLM) {
            double running = 0;
            for (int r = 0; r < m; r++) {
                running = Math.max(running, Math.min(1, (m - r) * p[order[r]]));
                out[order[r]] = running;
            }
        } else {
            double running = 1;
            for (int r = m - 1; r >= 0; r--) {
                running = Math.min(running, Math.min(1, p[order[r]] * m / (r + 1)));
                out[order[r]] = running;
            }
        }
        return out;
    }
}
