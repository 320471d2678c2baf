package org.shiftscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** In presentation mode the map tells the sides apart by shape too: a square for the reference, a plus for the target. */
@ExtendWith(ApplicationExtension.class)
class MapMarksTest {

    private MapCanvas canvas;
    private StackPane root;

    @Start
    void start(Stage stage) {
        canvas = new MapCanvas();
        root = new StackPane(canvas);
        stage.setScene(new Scene(root, 300, 300));
        stage.show();
    }

    private boolean inked(PixelReader r, double x, double y) {
        return !r.getColor((int) x, (int) y).equals(Color.WHITE);
    }

    @Test
    void referenceSquaresAndTargetPlusesInPresentationMode(FxRobot robot) {
        int blue = MapCanvas.argb(Color.web("#0072b2"));
        int orange = MapCanvas.argb(Color.web("#e69f00"));
        robot.interact(() -> {
            org.shiftscope.ui.common.Theme.presentingProperty().set(true);
            canvas.setReferenceCount(1);
            canvas.show(new float[] {0, 0, 10, 10}, new int[] {blue, orange}, new boolean[] {true, true}, true);
        });
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = canvas.snapshot(null, null));
        PixelReader r = shot[0].getPixelReader();
        double[] ref = canvas.screenOf(0);
        double[] tgt = canvas.screenOf(1);
        int rx = (int) ref[0];
        int ry = (int) ref[1];
        int tx = (int) tgt[0];
        int ty = (int) tgt[1];
        // the reference's 4 x 4 square has its far corner; the target's plus has arms but no corners
        assertThat(inked(r, rx, ry)).isTrue();
        assertThat(inked(r, rx + 3, ry + 3)).isTrue();
        assertThat(inked(r, tx, ty)).isTrue();
        assertThat(inked(r, tx + 2, ty)).isTrue();
        assertThat(inked(r, tx, ty - 2)).isTrue();
        assertThat(inked(r, tx + 2, ty + 2)).isFalse();
        assertThat(inked(r, tx - 1, ty - 1)).isFalse();
        // outside presentation mode both are the same 2 x 2 mark
        robot.interact(() -> org.shiftscope.ui.common.Theme.presentingProperty().set(false));
        robot.interact(() -> shot[0] = canvas.snapshot(null, null));
        r = shot[0].getPixelReader();
        assertThat(inked(r, rx + 1, ry + 1)).isTrue();
        assertThat(inked(r, rx + 3, ry + 3)).isFalse();
        assertThat(inked(r, tx + 1, ty + 1)).isTrue();
        assertThat(inked(r, tx + 2, ty)).isFalse();
    }
}
