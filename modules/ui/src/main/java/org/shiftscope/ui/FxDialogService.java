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

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, Throwable problem) {
        if (!(problem instanceof DataException) && !(problem.getCause() instanceof DataException)) {
            System.err.println("ShiftScope: unexpected error in " + title);
            problem.printStackTrace();
        }
        String text = DialogService.userMessage(problem);
        Runnable show = () -> {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.initOwner(owner);
            alert.setTitle("ShiftScope");
            alert.setHeaderText(title);
            Label body = new Label(text);
            body.setWrapText(true);
            body.setMaxWidth(560);
            alert.getDialogPane().setContent(body);
            alert.show();
        };
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }
}
