package org.shiftscope.workflow.slice;

import java.util.Arrays;
import java.util.Locale;

import org.shiftscope.core.DataException;

/**
 * A named set of rows the user picked (on the map: a lasso, a box, a cluster), usable as a group wherever a group
 * column is: the audit and the adaptation runs see it as the column {@link #column()} with the values
 * {@value #IN} and {@value #OUT}.
 *
 * @param name          what the user called it
 * @param reference     its rows of the loaded reference (0-based, before the missing-value policy), ascending
 * @param target        its rows of the loaded target, ascending
 * @param referenceRows rows the loaded reference had when it was saved (a check that the data is still the same)
 * @param targetRows    rows the loaded target had
 */
public record Slice(String name, int[] reference, int[] target, int referenceRows, int targetRows) {

    /** The value of a slice's column on its rows. */
    public static final String IN = "in";
    /** The value of a slice's column on the other rows. */
    public static final String OUT = "out";
    /** Prefix of a slice's column name. */
    public static final String PREFIX = "slice: ";
    /** Longest name. */
    public static final int MAX_NAME = 60;

    public Slice {
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw DataException.setting("slice name", "a slice needs a name of 1 to " + MAX_NAME
                    + " characters on one line, not '" + name + "'");
        }
        reference = checked(reference, referenceRows, name, "reference");
        target = checked(target, targetRows, name, "target");
        if (reference.length + target.length == 0) {
            throw DataException.setting("slice", "slice '" + name + "' holds no rows: select some points first");
        }
    }

    /** The column name under which groups see it. */
    public String column() {
        return PREFIX + name;
    }

    /** Its share of each side, for a one-line description. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %,d reference rows (%.1f %%), %,d target rows (%.1f %%)", name,
                reference.length, 100.0 * reference.length / Math.max(1, referenceRows), target.length,
                100.0 * target.length / Math.max(1, targetRows));
    }

    private static int[] checked(int[] rows, int total, String name, String side) {
        int[] out = rows.clone();
        Arrays.sort(out);
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0 || out[i] >= total) {
                throw DataException.setting("slice", "slice '" + name + "' names " + side + " row " + (out[i] + 1)
                        + " but the " + side + " has " + total + " rows");
            }
            if (i > 0 && out[i] == out[i - 1]) {
                throw DataException.setting("slice", "slice '" + name + "' names " + side + " row " + (out[i] + 1)
                        + " twice");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice s && s.name.equals(name) && Arrays.equals(s.reference, reference)
                && Arrays.equals(s.target, target) && s.referenceRows == referenceRows && s.targetRows == targetRows;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(reference) + 17 * Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return describe();
    }
}
