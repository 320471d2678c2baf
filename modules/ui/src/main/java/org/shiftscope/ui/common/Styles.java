package org.shiftscope.ui.common;

/** Style classes defined in assets/css/shiftscope.css; views use these instead of inline styles. */
public final class Styles {

    public static final String STYLESHEET = "/css/shiftscope.css";
    public static final String NAV = "nav";
    public static final String NAV_BUTTON = "nav-button";
    public static final String TITLE = "view-title";
    public static final String SUBTITLE = "view-subtitle";
    public static final String PRESENTATION = "presentation";
    public static final String BIG_NUMBER = "big-number";
    public static final String PROBLEM = "problem";
    public static final String COUNTS = "counts";
    public static final String FORM = "split-form";
    public static final String CHART_TILE = "chart-tile";
    public static final String DROP_TARGET = "drop-target";
    public static final String VERDICT_DRIFT = "verdict-drift";
    public static final String VERDICT_NONE = "verdict-none";

    private Styles() {
    }
}
