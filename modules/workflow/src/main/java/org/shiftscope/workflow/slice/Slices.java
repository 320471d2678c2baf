package org.shiftscope.workflow.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.Split;
import org.shiftscope.core.StringColumn;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.map.SubpopulationMap;

/**
 * Saved slices turned into group columns, and slices made from a map selection. A slice's column is added to both
 * loaded sides and to the split's sides (not to the analysed columns, so no drift test, map or classifier uses it as
 * a feature).
 */
public final class Slices {

    private Slices() {
    }

    /**
     * The data with one {@link Slice#column()} per slice on both sides; the data itself when there are none. Throws a
     * {@link DataException} when a slice was saved for other data (other row counts) or its column name is taken.
     */
    public static DataResult apply(DataResult d, List<Slice> slices) {
        if (slices.isEmpty()) {
            return d;
        }
        SplitBuilder.Sides sides = onSides(d.sides(), slices);
        Split split = d.split();
        Dataset ref = onSplitSide(sides.reference(), split.reference(), split.columns(), slices);
        Dataset tgt = onSplitSide(sides.target(), split.target(), split.columns(), slices);
        Split splitWithSlices = new Split(ref, tgt, split.columns(), split.referenceRows(), split.targetRows(),
                split.policy(), split.description());
        return new DataResult(d.definition(), sides, splitWithSlices, d.reference(), d.target(),
                d.comparisons(), d.selectableColumns(), d.drift());
    }

    /**
     * The loaded sides with one {@link Slice#column()} per slice; the sides themselves when there are none. The
     * columns join the filter columns, so a split of these sides never analyses them.
     */
    public static SplitBuilder.Sides onSides(SplitBuilder.Sides sides, List<Slice> slices) {
        if (slices.isEmpty()) {
            return sides;
        }
        List<Column> ref = new ArrayList<>();
        List<Column> tgt = new ArrayList<>();
        for (Slice s : slices) {
            if (s.referenceRows() != sides.reference().rowCount() || s.targetRows() != sides.target().rowCount()) {
                throw DataException.setting("slice", String.format(Locale.ROOT, "slice '%s' was saved for %,d"
                        + " reference and %,d target rows, but the data now has %,d and %,d: select its points on"
                        + " the map again and save it anew", s.name(), s.referenceRows(), s.targetRows(),
                        sides.reference().rowCount(), sides.target().rowCount()));
            }
            if (sides.reference().column(s.column()).isPresent() || sides.target().column(s.column()).isPresent()) {
                throw DataException.setting("slice", "the data already has a column named '" + s.column()
                        + "': rename the slice");
            }
            ref.add(new StringColumn(s.column(), ColumnType.CATEGORICAL, membership(s.reference(),
                    s.referenceRows())));
            tgt.add(new StringColumn(s.column(), ColumnType.CATEGORICAL, membership(s.target(), s.targetRows())));
        }
        java.util.Set<String> filters = new java.util.HashSet<>(sides.filterColumns());
        filters.addAll(columns(slices));
        return new SplitBuilder.Sides(plus(sides.reference(), ref), plus(sides.target(), tgt), filters,
                sides.notes());
    }

    /** A split's side with the slice columns of its loaded side, on the rows the split kept. */
    private static Dataset onSplitSide(Dataset loaded, Dataset split, List<String> analysed, List<Slice> slices) {
        int[] kept = SplitBuilder.completeRows(loaded, analysed);
        if (kept.length != split.rowCount()) {
            throw new IllegalStateException("the split's rows are not the loaded rows with every analysed value");
        }
        List<Column> extra = new ArrayList<>();
        for (Slice s : slices) {
            extra.add(loaded.requireColumn(s.column()).select(kept));
        }
        return plus(split, extra);
    }

    /** The names of the slices' columns, in order. */
    public static List<String> columns(List<Slice> slices) {
        return slices.stream().map(Slice::column).toList();
    }

    /**
     * A slice of the points selected on a map: {@code selection} indexes the map's points (reference points, then
     * target points), which {@link SubpopulationMap.Mapped#referenceRows()} and {@code targetRows()} lead back to the
     * loaded rows.
     */
    public static Slice fromMap(String name, int[] selection, SubpopulationMap.Mapped mapped, DataResult d) {
        int nr = mapped.referenceRows().length;
        List<Integer> ref = new ArrayList<>();
        List<Integer> tgt = new ArrayList<>();
        for (int i : selection) {
            if (i < nr) {
                ref.add(mapped.referenceRows()[i]);
            } else {
                tgt.add(mapped.targetRows()[i - nr]);
            }
        }
        return new Slice(name, ref.stream().mapToInt(Integer::intValue).toArray(),
                tgt.stream().mapToInt(Integer::intValue).toArray(), d.sides().reference().rowCount(),
                d.sides().target().rowCount());
    }

    /** Ascending rows as ranges, "0-14,20,22-30" (0-based, both ends included): how a project file keeps them. */
    public static String ranges(int[] rows) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < rows.length) {
            int j = i;
            while (j + 1 < rows.length && rows[j + 1] == rows[j] + 1) {
                j++;
            }
            b.append(b.isEmpty() ? "" : ",").append(rows[i]);
            if (j > i) {
                b.append('-').append(rows[j]);
            }
            i = j + 1;
        }
        return b.toString();
    }

    /**
     * The rows {@link #ranges} wrote; a {@link DataException} naming the part that is not a row or a range of rows
     * below {@code rows}.
     */
    public static int[] parseRanges(String text, int rows, String where) {
        List<Integer> out = new ArrayList<>();
        if (text.isBlank()) {
            return new int[0];
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                if (from < 0 || to < from || to >= rows) {
                    throw DataException.setting("slice", where + ": '" + p + "' is not among the " + rows
                            + " rows the slice was saved for");
                }
                for (int r = from; r <= to; r++) {
                    out.add(r);
                }
            } catch (NumberFormatException e) {
                throw DataException.setting("slice", where + ": '" + p + "' is not a row number or a range such as"
                        + " 3-17");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String[] membership(int[] rows, int n) {
        String[] out = new String[n];
        java.util.Arrays.fill(out, Slice.OUT);
        for (int r : rows) {
            out[r] = Slice.IN;
        }
        return out;
    }

    private static Dataset plus(Dataset d, List<Column> extra) {
        List<Column> all = new ArrayList<>(d.columns());
        all.addAll(extra);
        return new Dataset(d.name(), d.source(), all, d.images());
    }
}
