package org.shiftscope.ui.data;

/** How the user defines reference and target in the Data view. */
public enum SourceMode {
    ONE_FILE("One file, split by filters"),
    TWO_FILES("Two files"),
    DEMO("Built-in demo");

    private final String label;

    SourceMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
