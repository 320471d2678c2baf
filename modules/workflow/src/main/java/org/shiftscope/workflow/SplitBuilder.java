package org.shiftscope.workflow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.RowFilter;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.scenarios.Scenario;
import org.shiftscope.scenarios.Scenarios;

/** Turns a {@link SplitDefinition} into a {@link Split}: loads, filters, checks columns, applies the missing policy. */
public final class SplitBuilder {

    private final DatasetCatalog catalog;

    public SplitBuilder(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Both sides before column selection and the missing-value policy: what the Data view shows in full.
     *
     * @param notes what loading left out and why (e.g. rows whose image file is missing), for the user to read
     */
    public record Sides(Dataset reference, Dataset target, Set<String> filterColumns, List<String> notes) {

        public Sides {
            notes = List.copyOf(notes);
        }

        public Sides(Dataset reference, Dataset target, Set<String> filterColumns) {
            this(reference, target, filterColumns, List.of());
        }

        /** How the run history and reports name these data (see {@link SplitBuilder#dataHash}). */
        public String dataHash() {
            return SplitBuilder.dataHash(reference, target);
        }
    }

    /** How the run history names a split's data: both sides' content hashes and names. */
    public static String dataHash(Dataset reference, Dataset target) {
        return reference.source().contentHash() + "/" + target.source().contentHash() + " (" + reference.name()
                + " vs " + target.name() + ")";
    }

    /**
     * One data file, with the images its column names when {@code images} is given (rows whose image is missing are
     * left out; {@code notes} hears how many and which).
     */
    public static Dataset load(DatasetCatalog catalog, java.nio.file.Path file, SplitDefinition.ImageColumn images,
                               TaskMonitor monitor, java.util.function.Consumer<String> notes) {
        Dataset d = catalog.load(file, monitor);
        return images == null ? d : withImages(d, file, images, monitor, notes);
    }

    /** A table loaded from {@code file} with the images its column names; what was left out goes to notes. */
    private static Dataset withImages(Dataset d, java.nio.file.Path file, SplitDefinition.ImageColumn images,
                                      TaskMonitor monitor, java.util.function.Consumer<String> notes) {
        org.shiftscope.io.ImageTable.Attached a = org.shiftscope.io.ImageTable.attach(d, file, images.column(),
                images.root(), monitor);
        if (!a.note().isEmpty()) {
            notes.accept(a.note());
        }
        return a.data();
    }

    /** The sides of a definition, its target shift applied. */
    public Sides sides(SplitDefinition definition, TaskMonitor monitor) {
        return sides(definition, UnaryOperator.identity(), monitor);
    }

    /**
     * @param loaded applied to each file as loaded, before any filter (to attach row-aligned embeddings); not to
     *               generated demo data
     */
    private Sides sides(SplitSource source, UnaryOperator<Dataset> loaded, TaskMonitor monitor) {
        return switch (source) {
            case SplitSource.TwoFiles f -> {
                Dataset ref = loaded.apply(catalog.load(f.reference(), monitor));
                Dataset tgt = loaded.apply(catalog.load(f.target(), monitor));
                yield new Sides(ref, tgt, Set.of());
            }
            case SplitSource.FilteredFile f -> {
                Dataset all = loaded.apply(catalog.load(f.data(), monitor));
                RowFilter refFilter = RowFilter.parse(f.referenceWhere());
                RowFilter tgtFilter = RowFilter.parse(f.targetWhere());
                Dataset ref = rename(all.selectRows(refFilter.apply(all)), all.name() + " where " + refFilter);
                Dataset tgt = rename(all.selectRows(tgtFilter.apply(all)), all.name() + " where " + tgtFilter);
                Set<String> used = new LinkedHashSet<>(refFilter.columns());
                used.addAll(tgtFilter.columns());
                yield new Sides(ref, tgt, used);
            }
            case SplitSource.Demo d -> {
                Scenario s = Scenarios.generate(d.scenario(), d.rows(), d.seed(), d.intensity());
                yield new Sides(s.reference(), s.target(), Set.of());
            }
        };
    }

    public Split build(SplitDefinition definition, TaskMonitor monitor) {
        return build(definition, sides(definition, monitor));
    }

    /** The sides of a definition: {@link #sides(SplitSource, UnaryOperator, TaskMonitor)}, then its target shift. */
    public Sides sides(SplitDefinition definition, UnaryOperator<Dataset> loaded, TaskMonitor monitor) {
        List<String> notes = new ArrayList<>();
        UnaryOperator<Dataset> withImages = loaded;
        if (definition.images() != null) {
            if (definition.source() instanceof SplitSource.Demo) {
                throw DataException.setting("image-column", "a demo scenario has no image path column");
            }
            SplitDefinition.ImageColumn ic = definition.images();
            withImages = d -> loaded.apply(withImages(d, java.nio.file.Path.of(d.source().location()), ic, monitor,
                    notes::add));
        }
        Sides s = sides(definition.source(), withImages, monitor);
        requireRows(s.reference(), "reference", definition.source());
        requireRows(s.target(), "target", definition.source());
        if (definition.images() != null) {
            // the path column names files; it is not a feature to analyse by default, as filter columns are not
            Set<String> excluded = new LinkedHashSet<>(s.filterColumns());
            excluded.add(definition.images().column());
            s = new Sides(s.reference(), s.target(), excluded, notes);
        }
        if (definition.targetShift() == null) {
            return s;
        }
        monitor.progress(0.9, "shifting the target: " + definition.targetShift().text());
        Dataset shifted = definition.targetShift().apply(s.target());
        return new Sides(s.reference(), rename(shifted, s.target().name() + " shifted by "
                + definition.targetShift().text()), s.filterColumns(), s.notes());
    }

    /** A side with no rows cannot be compared: say which file (and which filter) left it empty. */
    private static void requireRows(Dataset side, String name, SplitSource source) {
        if (side.rowCount() > 0) {
            return;
        }
        String where = source instanceof SplitSource.FilteredFile f
                ? (name.equals("reference") ? f.referenceWhere() : f.targetWhere()) : null;
        throw DataException.inFile(side.source().displayName(), where != null ? "no row matches the " + name
                + " filter '" + where + "'" : "has no rows (the " + name + " is empty)");
    }

    /** Builds the split from sides already loaded (the UI keeps them to redraw without reloading). */
    public Split build(SplitDefinition definition, Sides sides) {
        Dataset ref = sides.reference();
        Dataset tgt = sides.target();
        List<String> columns = definition.columns();
        if (columns.isEmpty()) {
            columns = ref.columnNames().stream().filter(c -> !sides.filterColumns().contains(c)).toList();
        }
        for (String c : columns) {
            ref.requireColumn(c);
            Column inTarget = tgt.column(c).orElseThrow(() -> DataException.inFile(tgt.source().displayName(),
                    "column '" + c + "' of the reference (" + ref.name() + ") is missing from the target"
                            + " (its columns: " + String.join(", ", tgt.columnNames()) + ")"));
            checkSameKind(ref.requireColumn(c), inTarget, ref, tgt);
        }
        if (columns.isEmpty() && !ref.hasImages()) {
            throw DataException.of("no columns left to analyse (the filters use every column)");
        }
        Dataset refCols = ref.selectColumns(columns);
        Dataset tgtCols = tgt.selectColumns(columns);
        Dataset refUsed = applyMissing(refCols, definition.missing(), "reference");
        Dataset tgtUsed = applyMissing(tgtCols, definition.missing(), "target");
        return new Split(refUsed, tgtUsed, columns, ref.rowCount(), tgt.rowCount(), definition.missing(),
                definition.source().describe());
    }

    private static void checkSameKind(Column a, Column b, Dataset ref, Dataset tgt) {
        boolean numA = a.type() == ColumnType.NUMERIC;
        boolean numB = b.type() == ColumnType.NUMERIC;
        if (numA != numB) {
            throw DataException.of("column '" + a.name() + "' is " + a.type().label() + " in " + ref.name()
                    + " but " + b.type().label() + " in " + tgt.name() + "; both sides must hold the same kind of values");
        }
    }

    private static Dataset applyMissing(Dataset data, MissingPolicy policy, String side) {
        int[] keep = completeRows(data, data.columnNames());
        if (keep.length == data.rowCount()) {
            return data;
        }
        if (policy == MissingPolicy.FAIL) {
            for (Column c : data.columns()) {
                int missing = 0;
                int first = -1;
                for (int i = 0; i < data.rowCount(); i++) {
                    if (c.isMissing(i)) {
                        first = first < 0 ? i : first;
                        missing++;
                    }
                }
                if (missing > 0) {
                    throw DataException.inFile(data.source().displayName(), "column '" + c.name() + "' has " + missing
                            + " missing values in the " + side + " (" + data.name() + "), the first in its row "
                            + (first + 1) + "; choose the missing-value policy 'drop' to leave such rows out");
                }
            }
        }
        return data.selectRows(keep);
    }

    /**
     * The rows of {@code data} with a value in every one of {@code columns}, in order: the rows a split keeps of its
     * side (so row i of a split's side is row {@code completeRows(side, split.columns())[i]} of the loaded side).
     */
    public static int[] completeRows(Dataset data, List<String> columns) {
        int n = data.rowCount();
        boolean[] complete = new boolean[n];
        java.util.Arrays.fill(complete, true);
        for (String name : columns) {
            Column c = data.requireColumn(name);
            for (int i = 0; i < n; i++) {
                if (c.isMissing(i)) {
                    complete[i] = false;
                }
            }
        }
        int kept = 0;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (complete[i]) {
                out[kept++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, kept);
    }

    private static Dataset rename(Dataset d, String name) {
        return new Dataset(name, d.source(), d.columns(), d.images());
    }
}
