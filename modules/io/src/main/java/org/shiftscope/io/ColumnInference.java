package org.shiftscope.io;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.StringColumn;

/**
 * Infers a column's type from its cells (missing cells already {@code null}):
 * numeric when every present cell is a decimal number; boolean when every present cell is true/false;
 * categorical when the distinct values are few (at most 20, or at most 10% of the present cells, capped at 1000)
 * and short; text otherwise. A column with no present cell is categorical.
 */
public final class ColumnInference {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_CATEGORY_CHARS = 60;

    private ColumnInference() {
    }

    public static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    /** Builds the column with the inferred type. */
    public static Column infer(String name, String[] cells) {
        boolean numeric = true;
        boolean bool = true;
        int present = 0;
        for (String s : cells) {
            if (s == null) {
                continue;
            }
            present++;
            if (numeric && !isNumber(s)) {
                numeric = false;
            }
            if (bool && !(s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                bool = false;
            }
        }
        if (present > 0 && numeric) {
            double[] values = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                values[i] = cells[i] == null ? Double.NaN : Double.parseDouble(cells[i]);
            }
            return new NumericColumn(name, values);
        }
        if (present > 0 && bool) {
            String[] values = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                values[i] = cells[i] == null ? null : cells[i].toLowerCase(Locale.ROOT);
            }
            return new StringColumn(name, ColumnType.BOOLEAN, values);
        }
        return new StringColumn(name, isCategorical(cells, present) ? ColumnType.CATEGORICAL : ColumnType.TEXT, cells);
    }

    private static boolean isCategorical(String[] cells, int present) {
        int limit = Math.max(20, Math.min(1000, present / 10));
        Set<String> distinct = new HashSet<>();
        long chars = 0;
        for (String s : cells) {
            if (s != null) {
                chars += s.length();
                if (distinct.add(s) && distinct.size() > limit) {
                    return false;
                }
            }
        }
        return present == 0 || chars / present <= MAX_CATEGORY_CHARS;
    }
}
