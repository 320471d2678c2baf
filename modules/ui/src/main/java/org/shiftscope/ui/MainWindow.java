package org.shiftscope.ui;

import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.Theme;
import org.shiftscope.ui.common.ViewId;

import java.io.File;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.StatusBar;
import org.shiftscope.ui.data.DataView;
import org.shiftscope.ui.explain.ExplainView;
import org.shiftscope.ui.map.MapView;

/** The main window's content: menu, navigation, the current view and a status bar with progress and cancel. */
public final class MainWindow {

    private final MainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<ViewId, Parent> views = new EnumMap<>(ViewId.class);
    /** Holds every view made so far; only the current one is visible. */
    private final javafx.scene.layout.StackPane center = new javafx.scene.layout.StackPane();
    private final Runnable quit;
    /** Leaving full screen (Esc) leaves presentation mode. */
    private final javafx.beans.value.ChangeListener<Boolean> fullScreenLeft;

    public MainWindow(MainViewModel vm, Runnable quit) {
        this.vm = vm;
        this.quit = quit;
        this.fullScreenLeft = (o, was, full) -> {
            if (!full) {
                vm.presentationProperty().set(false);
            }
        };
        root.setId("main-window");
        root.setTop(menu());
        root.setLeft(navigation());
        root.setBottom(new VBox(tourBar(), statusBar()));
        root.setCenter(center);
        vm.presentationProperty().addListener((o, a, on) -> present(on));
        showView(vm.viewProperty().get());
        vm.viewProperty().addListener((o, a, v) -> showView(v));
    }

    public Parent root() {
        return root;
    }

    /** Finishes what the views spread over frames (for a snapshot, which renders without frames). */
    public void settle() {
        org.shiftscope.ui.common.FrameFeed.completeAll();
    }

    /**
     * Shows a view: the views made so far stay in the window, hidden and unmanaged (not drawn, not resized),
     * so going back to one is a change of visibility, not a new styling of hundreds of nodes.
     */
    private void showView(ViewId id) {
        Parent shown = view(id);
        styleFor(shown, Theme.presenting());
        shown.setVisible(true);
        shown.setManaged(true);
        // focus moves into the view shown before the one that had it is hidden (JavaFX's own search for the next
        // focus owner fails inside a hidden table)
        Node focused = root.getScene() == null ? null : root.getScene().getFocusOwner();
        for (Node n = focused; n != null; n = n.getParent()) {
            if (n != shown && views.containsValue(n)) {
                shown.requestFocus();
                break;
            }
        }
        for (Parent p : views.values()) {
            if (p != shown) {
                p.setVisible(false);
                p.setManaged(false);
            }
        }
    }

    private Parent view(ViewId id) {
        Parent made = views.get(id);
        if (made == null) {
            made = switch (id) {
                case DATA -> new DataView(vm.data()).root();
                case EXPLAIN -> new ExplainView(vm.explain()).root();
                case MAP -> new MapView(vm.map()).root();
                case ADAPT -> new org.shiftscope.ui.adapt.AdaptView(vm.adapt()).root();
                case SUBGROUPS -> new org.shiftscope.ui.subgroups.SubgroupsView(vm.subgroups()).root();
                case REPORT -> new org.shiftscope.ui.report.ReportView(vm.report()).root();
                case LAB -> new org.shiftscope.ui.lab.LabView(vm.lab()).root();
                case SUMMARY -> new org.shiftscope.ui.summary.SummaryView(vm.summary()).root();
            };
            views.put(id, made);
            made.setVisible(false);
            made.setManaged(false);
            center.getChildren().add(made);
        }
        return made;
    }

    /**
     * Makes the views not opened yet, one a frame while the window has nothing else to do, laid out hidden at the
     * window's size: the first visit to a view then only shows it. Called once the window is up (the styling of a
     * view the user has not opened is not in the way of the first window).
     */
    public void prepareViews() {
        for (ViewId id : ViewId.values()) {
            org.shiftscope.ui.common.FrameFeed.whenIdle(this, () -> {
                if (!views.containsKey(id)) {
                    view(id).resizeRelocate(0, 0, center.getWidth(), center.getHeight());
                }
            });
        }
    }

    private VBox navigation() {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        nav.getStyleClass().add(Styles.NAV);
        nav.setPadding(new Insets(12, 8, 12, 8));
        for (ViewId v : ViewId.values()) {
            ToggleButton b = new ToggleButton(v.title());
            b.setId("nav-" + v.id());
            b.getStyleClass().add(Styles.NAV_BUTTON);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setSelected(vm.viewProperty().get() == v);
            b.setOnAction(e -> {
                vm.viewProperty().set(v);
                b.setSelected(true);
            });
            vm.viewProperty().addListener((o, a, now) -> b.setSelected(now == v));
            if (v == ViewId.SUMMARY) { // only a summary project has one
                b.visibleProperty().bind(vm.summary().summaryProperty().isNotNull());
                b.managedProperty().bind(b.visibleProperty());
            }
            nav.getChildren().add(b);
        }
        return nav;
    }

    private MenuBar menu() {
        MenuItem openData = new MenuItem("Open data…");
        openData.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        openData.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open one file to split, or two files (reference, then target)");
            remembered(chooser, "open-data");
            var files = chooser.showOpenMultipleDialog(root.getScene().getWindow());
            if (files != null) {
                vm.rememberFolder("open-data", files.get(0).toPath().toAbsolutePath().getParent());
                vm.viewProperty().set(ViewId.DATA);
                vm.data().openFiles(files.stream().map(File::toPath).toList());
            }
        });
        MenuItem openProject = new MenuItem("Open project…");
        openProject.setOnAction(e -> {
            FileChooser chooser = projectChooser("Open project");
            remembered(chooser, "project");
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                vm.rememberFolder("project", f.toPath().toAbsolutePath().getParent());
                vm.openProject(f.toPath());
            }
        });
        openProject.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+O"));
        Menu recent = new Menu("Open recent");
        recent.setId("menu-recent");
        // filled when shown: the projects opened or saved last that still exist
        recent.getItems().add(new MenuItem("(none yet)"));
        recent.setOnShowing(e -> fillRecent(recent));
        MenuItem save = new MenuItem("Save project");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> {
            if (!vm.save()) {
                saveAs();
            }
        });
        MenuItem saveAs = new MenuItem("Save project as…");
        saveAs.setOnAction(e -> saveAs());
        MenuItem exit = new MenuItem("Quit");
        exit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        exit.setOnAction(e -> {
            if (vm.confirmLeave()) {
                quit.run();
            }
        });
        Menu file = new Menu("File", null, openData, openProject, recent, save, saveAs, exit);
        javafx.scene.control.CheckMenuItem presentation = new javafx.scene.control.CheckMenuItem("Presentation mode");
        presentation.setId("menu-presentation");
        presentation.setAccelerator(KeyCombination.keyCombination("F5"));
        presentation.selectedProperty().bindBidirectional(vm.presentationProperty());
        MenuItem tour = new MenuItem("Guided tour");
        tour.setAccelerator(KeyCombination.keyCombination("F1"));
        tour.setOnAction(e -> vm.tour().start());
        MenuItem run = new MenuItem("Run this view's analysis");
        run.setId("menu-run");
        run.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        run.setOnAction(e -> vm.runCurrentView());
        Menu view = new Menu("View", null, run, presentation);
        for (ViewId v : ViewId.values()) {
            MenuItem go = new MenuItem(v.title());
            go.setId("menu-go-" + v.id());
            go.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (v.ordinal() + 1)));
            go.setOnAction(e -> vm.viewProperty().set(v));
            if (v == ViewId.SUMMARY) {
                go.disableProperty().bind(vm.summary().summaryProperty().isNull());
            }
            view.getItems().add(go);
        }
        MenuItem about = new MenuItem("About ShiftScope");
        about.setId("menu-about");
        about.setOnAction(e -> vm.showAbout());
        MenuItem logs = new MenuItem("Open log folder");
        logs.setId("menu-open-logs");
        logs.setOnAction(e -> vm.openLogFolder());
        Menu help = new Menu("Help", null, tour, logs, about);
        MenuItem undo = new MenuItem("Undo settings");
        undo.setId("menu-undo");
        undo.setAccelerator(KeyCombination.keyCombination("Shortcut+Z"));
        undo.disableProperty().bind(vm.canUndoProperty().not());
        undo.setOnAction(e -> vm.undo());
        MenuItem redo = new MenuItem("Redo settings");
        redo.setId("menu-redo");
        redo.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+Z"));
        redo.disableProperty().bind(vm.canRedoProperty().not());
        redo.setOnAction(e -> vm.redo());
        MenuItem prefs = new MenuItem("Preferences…");
        prefs.setId("menu-preferences");
        prefs.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        prefs.setOnAction(e -> new PreferencesDialog(root.getScene().getWindow(), vm).showAndWait()
                .ifPresent(vm::savePreferences));
        Menu edit = new Menu("Edit", null, undo, redo, new javafx.scene.control.SeparatorMenuItem(), prefs);
        return new MenuBar(file, edit, view, help);
    }

    /** The recent projects as menu items (each opens its project). */
    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (java.nio.file.Path p : vm.recentProjects()) {
            MenuItem item = new MenuItem(p.getFileName() + "  (" + p.getParent() + ")");
            item.setOnAction(e -> vm.openProject(p));
            recent.getItems().add(item);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    /** Opens a dialog in the folder it was last in. */
    private void remembered(FileChooser chooser, String dialog) {
        java.nio.file.Path dir = vm.lastFolder(dialog);
        if (dir != null) {
            chooser.setInitialDirectory(dir.toFile());
        }
    }

    private void saveAs() {
        FileChooser chooser = projectChooser("Save project");
        chooser.setInitialFileName("project.shiftscope.json");
        remembered(chooser, "project");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.rememberFolder("project", f.toPath().toAbsolutePath().getParent());
            vm.saveAs(f.toPath());
        }
    }

    private static FileChooser projectChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ShiftScope project", "*.shiftscope.json", "*.json"));
        return chooser;
    }

    /** The guided tour's caption and buttons; takes no space while the tour is off. */
    private javafx.scene.Node tourBar() {
        javafx.scene.control.Label caption = new javafx.scene.control.Label();
        caption.setId("tour-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(vm.tour().caption());
        javafx.scene.layout.HBox.setHgrow(caption, javafx.scene.layout.Priority.ALWAYS);
        caption.setMaxWidth(Double.MAX_VALUE);
        Button back = new Button("Back");
        back.setId("tour-back");
        back.setOnAction(e -> vm.tour().back());
        back.disableProperty().bind(vm.tour().stepProperty().lessThanOrEqualTo(0));
        Button next = new Button("Next");
        next.setId("tour-next");
        next.setDefaultButton(false);
        next.setOnAction(e -> vm.tour().next());
        next.disableProperty().bind(vm.tour().stepProperty().greaterThanOrEqualTo(
                org.shiftscope.ui.Tour.STEPS.size() - 1));
        Button end = new Button("End tour");
        end.setId("tour-end");
        end.setOnAction(e -> vm.tour().end());
        for (Button b : java.util.List.of(back, next, end)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(10, caption, back, next, end);
        bar.setId("tour-bar");
        bar.getStyleClass().add("tour-bar");
        bar.setPadding(new Insets(10, 12, 10, 12));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.visibleProperty().bind(vm.tour().stepProperty().greaterThanOrEqualTo(0));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /**
     * Presentation mode: the window full screen and the presentation style (large type, high contrast). The style
     * class goes on the menu, navigation and status bars and the view shown at once, and on each hidden view in a
     * frame of its own: restyling every view's nodes in one frame held the window 135 ms.
     */
    private void present(boolean on) {
        presentChrome(on);
        org.shiftscope.ui.common.FrameFeed.cancel(presentationSteps);
        for (Parent v : views.values()) {
            if (v.isVisible()) {
                styleFor(v, on);
            } else {
                org.shiftscope.ui.common.FrameFeed.whenIdle(presentationSteps, () -> styleFor(v, on));
            }
        }
        if (root.getScene() != null && root.getScene().getWindow() instanceof javafx.stage.Stage stage) {
            // no JavaFX overlay (making it held the FX thread 40 ms): the status bar says how to leave
            stage.setFullScreenExitHint("");
            stage.setFullScreen(on);
            // one listener however often the mode is toggled
            stage.fullScreenProperty().removeListener(fullScreenLeft);
            stage.fullScreenProperty().addListener(fullScreenLeft);
        }
    }

    /** Owns the hidden views' presentation restyling steps (a new toggle drops the old steps). */
    private final Object presentationSteps = new Object();

    private static void styleFor(Node part, boolean presenting) {
        if (!presenting) {
            part.getStyleClass().remove(Styles.PRESENTATION);
        } else if (!part.getStyleClass().contains(Styles.PRESENTATION)) {
            part.getStyleClass().add(Styles.PRESENTATION);
        }
    }

    /** The mode for the canvases, and the style on the menu, navigation and status bars. */
    private void presentChrome(boolean on) {
        Theme.presentingProperty().set(on);
        for (Node chrome : List.of(root.getTop(), root.getLeft(), root.getBottom())) {
            styleFor(chrome, on);
        }
    }

    /** Presentation mode's style everywhere at once, without full screen (for a snapshot). */
    public void presentNow(boolean on) {
        presentChrome(on);
        views.values().forEach(v -> styleFor(v, on));
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.setText("Ready");
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-task");
        cancel.setOnAction(e -> vm.tasks().cancelCurrent());
        javafx.scene.control.Label device = new javafx.scene.control.Label(vm.deviceLine());
        device.setId("status-device");
        device.setTooltip(new javafx.scene.control.Tooltip("Where embeddings and the built-in encoders run. Start"
                + " with --device cpu|gpu|auto (default auto: the GPU when the GPU pack, shiftscope --gpu, and an"
                + " NVIDIA driver are present)."));
        javafx.scene.control.Label leave = new javafx.scene.control.Label("Presentation mode: F5 or Esc leaves it");
        leave.setId("status-presentation");
        leave.visibleProperty().bind(vm.presentationProperty());
        leave.managedProperty().bind(leave.visibleProperty());
        bar.getLeftItems().add(leave);
        bar.getRightItems().addAll(device, cancel);
        vm.tasks().currentProperty().addListener((o, old, task) -> {
            follow(bar, cancel, task);
            device.setText(vm.deviceLine()); // a GPU that turned out unusable says so after the first run
        });
        cancel.setDisable(true);
        return bar;
    }

    private static void follow(StatusBar bar, Button cancel, Task<?> task) {
        bar.textProperty().unbind();
        bar.progressProperty().unbind();
        if (task == null) {
            return;
        }
        bar.textProperty().bind(Bindings.createStringBinding(() -> switch (task.getState()) {
            case SUCCEEDED -> "Ready";
            case CANCELLED -> "Cancelled";
            case FAILED -> "Failed: " + task.getTitle();
            default -> task.getMessage();
        }, task.stateProperty(), task.messageProperty()));
        bar.progressProperty().bind(Bindings.when(task.runningProperty()).then(task.progressProperty()).otherwise(0.0));
        cancel.disableProperty().bind(task.runningProperty().not());
    }
}
