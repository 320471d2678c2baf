package org.shiftscope.ui;


/** The main window's views, in navigation order, with what each one will hold until its feature lands. */
public enum ViewId {
    DATA("Data", null),
    MAP("Map", null),
    EXPLAIN("Explain", null),
    SUBGROUPS("Subgroups", "Per-group metrics with confidence intervals and disparities (demographic parity,"
            + " equalized odds) for reference and target side by side. Arrives with the auditor workflow."),
    ADAPT("Adapt", null),
    REPORT("Report", "A self-contained HTML/PDF report with figures, tables and provenance (file hashes, split,"
            + " options, seeds, versions). Arrives with the auditor workflow.");

    private final String title;
    private final String plan;

    ViewId(String title, String plan) {
        this.title = title;
        this.plan = plan;
    }

    public String title() {
        return title;
    }

    /** What the view will show; {@code null} for views that work now. */
    public String plan() {
        return plan;
    }

    public String id() {
        return org.shiftscope.core.EnumIds.id(this);
    }

    public static ViewId parse(String text) {
        return org.shiftscope.core.EnumIds.parse(ViewId.class, text, "view");
    }
}
