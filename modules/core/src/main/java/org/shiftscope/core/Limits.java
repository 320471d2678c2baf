package org.shiftscope.core;

import java.util.Locale;

/**
 * Sane ranges of the numeric settings, checked where a setting enters (an option, a project file, a form), so a
 * value such as 2^31 resamples gets a clear message instead of an hour of work or an OutOfMemoryError.
 */
public final class Limits {

    /** Rows per side of a generated demo. */
    public static final int DEMO_ROWS = 5_000_000;
    /** Bootstrap resamples. */
    public static final int RESAMPLES = 100_000;
    /** Permutations of a permutation test. */
    public static final int PERMUTATIONS = 100_000;
    /** Training epochs. */
    public static final int EPOCHS = 10_000;
    /** The largest k of an explanation's curve. */
    public static final int KMAX = 1_000;
    /** Transport clusters an audit joins to its groups. */
    public static final int CLUSTERS = 1_000;

    private Limits() {
    }

    /**
     * {@code value} when it lies in {@code min..max}; otherwise a {@link DataException} about {@code setting}
     * ("resamples must lie in 0..100,000, not 2,147,483,647").
     */
    public static int check(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw DataException.setting(setting, String.format(Locale.ROOT, "%s must lie in %,d..%,d, not %,d",
                    setting, min, max, value));
        }
        return value;
    }
}
