package org.shiftscope.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shiftscope.core.Column;

/**
 * Collects a text table's cells column by column while it is read, as {@link CsvTokenizer.Sink}: missing-value
 * spellings become missing, and a column whose present cells are all numbers so far is kept as primitive doubles
 * with what writes their text back (see {@code Builder}), not a String a cell; its first cell that is not
 * a number turns it into Strings, rebuilt from them, with repeated values sharing one String. A record's
 * fields are staged and only kept when the record is (so a blank line or a short record leaves nothing behind).
 */
final class ColumnCells implements CsvTokenizer.Sink {

    private static final int MAX_INTERNED = 10_000;

    private final int width;
    private final Set<String> missingTokens;
    /** The missing-value spellings that are numbers (e.g. -999): a number must be checked against them. */
    private final List<String> numericMissing = new ArrayList<>();
    private final Builder[] columns;
    private final int[] kind;
    private final double[] value;
    /** A staged string; for a number, its text when {@link Numbers#canonicalScale} cannot write it back. */
    private final String[] text;
    /** A staged number's digits after the point, or -1 (see {@link Numbers#canonicalScale}). */
    private final int[] scale;
    private boolean blank;

    private static final int MISSING = 0;
    private static final int NUMBER = 1;
    private static final int STRING = 2;

    ColumnCells(int width, Set<String> missingTokens) {
        this(width, missingTokens, 1024);
    }

    /**
     * @param expectedRows how many rows the table is likely to have (numeric columns start that large, so they do not
     *                     grow by copies; they still grow past it)
     */
    ColumnCells(int width, Set<String> missingTokens, int expectedRows) {
        this.width = width;
        this.missingTokens = missingTokens;
        for (String t : missingTokens) {
            if (ColumnInference.isNumber(t)) {
                numericMissing.add(t);
            }
        }
        columns = new Builder[width];
        for (int j = 0; j < width; j++) {
            columns[j] = new Builder(Math.max(16, expectedRows));
        }
        kind = new int[width];
        value = new double[width];
        text = new String[width];
        scale = new int[width];
    }

    /** Before each record. */
    void begin() {
        blank = false;
    }

    @Override
    public void field(int index, CharSequence cell, int from, int to, boolean quoted) {
        blank = index == 0 && from == to;
        if (index >= width) {
            return; // the record is refused when it ends
        }
        double v = Numbers.parse(cell, from, to);
        if (!Double.isNaN(v)) {
            if (!numericMissing.isEmpty() && isNumericMissing(cell, from, to)) {
                kind[index] = MISSING;
                return;
            }
            if (columns[index].strings != null) {
                kind[index] = STRING; // the column holds Strings already: the number is one more
                text[index] = cell.subSequence(from, to).toString();
                return;
            }
            kind[index] = NUMBER;
            value[index] = v;
            scale[index] = Numbers.canonicalScale(cell, from, to);
            text[index] = scale[index] < 0 ? cell.subSequence(from, to).toString() : null;
            return;
        }
        String s = cell.subSequence(from, to).toString();
        if (missingTokens.contains(s)) {
            kind[index] = MISSING;
        } else {
            kind[index] = STRING;
            text[index] = s;
        }
    }

    private boolean isNumericMissing(CharSequence cell, int from, int to) {
        for (String t : numericMissing) {
            if (t.length() == to - from && t.contentEquals(cell.subSequence(from, to))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the record just read was a blank line (one empty unquoted field). */
    boolean blank(int fields) {
        return fields == 1 && blank;
    }

    /** Keeps the record just read (it had {@code width} fields). */
    void commit() {
        for (int j = 0; j < width; j++) {
            switch (kind[j]) {
                case NUMBER -> columns[j].addNumber(value[j], scale[j], text[j]);
                case STRING -> columns[j].addString(text[j]);
                default -> columns[j].addMissing();
            }
        }
    }

    /** Puts the first record (read before the others and not a header after all) before them. */
    void addFirst(List<String> record) {
        for (int j = 0; j < record.size(); j++) {
            String cell = record.get(j);
            if (missingTokens.contains(cell)) {
                columns[j].prepend(null, Double.NaN);
            } else {
                double v = Numbers.parse(cell, 0, cell.length());
                columns[j].prepend(cell, v);
            }
        }
    }

    int rows() {
        return width == 0 ? 0 : columns[0].size;
    }

    /** Column j with its inferred type (numbers stay primitive; the others as {@link ColumnInference} says). */
    Column column(int j, String name) {
        Builder b = columns[j];
        if (b.strings == null && b.present > 0) {
            return new org.shiftscope.core.NumericColumn(name, java.util.Arrays.copyOf(b.numbers, b.size));
        }
        return ColumnInference.infer(name, b.cells());
    }

    /** True when most present cells of column j (among the first 1,000 rows) are numbers. */
    boolean mostlyNumeric(int j) {
        Builder b = columns[j];
        int numbers = 0;
        int present = 0;
        for (int i = 0; i < Math.min(1000, b.size); i++) {
            String s = b.strings == null ? (Double.isNaN(b.numbers[i]) ? null : "0") : b.strings.get(i);
            if (s != null) {
                present++;
                numbers += b.strings == null || ColumnInference.isNumber(s) ? 1 : 0;
            }
        }
        return present > 0 && numbers * 2 > present;
    }

    boolean contains(int j, String value) {
        Builder b = columns[j];
        for (int i = 0; i < Math.min(1000, b.size); i++) {
            if (value.equals(b.cell(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One column: primitive numbers while every present cell is a number, else Strings. A number's text is kept as
     * the digits after its point (one byte: {@link Numbers#text} writes it back exactly) or, when it is not in that
     * form (+1, 007, 1e5, .5), as itself; it is only needed if a later cell turns the column into Strings.
     */
    private final class Builder {

        int size;
        int present;
        double[] numbers;
        byte[] scales;
        Map<Integer, String> verbatim = new HashMap<>();
        List<String> strings;
        Map<String, String> pool;

        Builder(int capacity) {
            numbers = new double[capacity];
            scales = new byte[capacity];
        }

        /** A number while the column is numeric: its value, digits after the point, and its text when those are -1. */
        void addNumber(double v, int scale, String verbatimText) {
            present++;
            grow();
            numbers[size] = v;
            if (scale < 0) {
                verbatim.put(size, verbatimText);
            }
            scales[size++] = (byte) scale;
        }

        void addMissing() {
            if (strings != null) {
                strings.add(null);
                size++;
                return;
            }
            grow();
            numbers[size++] = Double.NaN;
        }

        void addString(String s) {
            present++;
            if (strings == null) {
                toStrings();
            }
            strings.add(intern(s));
            size++;
        }

        void prepend(String cell, double v) {
            if (strings == null && cell != null && Double.isNaN(v)) {
                toStrings();
            }
            if (cell != null) {
                present++;
            }
            if (strings != null) {
                strings.add(0, cell == null ? null : intern(cell));
                size++;
                return;
            }
            grow();
            System.arraycopy(numbers, 0, numbers, 1, size);
            System.arraycopy(scales, 0, scales, 1, size);
            Map<Integer, String> moved = new HashMap<>();
            verbatim.forEach((row, text) -> moved.put(row + 1, text));
            verbatim = moved;
            numbers[0] = cell == null ? Double.NaN : v;
            int scale = cell == null ? 0 : Numbers.canonicalScale(cell, 0, cell.length());
            if (scale < 0) {
                verbatim.put(0, cell);
            }
            scales[0] = (byte) scale;
            size++;
        }

        private void grow() {
            if (size == numbers.length) {
                numbers = java.util.Arrays.copyOf(numbers, size * 2);
                scales = java.util.Arrays.copyOf(scales, size * 2);
            }
        }

        /** Row i's cell as text (null when missing). */
        String cell(int i) {
            if (strings != null) {
                return strings.get(i);
            }
            if (Double.isNaN(numbers[i])) {
                return null;
            }
            return scales[i] < 0 ? verbatim.get(i) : Numbers.text(numbers[i], scales[i]);
        }

        /** The numbers so far become their Strings (the first cell that is not a number arrived). */
        private void toStrings() {
            List<String> out = new ArrayList<>(Math.max(16, size * 2));
            pool = new HashMap<>();
            for (int i = 0; i < size; i++) {
                String c = cell(i);
                out.add(c == null ? null : intern(c));
            }
            strings = out;
            numbers = null;
            scales = null;
            verbatim = null;
        }

        private String intern(String cell) {
            if (pool.size() < MAX_INTERNED) {
                String shared = pool.putIfAbsent(cell, cell);
                return shared == null ? cell : shared;
            }
            String shared = pool.get(cell);
            return shared == null ? cell : shared;
        }

        String[] cells() {
            String[] out = new String[size];
            for (int i = 0; i < size; i++) {
                out[i] = cell(i);
            }
            return out;
        }
    }
}
