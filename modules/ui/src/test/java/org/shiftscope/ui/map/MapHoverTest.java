package org.shiftscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.shiftscope.ui.WindowTesting;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Hovering a point of the map shows its image (read in the background) and its row. */
class MapHoverTest extends WindowTesting {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void hoveringAnImagePointShowsItsThumbnailAndRow(FxRobot robot) throws Exception {
        // the spurious-colour demo: coloured images with a label
        robot.interact(() -> {
            vm.data().demoScenarioProperty().set("spurious-colour");
            vm.data().apply();
        });
        waitFor(robot, "#row-counts", "Reference:");
        robot.clickOn("#nav-map");
        waitFor(robot, "#map-summary", "clusters");
        WaitForAsyncUtils.waitForFxEvents();
        MapCanvas canvas = robot.lookup("#map-canvas").queryAs(MapCanvas.class);
        double[] at = canvas.screenOf(0);
        javafx.geometry.Point2D screen = canvas.localToScreen(at[0], at[1]);
        robot.moveTo(screen);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#map-hover-image")
                .queryAs(StackPane.class).getChildren().stream().anyMatch(n -> n instanceof ImageView));
        String text = robot.lookup("#map-hover-text").queryAs(javafx.scene.control.Label.class).getText();
        assertThat(text).matches("(?s)(reference|target) row \\d+ · cluster .*label = .*");
        // leaving the map hides the card
        robot.moveTo("#map-clusters");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#map-hover").query().isVisible());
        assertThat(errors).isEmpty();
    }
}
