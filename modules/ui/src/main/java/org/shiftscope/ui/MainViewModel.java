package org.shiftscope.ui;

import org.shiftscope.ui.common.DialogService;
import org.shiftscope.ui.common.ViewId;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.shiftscope.core.DataException;
import org.shiftscope.ui.data.DataViewModel;
import org.shiftscope.ui.explain.ExplainViewModel;
import org.shiftscope.ui.map.MapViewModel;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import org.shiftscope.workflow.SplitBuilder;

/** State of the main window: the current view, the project file, and the Data view's state. */
public final class MainViewModel {

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final DataViewModel data;
    private final ExplainViewModel explain;
    private final MapViewModel map;
    private final org.shiftscope.ui.adapt.AdaptViewModel adapt;
    private final org.shiftscope.ui.subgroups.SubgroupsViewModel subgroups;
    private final org.shiftscope.ui.report.ReportViewModel report;
    private final org.shiftscope.ui.lab.LabViewModel lab;
    private final org.shiftscope.ui.Tour tour;
    private final org.shiftscope.ui.summary.SummaryViewModel summary = new org.shiftscope.ui.summary.SummaryViewModel();
    /** The data the summary's sample came from: the summary stays with the project while its split reads them. */
    private org.shiftscope.workflow.SplitSource summarySource;
    private final javafx.beans.property.BooleanProperty presentation =
            new javafx.beans.property.SimpleBooleanProperty(false);
    private final ObjectProperty<ViewId> view = new SimpleObjectProperty<>(ViewId.DATA);
    private final ObjectProperty<Path> projectFile = new SimpleObjectProperty<>();
    /** Recent projects and the dialogs' folders, remembered between sessions. */
    private final org.shiftscope.workflow.project.UserState state = org.shiftscope.workflow.project.UserState.standard();
    /** The project as last opened or saved: what "unsaved changes" compares with. */
    private Project saved;
    /** Edit > Undo / Redo of the settings each analysis started with. */
    private final SettingsHistory history = new SettingsHistory();
    /** True while undo or redo puts settings back (the analyses it starts are not new steps). */
    private boolean restoring;
    private org.shiftscope.workflow.project.Preferences preferences =
            org.shiftscope.workflow.project.Preferences.load();
    /** The opened project's gates (set by check --save), kept when the app saves it. */
    private org.shiftscope.workflow.gate.ProjectGates gates = org.shiftscope.workflow.gate.ProjectGates.NONE;

    public MainViewModel(TaskRunner tasks, DialogService dialogs) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.data = new DataViewModel(tasks, new SplitBuilder(new DatasetCatalog()));
        this.explain = new ExplainViewModel(tasks);
        explain.dataProperty().bind(data.resultProperty());
        explain.activeProperty().bind(view.isEqualTo(ViewId.EXPLAIN));
        this.map = new MapViewModel(tasks);
        map.dataProperty().bind(data.resultProperty());
        map.activeProperty().bind(view.isEqualTo(ViewId.MAP));
        explain.mapSettings(map::settings); // "on the map's points" explains what the Map view shows
        this.adapt = new org.shiftscope.ui.adapt.AdaptViewModel(tasks);
        adapt.dataProperty().bind(data.resultProperty());
        this.subgroups = new org.shiftscope.ui.subgroups.SubgroupsViewModel(tasks);
        subgroups.dataProperty().bind(data.resultProperty());
        subgroups.preprocessProperty().bind(map.preprocessProperty()); // an audited image model: the map's steps
        this.report = new org.shiftscope.ui.report.ReportViewModel(tasks, this::currentProject);
        this.lab = new org.shiftscope.ui.lab.LabViewModel(tasks);
        view.addListener((o, a, v) -> lab.setActive(v == ViewId.LAB));
        // the Report view says what a report would hold now each time it is opened
        view.addListener((o, a, v) -> {
            if (v == ViewId.REPORT) {
                report.refresh();
            }
        });
        this.tour = new org.shiftscope.ui.Tour(this);
        adapt.shareSlices(map.slices());
        subgroups.shareSlices(map.slices());
        tasks.currentProperty().addListener((o, old, task) -> {
            if (task != null && !restoring) {
                history.record(currentProject());
            }
        });
    }

    /** Shows a project (fills the form and recomputes in the background). */
    public void show(Project project, Path file) {
        data.load(project.split());
        gates = project.gates();
        summary.summaryProperty().set(project.summary());
        summarySource = project.summary() == null ? null : project.split().source();
        map.slices().setAll(project.slices());
        map.load(project.map());
        explain.load(project.explain());
        adapt.preprocessProperty().set(project.mapSettings().preprocess()); // the same images, likely the same model
        subgroups.load(project.audit());
        ViewId shown = ViewId.parse(project.view());
        view.set(shown == ViewId.SUMMARY && project.summary() == null ? ViewId.DATA : shown);
        projectFile.set(file);
        data.apply();
        saved = currentProject();
        history.reset(saved);
        if (file != null) {
            state.opened(file);
        }
    }

    /** A new project (the demo's data) in the preferred units and seed. */
    public Project newProject() {
        return preferences.applyTo(Project.demo());
    }

    /**
     * View > Run (Ctrl+R): the current view's main action, as its button does: apply the split, audit, run the
     * method, preview the report; the Map, Explain and Lab views follow their settings by themselves, so it applies
     * the split they analyse.
     */
    public void runCurrentView() {
        switch (view.get()) {
            case SUBGROUPS -> subgroups.audit();
            case ADAPT -> adapt.run();
            case REPORT -> report.preview();
            default -> data.apply();
        }
    }

    /** Edit > Undo: the settings before the last analysis's change, and the analyses run again with them. */
    public void undo() {
        restore(history.undo(currentProject()));
    }

    public void redo() {
        restore(history.redo(currentProject()));
    }

    public javafx.beans.property.ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    private void restore(Project p) {
        if (p == null) {
            return;
        }
        restoring = true;
        try {
            data.load(p.split());
            map.slices().setAll(p.slices());
            map.load(p.map());
            explain.load(p.explain());
            subgroups.load(p.audit());
            data.apply();
        } finally {
            restoring = false;
        }
    }

    public org.shiftscope.workflow.project.Preferences preferences() {
        return preferences;
    }

    /** Saves the preferences and applies the theme at once (the data folder at the next start). */
    public void savePreferences(org.shiftscope.workflow.project.Preferences p) {
        try {
            p.save();
            preferences = p;
            org.shiftscope.ui.common.Theme.of(p.theme()).apply();
        } catch (DataException e) {
            dialogs.showError("Cannot save the preferences", e);
        }
    }

    /** Whether the project changed since it was opened or saved. */
    public boolean unsaved() {
        return saved != null && !currentProject().equals(saved);
    }

    /**
     * Before the project is left (quit, another project opened): asks what to do with unsaved changes; true when
     * the window may go on (saved, discarded, or none), false when the user cancelled.
     */
    public boolean confirmLeave() {
        if (!unsaved()) {
            return true;
        }
        String name = projectFile.get() == null ? "the unsaved project" : projectFile.get().getFileName().toString();
        return switch (dialogs.confirmUnsaved(name)) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    /** The projects opened or saved last, most recent first. */
    public java.util.List<Path> recentProjects() {
        return state.recent();
    }

    /** The folder a file dialog was last in (null: none yet). */
    public Path lastFolder(String dialog) {
        return state.folder(dialog);
    }

    public void rememberFolder(String dialog, Path dir) {
        state.folder(dialog, dir);
    }

    /** Help > About: versions, licence and where the logs and data are. */
    public String about() {
        return "ShiftScope " + org.shiftscope.workflow.report.Provenance.version()
                + "\nJava " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), JavaFX "
                + System.getProperty("javafx.runtime.version", "?") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch")
                + "\nLicence: GPL-3.0-or-later"
                + "\n" + deviceLine()
                + "\nLog: " + org.shiftscope.workflow.AppFolders.log()
                + "\nRun history and settings: " + org.shiftscope.workflow.AppFolders.data()
                + "\nEmbedding cache: " + org.shiftscope.workflow.AppFolders.cache();
    }

    public void showAbout() {
        dialogs.showInfo("About ShiftScope", about());
    }

    /** Help > Open log folder: the folder of the log (made when it does not exist yet). */
    public void openLogFolder() {
        java.nio.file.Path folder = org.shiftscope.workflow.AppFolders.log().getParent();
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            dialogs.showError("Cannot open the log folder", DataException.inFile(folder.toString(),
                    "cannot be made: " + e.getMessage()));
            return;
        }
        dialogs.openFolder(folder);
    }

    /** The status bar's device line: "Device: CPU", "Device: GPU (CUDA 12.4)", with the reason for a fallback. */
    public String deviceLine() {
        return org.shiftscope.workflow.model.Devices.status().line();
    }

    public void openProject(Path file) {
        if (!confirmLeave()) {
            return;
        }
        try {
            show(ProjectStore.load(file), file);
        } catch (DataException e) {
            dialogs.showError("Cannot open project", e);
        }
    }

    /** Saves to the project's file; returns false when it has none yet (the view then asks for one). */
    public boolean save() {
        Path file = projectFile.get();
        if (file == null) {
            return false;
        }
        saveAs(file);
        return true;
    }

    public void saveAs(Path file) {
        try {
            ProjectStore.save(currentProject(), file);
            projectFile.set(file);
            saved = currentProject();
            state.opened(file);
        } catch (DataException e) {
            dialogs.showError("Cannot save project", e);
        }
    }

    /** The project as the window shows it now. */
    public Project currentProject() {
        org.shiftscope.workflow.SplitDefinition split = data.definition();
        return new Project(split, view.get().id(), map.settingsIfUsed(), subgroups.settingsOrNull(),
                explain.settingsIfUsed(), map.slices(), gates,
                split.source().equals(summarySource) ? summary.summaryProperty().get() : null);
    }

    public StringBinding titleBinding() {
        return Bindings.createStringBinding(() -> projectFile.get() == null ? "ShiftScope — unsaved project"
                : "ShiftScope — " + projectFile.get().getFileName(), projectFile);
    }

    /** The Full data view's state (a summary project's results on every row; empty for other projects). */
    public org.shiftscope.ui.summary.SummaryViewModel summary() {
        return summary;
    }

    public DataViewModel data() {
        return data;
    }

    public ExplainViewModel explain() {
        return explain;
    }

    public MapViewModel map() {
        return map;
    }

    public org.shiftscope.ui.adapt.AdaptViewModel adapt() {
        return adapt;
    }

    public org.shiftscope.ui.subgroups.SubgroupsViewModel subgroups() {
        return subgroups;
    }

    public org.shiftscope.ui.report.ReportViewModel report() {
        return report;
    }

    public org.shiftscope.ui.Tour tour() {
        return tour;
    }

    /** Full screen, large type and markers, high contrast: for a room watching a projector. */
    public javafx.beans.property.BooleanProperty presentationProperty() {
        return presentation;
    }

    public org.shiftscope.ui.lab.LabViewModel lab() {
        return lab;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public ObjectProperty<ViewId> viewProperty() {
        return view;
    }

}
