package org.shiftscope.core;

import java.util.Objects;

/** A numeric column; {@code NaN} marks a missing cell. The array is owned by the column and never mutated. */
public record NumericColumn(String name, double[] values) implements Column {

    public NumericColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    public double get(int row) {
        return values[row];
    }

    @Override
    public String text(int row) {
        double v = values[row];
        if (Double.isNaN(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }
}
