package org.shiftscope.ui.common;

/** The main window's views, in navigation order. */
public enum ViewId {
    DATA("Data"),
    MAP("Map"),
    EXPLAIN("Explain"),
    SUBGROUPS("Subgroups"),
    ADAPT("Adapt"),
    REPORT("Report"),
    LAB("Lab"),
    /** A summary project's results on every row (shown only for such projects). */
    SUMMARY("Full data");

    private final String title;

    ViewId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String id() {
        return org.shiftscope.core.EnumIds.id(this);
    }

    public static ViewId parse(String text) {
        return org.shiftscope.core.EnumIds.parse(ViewId.class, text, "view");
    }
}
