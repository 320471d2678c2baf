package org.shiftscope.workflow;

import java.util.Objects;

/**
 * What a project file holds: the split and the view that was open. Later features add their settings here.
 *
 * @param split the reference/target definition
 * @param view  id of the view shown when the project was saved (e.g. {@code data})
 */
public record Project(SplitDefinition split, String view) {

    public Project {
        Objects.requireNonNull(split, "split");
        view = view == null || view.isBlank() ? "data" : view;
    }

    public static Project demo() {
        return new Project(SplitDefinition.demo(), "data");
    }
}
