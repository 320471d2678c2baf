package org.shiftscope.core;

/** The inferred kind of a column; decides how it is summarised, compared and encoded. */
public enum ColumnType {
    NUMERIC("numeric"),
    CATEGORICAL("categorical"),
    BOOLEAN("boolean"),
    TEXT("text");

    private final String label;

    ColumnType(String label) {
        this.label = label;
    }

    /** The lower-case name used in JSON output and the UI. */
    public String label() {
        return label;
    }
}
