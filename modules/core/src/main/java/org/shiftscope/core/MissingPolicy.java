package org.shiftscope.core;


/** What an analysis does with rows that have a missing value in one of its columns. */
public enum MissingPolicy {
    /** Drop such rows and report how many were dropped on each side. */
    DROP,
    /** Stop with an error naming the column, the side and the first such row. */
    FAIL;

    public String label() {
        return EnumIds.id(this);
    }

    public static MissingPolicy parse(String text) {
        return EnumIds.parse(MissingPolicy.class, text, "missing-value policy");
    }
}
