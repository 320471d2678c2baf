package org.shiftscope.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects a text table's cells column by column while it is read: missing-value spellings become {@code null},
 * and repeated values share one String so categorical columns cost one reference a cell.
 */
final class ColumnCells {

    private static final int MAX_INTERNED = 10_000;

    private final List<List<String>> columns = new ArrayList<>();
    private final List<Map<String, String>> interned = new ArrayList<>();
    private final Set<String> missingTokens;

    ColumnCells(int width, Set<String> missingTokens) {
        this.missingTokens = missingTokens;
        for (int j = 0; j < width; j++) {
            columns.add(new ArrayList<>());
            interned.add(new HashMap<>());
        }
    }

    void add(List<String> record) {
        for (int j = 0; j < record.size(); j++) {
            columns.get(j).add(normalise(j, record.get(j)));
        }
    }

    void addFirst(List<String> record) {
        for (int j = 0; j < record.size(); j++) {
            columns.get(j).add(0, normalise(j, record.get(j)));
        }
    }

    private String normalise(int j, String cell) {
        if (missingTokens.contains(cell)) {
            return null;
        }
        Map<String, String> pool = interned.get(j);
        if (pool.size() < MAX_INTERNED) {
            String shared = pool.putIfAbsent(cell, cell);
            return shared == null ? cell : shared;
        }
        String shared = pool.get(cell);
        return shared == null ? cell : shared;
    }

    int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    String[] column(int j) {
        return columns.get(j).toArray(new String[0]);
    }

    /** True when most present cells of column j (among the first 1,000 rows) are numbers. */
    boolean mostlyNumeric(int j) {
        int numbers = 0;
        int present = 0;
        List<String> col = columns.get(j);
        for (int i = 0; i < Math.min(1000, col.size()); i++) {
            String s = col.get(i);
            if (s != null) {
                present++;
                numbers += ColumnInference.isNumber(s) ? 1 : 0;
            }
        }
        return present > 0 && numbers * 2 > present;
    }

    boolean contains(int j, String value) {
        List<String> col = columns.get(j);
        for (int i = 0; i < Math.min(1000, col.size()); i++) {
            if (value.equals(col.get(i))) {
                return true;
            }
        }
        return false;
    }
}
