package org.shiftscope.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.shiftscope.workflow.project.Project;

/**
 * Edit > Undo / Redo of the analysis settings: the project's settings as each analysis was started with them (the
 * view shown is not a setting). Recording a new state clears what could be redone; {@link #LIMIT} states are kept.
 */
final class SettingsHistory {

    static final int LIMIT = 100;

    private final Deque<Project> undo = new ArrayDeque<>();
    private final Deque<Project> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private Project last;

    /** Forgets everything: {@code p} is where the history starts (a project opened). */
    void reset(Project p) {
        undo.clear();
        redo.clear();
        last = settings(p);
        update();
    }

    /** The settings an analysis starts with; a change from the last recorded ones becomes one undo step. */
    void record(Project p) {
        Project s = settings(p);
        if (last == null || s.equals(last)) {
            last = s;
            return;
        }
        undo.push(last);
        while (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        last = s;
        update();
    }

    /** The settings before the last change (null when there are none); {@code now} can be redone. */
    Project undo(Project now) {
        return step(undo, redo, now);
    }

    /** The settings undone last (null when there are none); {@code now} can be undone again. */
    Project redo(Project now) {
        return step(redo, undo, now);
    }

    private Project step(Deque<Project> from, Deque<Project> to, Project now) {
        if (from.isEmpty()) {
            return null;
        }
        to.push(settings(now));
        last = from.pop();
        update();
        return last;
    }

    ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    private void update() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    /** The project without the view it showed. */
    private static Project settings(Project p) {
        return new Project(p.split(), "data", p.map(), p.audit(), p.explain(), p.slices(), p.gates(), p.summary());
    }
}
