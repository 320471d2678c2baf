package org.shiftscope.workflow;

import java.util.List;
import java.util.Objects;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.scenarios.Scenarios;

/**
 * What the user chose: where reference and target come from, which columns to analyse (empty: all columns,
 * except the ones a filter splits on), and what to do with missing values.
 */
public record SplitDefinition(SplitSource source, List<String> columns, MissingPolicy missing) {

    public SplitDefinition {
        Objects.requireNonNull(source, "source");
        columns = columns == null ? List.of() : List.copyOf(columns);
        missing = missing == null ? MissingPolicy.DROP : missing;
    }

    /** The project the app opens on first start: the mixture ring. */
    public static SplitDefinition demo() {
        return new SplitDefinition(new SplitSource.Demo(Scenarios.MIXTURE_RING, 1500, 0), List.of(), MissingPolicy.DROP);
    }

    public SplitDefinition withSource(SplitSource s) {
        return new SplitDefinition(s, columns, missing);
    }

    public SplitDefinition withColumns(List<String> c) {
        return new SplitDefinition(source, c, missing);
    }

    public SplitDefinition withMissing(MissingPolicy m) {
        return new SplitDefinition(source, columns, m);
    }
}
