package org.shiftscope.ui;

import org.shiftscope.ui.common.DialogService;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.shiftscope.core.DataException;

/** Shows errors in a modal alert owned by the main window; safe to call from any thread. */
public final class FxDialogService implements DialogService {

    private final Window owner;
    private final javafx.application.HostServices host;

    public FxDialogService(Window owner) {
        this(owner, null);
    }

    /** With the application's host services, {@link #openFolder} opens folders in the file manager. */
    public FxDialogService(Window owner, javafx.application.HostServices host) {
        this.owner = owner;
        this.host = host;
    }

    @Override
    public void openFolder(java.nio.file.Path folder) {
        if (host == null) {
            showInfo("ShiftScope", folder.toString());
            return;
        }
        host.showDocument(folder.toUri().toString());
    }

    @Override
    public Unsaved confirmUnsaved(String project) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle("ShiftScope");
        alert.setHeaderText("Save the changes to " + project + "?");
        alert.setContentText("The project's settings changed since it was saved.");
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType("Save",
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Don't save",
                javafx.scene.control.ButtonBar.ButtonData.NO);
        alert.getButtonTypes().setAll(save, discard, javafx.scene.control.ButtonType.CANCEL);
        javafx.scene.control.ButtonType answer = alert.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        return answer == save ? Unsaved.SAVE : answer == discard ? Unsaved.DISCARD : Unsaved.CANCEL;
    }

    @Override
    public void showInfo(String title, String text) {
        show(Alert.AlertType.INFORMATION, title, text);
    }

    /** A dialog with a heading and a wrapped text. */
    private void show(Alert.AlertType type, String title, String text) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle("ShiftScope");
        alert.setHeaderText(title);
        Label body = new Label(text);
        body.setWrapText(true);
        body.setMaxWidth(560);
        alert.getDialogPane().setContent(body);
        alert.show();
    }

    @Override
    public void showError(String title, Throwable problem) {
        if (!(problem instanceof DataException) && !(problem.getCause() instanceof DataException)) {
            // the user sees one sentence; the trace goes to the log the sentence points to
            java.nio.file.Path log = org.shiftscope.workflow.ErrorLog.write("the desktop app: " + title, problem);
            if (log == null) {
                problem.printStackTrace();
            }
        }
        String text = DialogService.userMessage(problem);
        Runnable show = () -> show(Alert.AlertType.ERROR, title, text);
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }
}
