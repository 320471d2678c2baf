package org.shiftscope.core;

import java.util.Locale;

/** What an analysis does with rows that have a missing value in one of its columns. */
public enum MissingPolicy {
    /** Drop such rows and report how many were dropped on each side. */
    DROP,
    /** Stop with an error naming the column, the side and the first such row. */
    FAIL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MissingPolicy parse(String text) {
        for (MissingPolicy p : values()) {
            if (p.label().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw DataException.of("unknown missing-value policy '" + text + "' (use drop or fail)");
    }
}
