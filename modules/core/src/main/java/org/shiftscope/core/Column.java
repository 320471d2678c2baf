package org.shiftscope.core;

/** One named column of a {@link Dataset}. Implementations are immutable. */
public sealed interface Column permits NumericColumn, StringColumn {

    String name();

    ColumnType type();

    int size();

    boolean isMissing(int row);

    /** Number of missing cells. */
    default int missingCount() {
        int missing = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                missing++;
            }
        }
        return missing;
    }

    /** The cell as text: numbers in shortest form, {@code null} when missing. */
    String text(int row);

    /** A new column holding the given rows, in the given order. */
    Column select(int[] rows);
}
