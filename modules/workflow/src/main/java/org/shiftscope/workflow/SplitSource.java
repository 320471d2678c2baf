package org.shiftscope.workflow;

import java.nio.file.Path;
import java.util.Objects;
import org.shiftscope.core.DataException;
import org.shiftscope.core.RowFilter;

/** Where the reference and target rows come from. */
public sealed interface SplitSource {

    /** One line for the UI, reports and provenance. */
    String describe();

    /** Reference and target in two files with the same columns. */
    record TwoFiles(Path reference, Path target) implements SplitSource {
        public TwoFiles {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String describe() {
            return reference.getFileName() + " vs " + target.getFileName();
        }
    }

    /** One file split by two row filters, e.g. {@code sex=Male} vs {@code sex=Female}. */
    record FilteredFile(Path data, String referenceWhere, String targetWhere) implements SplitSource {
        public FilteredFile {
            Objects.requireNonNull(data, "data");
            if (referenceWhere == null || referenceWhere.isBlank() || targetWhere == null || targetWhere.isBlank()) {
                throw DataException.of("splitting one file needs both a reference filter and a target filter");
            }
            // parse now so that a bad expression is reported when the split is defined
            RowFilter.parse(referenceWhere);
            RowFilter.parse(targetWhere);
        }

        @Override
        public String describe() {
            return data.getFileName() + ": " + referenceWhere + " vs " + targetWhere;
        }
    }

    /** A built-in generated scenario (see {@code org.shiftscope.scenarios.Scenarios}). */
    record Demo(String scenario, int rows, long seed, double intensity) implements SplitSource {
        public Demo {
            Objects.requireNonNull(scenario, "scenario");
            if (rows <= 0) {
                throw DataException.of("a demo needs a positive number of rows per side, not " + rows);
            }
            org.shiftscope.core.Limits.check("demo rows", rows, 1, org.shiftscope.core.Limits.DEMO_ROWS);
            if (!(intensity >= 0 && intensity <= 1)) {
                throw DataException.of("a demo's intensity runs from 0 (no shift) to 1, not " + intensity);
            }
        }

        /** The ids of the built-in scenarios a demo split can be, in menu order. */
        public static final java.util.List<String> SCENARIOS = org.shiftscope.scenarios.Scenarios.IDS;
        /** The scenario a new project opens on. */
        public static final String DEFAULT_SCENARIO = org.shiftscope.scenarios.Scenarios.MIXTURE_RING;

        /** At full intensity. */
        public Demo(String scenario, int rows, long seed) {
            this(scenario, rows, seed, 1);
        }

        @Override
        public String describe() {
            return "demo " + scenario + " (" + rows + " rows per side, seed " + seed
                    + (intensity == 1 ? "" : ", intensity " + intensity) + ")";
        }
    }
}
