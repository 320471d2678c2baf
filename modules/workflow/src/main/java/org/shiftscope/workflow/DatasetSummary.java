package org.shiftscope.workflow;

import java.util.List;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.Dataset;

/** What {@code shiftscope inspect} prints and the Data view's schema table shows. */
public record DatasetSummary(String name, String format, String sha256, int rows, List<ColumnSummary> columns) {

    public record ColumnSummary(String name, ColumnType type, int missing) {
    }

    public static DatasetSummary of(Dataset d) {
        List<ColumnSummary> cols = d.columns().stream()
                .map(c -> new ColumnSummary(c.name(), c.type(), c.missingCount()))
                .toList();
        return new DatasetSummary(d.name(), d.source().format(), d.source().contentHash(), d.rowCount(), cols);
    }
}
