package org.shiftscope.workflow;

import java.util.List;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.analysis.UnivariateDrift;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;

/** Per-column drift tests of a split (free-text columns are skipped), as the Data view and `detect` show them. */
public final class DriftAnalysis {

    private DriftAnalysis() {
    }

    public static List<ColumnDrift> univariate(Split split, MultipleTesting correction, double alpha, TaskMonitor monitor) {
        List<String> columns = split.columns().stream()
                .filter(c -> split.reference().requireColumn(c).type() != ColumnType.TEXT).toList();
        return UnivariateDrift.test(split.reference(), split.target(), columns, correction, alpha, monitor);
    }
}
