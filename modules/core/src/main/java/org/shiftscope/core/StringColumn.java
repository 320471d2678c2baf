package org.shiftscope.core;

import java.util.Objects;

/**
 * A categorical, boolean or free-text column; {@code null} marks a missing cell. Boolean cells hold
 * {@code "true"} or {@code "false"}.
 */
public record StringColumn(String name, ColumnType type, String[] values) implements Column {

    public StringColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        if (type == ColumnType.NUMERIC) {
            throw new IllegalArgumentException("a StringColumn cannot be numeric: " + name);
        }
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    @Override
    public String text(int row) {
        return values[row];
    }

    @Override
    public StringColumn select(int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new StringColumn(name, type, out);
    }
}
