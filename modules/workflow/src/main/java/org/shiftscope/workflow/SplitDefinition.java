package org.shiftscope.workflow;

import java.util.List;
import java.util.Objects;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.scenarios.Scenarios;
import org.shiftscope.scenarios.TargetShift;

/**
 * What the user chose: where reference and target come from, which columns to analyse (empty: all columns,
 * except the ones a filter splits on), what to do with missing values, and optionally a controlled shift applied to
 * the target rows once loaded ({@link TargetShift}: image corruptions, class reweighting).
 *
 * @param targetShift null for none
 * @param images      the column of the data file(s) naming each row's image file, or null (a plain table)
 */
public record SplitDefinition(SplitSource source, List<String> columns, MissingPolicy missing,
                              TargetShift targetShift, ImageColumn images) {

    /**
     * A metadata table's image path column: each row's image is the file it names, relative paths resolving against
     * {@code root} (null: the table's own folder).
     */
    public record ImageColumn(String column, java.nio.file.Path root) {
        public ImageColumn {
            if (column == null || column.isBlank()) {
                throw org.shiftscope.core.DataException.setting("image-column", "name the column that holds the"
                        + " image file paths");
            }
            column = column.strip();
        }
    }

    public SplitDefinition {
        Objects.requireNonNull(source, "source");
        columns = columns == null ? List.of() : List.copyOf(columns);
        missing = missing == null ? MissingPolicy.DROP : missing;
    }

    public SplitDefinition(SplitSource source, List<String> columns, MissingPolicy missing, TargetShift targetShift) {
        this(source, columns, missing, targetShift, null);
    }

    public SplitDefinition(SplitSource source, List<String> columns, MissingPolicy missing) {
        this(source, columns, missing, null, null);
    }

    /** The project the app opens on first start: the mixture ring. */
    public static SplitDefinition demo() {
        return new SplitDefinition(new SplitSource.Demo(Scenarios.MIXTURE_RING, 1500, 0), List.of(), MissingPolicy.DROP);
    }

    public SplitDefinition withSource(SplitSource s) {
        return new SplitDefinition(s, columns, missing, targetShift, images);
    }

    public SplitDefinition withColumns(List<String> c) {
        return new SplitDefinition(source, c, missing, targetShift, images);
    }

    public SplitDefinition withMissing(MissingPolicy m) {
        return new SplitDefinition(source, columns, m, targetShift, images);
    }

    public SplitDefinition withTargetShift(TargetShift t) {
        return new SplitDefinition(source, columns, missing, t, images);
    }

    public SplitDefinition withImages(ImageColumn i) {
        return new SplitDefinition(source, columns, missing, targetShift, i);
    }
}
