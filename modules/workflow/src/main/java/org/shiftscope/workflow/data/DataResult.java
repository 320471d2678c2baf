package org.shiftscope.workflow.data;

import java.util.List;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.core.Split;
import org.shiftscope.workflow.ColumnComparison;
import org.shiftscope.workflow.DatasetSummary;
import org.shiftscope.workflow.SplitBuilder;

/** Everything the Data view (and a snapshot) shows for one split (and the definition it came from), computed off the FX thread. */
public record DataResult(org.shiftscope.workflow.SplitDefinition definition, SplitBuilder.Sides sides, Split split, DatasetSummary reference, DatasetSummary target,
                         List<ColumnComparison> comparisons, List<String> selectableColumns, List<ColumnDrift> drift) {

    /**
     * The per-column tests of the analysed columns, with detect's default correction and alpha (without the image
     * statistics, tested as their own family).
     */
    public List<ColumnDrift> columnDrift() {
        return drift.stream().filter(d -> split.columns().contains(d.column())).toList();
    }

    /** The drift test of a column, if it was tested (free-text columns are not). */
    public java.util.Optional<ColumnDrift> driftOf(String column) {
        return drift.stream().filter(d -> d.column().equals(column)).findFirst();
    }
}
