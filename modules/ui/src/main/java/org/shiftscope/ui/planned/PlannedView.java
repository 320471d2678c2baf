package org.shiftscope.ui.planned;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.shiftscope.ui.Styles;
import org.shiftscope.ui.ViewId;

/** A view whose feature has not landed: says what it will show, and shows nothing made up. */
public final class PlannedView {

    private PlannedView() {
    }

    public static Parent build(ViewId view) {
        Label title = new Label(view.title());
        title.getStyleClass().add(Styles.TITLE);
        Label status = new Label("Not available yet in this version.");
        status.getStyleClass().add(Styles.SUBTITLE);
        Label plan = new Label(view.plan());
        plan.setWrapText(true);
        plan.setMaxWidth(720);
        plan.getStyleClass().add(Styles.PLAN);
        VBox box = new VBox(12, title, status, plan);
        box.setPadding(new Insets(24));
        box.setId("planned-" + view.id());
        return box;
    }
}
