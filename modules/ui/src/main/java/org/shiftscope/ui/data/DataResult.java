package org.shiftscope.ui.data;

import java.util.List;
import org.shiftscope.core.Split;
import org.shiftscope.workflow.ColumnComparison;
import org.shiftscope.workflow.DatasetSummary;
import org.shiftscope.workflow.SplitBuilder;

/** Everything the Data view shows for one split, computed off the FX thread. */
public record DataResult(SplitBuilder.Sides sides, Split split, DatasetSummary reference, DatasetSummary target,
                         List<ColumnComparison> comparisons, List<String> selectableColumns) {
}
