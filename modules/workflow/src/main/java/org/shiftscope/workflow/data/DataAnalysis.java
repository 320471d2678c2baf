package org.shiftscope.workflow.data;

import java.util.ArrayList;
import java.util.List;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.ColumnComparison;
import org.shiftscope.workflow.DatasetSummary;
import org.shiftscope.workflow.DriftAnalysis;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;

/** The Data view's use case: a split defined, loaded and compared side by side, column by column. */
public final class DataAnalysis {

    /** Most charts the view draws at once; wide data (e.g. 384 embedding dimensions) is trimmed with a note. */
    public static final int MAX_CHARTS = 24;

    /** Significance level of the drift verdicts (Holm-corrected across columns), as detect's. */
    public static final double ALPHA = DriftAnalysis.Request.DEFAULT_ALPHA;

    private DataAnalysis() {
    }

    /**
     * Loads both sides, splits them, compares every shown column and tests each for drift; for images, also their
     * {@link ImageStatistics} (tested as their own family).
     */
    public static DataResult run(SplitBuilder builder, SplitDefinition def, TaskMonitor monitor) {
        SplitBuilder.Sides sides = builder.sides(def, monitor);
        monitor.progress(-1, "Splitting");
        Split split = builder.build(def, sides);
        monitor.checkCancelled();
        monitor.progress(-1, "Comparing columns");
        List<String> shown = split.columns().size() > MAX_CHARTS ? split.columns().subList(0, MAX_CHARTS) : split.columns();
        List<ColumnComparison> comparisons = new ArrayList<>(ColumnComparison.compare(sides.reference(),
                sides.target(), shown));
        List<String> selectable = new ArrayList<>(sides.reference().columnNames());
        selectable.removeAll(sides.filterColumns());
        monitor.progress(-1, "Testing columns for drift");
        List<ColumnDrift> drift = new ArrayList<>(DriftAnalysis.univariate(split,
                DriftAnalysis.Request.DEFAULT_CORRECTION, ALPHA, monitor));
        if (split.reference().hasImages() && split.target().hasImages()) {
            // images: their brightness, contrast, size and colour charted and tested like columns (a sample a side)
            monitor.progress(-1, "Image statistics");
            org.shiftscope.core.Dataset ref = ImageStatistics.of(split.reference(), monitor);
            org.shiftscope.core.Dataset tgt = ImageStatistics.of(split.target(), monitor);
            comparisons.addAll(ColumnComparison.compare(ref, tgt, ImageStatistics.COLUMNS));
            drift.addAll(DriftAnalysis.univariate(new Split(ref, tgt, ImageStatistics.COLUMNS, ref.rowCount(),
                    tgt.rowCount(), split.policy(), split.description() + " (image statistics)"),
                    DriftAnalysis.Request.DEFAULT_CORRECTION, ALPHA, monitor));
        }
        return new DataResult(def, sides, split, DatasetSummary.of(sides.reference()), DatasetSummary.of(sides.target()),
                comparisons, selectable, drift);
    }
}
