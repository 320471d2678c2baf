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

/** The pointer on the map: hovering a point shows its image and row; a lasso selects what it encloses. */
class MapPointerTest extends WindowTesting {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** The Map view on the spurious-colour demo: coloured images with a label. */
    private void openImageMap(FxRobot robot) {
        robot.interact(() -> {
            vm.data().demoScenarioProperty().set("spurious-colour");
            vm.data().apply();
        });
        waitFor(robot, "#row-counts", "Reference:");
        robot.clickOn("#nav-map");
        waitFor(robot, "#map-summary", "clusters");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void hoveringAnImagePointShowsItsThumbnailAndRow(FxRobot robot) throws Exception {
        openImageMap(robot);
        MapCanvas canvas = robot.lookup("#map-canvas").queryAs(MapCanvas.class);
        double[] at = canvas.screenOf(0);
        javafx.geometry.Point2D screen = canvas.localToScreen(at[0], at[1]);
        robot.moveTo(screen);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> robot
                .lookup("#map-hover-image").queryAs(StackPane.class).getChildren().stream()
                .anyMatch(n -> n instanceof ImageView)).get()); // read on the FX thread, which changes them
        String text = robot.lookup("#map-hover-text").queryAs(javafx.scene.control.Label.class).getText();
        assertThat(text).matches("(?s)(reference|target) row \\d+ · cluster .*label = .*");
        // leaving the map hides the card
        robot.moveTo("#map-clusters");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#map-hover").query().isVisible());
        assertThat(errors).isEmpty();
    }

    /** The demo project's map, computed and shown; its canvas. */
    private static MapCanvas openDemoMap(FxRobot robot) {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        robot.clickOn("#nav-map");
        waitFor(robot, "#map-summary", "8 clusters");
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#map-canvas").queryAs(MapCanvas.class);
    }

    @Test
    void theKeyboardPansZoomsAndResetsTheMap(FxRobot robot) throws Exception {
        MapCanvas canvas = openDemoMap(robot);
        robot.interact(canvas::requestFocus);
        assertThat(canvas.isFocused()).isTrue();
        double[] at = canvas.screenOf(0);
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        assertThat(canvas.screenOf(0)[0]).isCloseTo(at[0] - 40, org.assertj.core.api.Assertions.within(1e-9));
        robot.type(javafx.scene.input.KeyCode.DOWN);
        assertThat(canvas.screenOf(0)[1]).isCloseTo(at[1] - 40, org.assertj.core.api.Assertions.within(1e-9));
        robot.type(javafx.scene.input.KeyCode.DIGIT0);
        assertThat(canvas.screenOf(0)).containsExactly(at);
        // + zooms by 1.25 about the centre: the point's distance from it grows by that factor
        double cx = canvas.getWidth() / 2;
        double cy = canvas.getHeight() / 2;
        robot.type(javafx.scene.input.KeyCode.ADD);
        double[] zoomed = canvas.screenOf(0);
        assertThat(zoomed[0] - cx).isCloseTo(1.25 * (at[0] - cx), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(zoomed[1] - cy).isCloseTo(1.25 * (at[1] - cy), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aLassoSelectsThePointsInsideItsPath(FxRobot robot) throws Exception {
        MapCanvas canvas = openDemoMap(robot);
        robot.clickOn("#map-lasso");
        // a triangle 60 pixels wide around the first point
        double[] c = canvas.screenOf(0);
        double[][] v = {{c[0] - 30, c[1] + 20}, {c[0] + 30, c[1] + 20}, {c[0], c[1] - 30}};
        robot.moveTo(canvas.localToScreen(v[0][0], v[0][1]));
        robot.press(javafx.scene.input.MouseButton.PRIMARY);
        robot.moveTo(canvas.localToScreen(v[1][0], v[1][1]));
        robot.moveTo(canvas.localToScreen(v[2][0], v[2][1]));
        robot.moveTo(canvas.localToScreen(v[0][0] + 1, v[0][1]));
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int[] selected = vm.map().selectionProperty().get();
        // the reference: every shown point whose position is inside the triangle by barycentric coordinates
        java.util.List<Integer> expected = new java.util.ArrayList<>();
        int n = vm.map().resultProperty().get().referenceCluster().length
                + vm.map().resultProperty().get().targetCluster().length;
        for (int i = 0; i < n; i++) {
            double[] p = canvas.screenOf(i);
            double d = (v[1][1] - v[2][1]) * (v[0][0] - v[2][0]) + (v[2][0] - v[1][0]) * (v[0][1] - v[2][1]);
            double a = ((v[1][1] - v[2][1]) * (p[0] - v[2][0]) + (v[2][0] - v[1][0]) * (p[1] - v[2][1])) / d;
            double b = ((v[2][1] - v[0][1]) * (p[0] - v[2][0]) + (v[0][0] - v[2][0]) * (p[1] - v[2][1])) / d;
            // a margin of half a pixel: the drag's path runs through whole pixels
            if (a > 0.02 && b > 0.02 && 1 - a - b > 0.02) {
                expected.add(i);
            }
        }
        assertThat(expected).contains(0);
        assertThat(java.util.Arrays.stream(selected).boxed().toList()).containsAll(expected);
        assertThat(selected.length).isLessThan(n / 2);
        assertThat(errors).isEmpty();
    }

    @Test
    void selectingAClusterFillsAPagedGalleryOfBothSides(FxRobot robot) throws Exception {
        openImageMap(robot);
        javafx.scene.control.TableView<org.shiftscope.analysis.Subpopulations.Cluster> table =
                robot.lookup("#subpopulation-table").queryAs(javafx.scene.control.TableView.class);
        org.shiftscope.analysis.Subpopulations.Cluster biggest = table.getItems().stream()
                .max(java.util.Comparator.comparingInt(c -> c.nReference() + c.nTarget())).orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(biggest));
        int count = biggest.nReference() + biggest.nTarget();
        waitFor(robot, "#map-selection-summary", String.format(java.util.Locale.ROOT, "%,d points selected: %,d"
                + " reference, %,d target", count, biggest.nReference(), biggest.nTarget()));
        int pages = (Math.max(biggest.nReference(), biggest.nTarget()) + Gallery.PER_PAGE - 1) / Gallery.PER_PAGE;
        waitFor(robot, "#map-gallery-page", "page 1 of " + pages);
        javafx.scene.layout.FlowPane ref = robot.lookup("#map-thumbnails").queryAs(javafx.scene.layout.FlowPane.class);
        javafx.scene.layout.FlowPane tgt = robot.lookup("#map-target-thumbnails")
                .queryAs(javafx.scene.layout.FlowPane.class);
        assertThat(ref.getChildren()).hasSize(Math.min(Gallery.PER_PAGE, biggest.nReference()));
        assertThat(tgt.getChildren()).hasSize(Math.min(Gallery.PER_PAGE, biggest.nTarget()));
        if (pages > 1) {
            robot.interact(() -> robot.lookup("#map-gallery-next").queryButton().fire());
            waitFor(robot, "#map-gallery-page", "page 2 of " + pages);
        }
        // the built-in encoder's map coloured by whether it was right: a legend of right / wrong / unlabelled, and
        // as many right points as the per-cluster accuracies count
        robot.interact(() -> {
            vm.map().sourceProperty().set(org.shiftscope.workflow.map.MapSettings.Source.ENCODER);
            vm.map().labelProperty().set("label");
        });
        waitFor(robot, "#map-summary", "built-in encoder learning label");
        robot.interact(() -> vm.map().colourByProperty().set(MapViewModel.ColourBy.CORRECT));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.HBox legend = robot.lookup("#map-legend").queryAs(javafx.scene.layout.HBox.class);
        assertThat(legend.getChildren().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList())
                .containsExactly("right", "wrong", "unlabelled");
        org.shiftscope.analysis.Subpopulations.Correct c = vm.map().resultProperty().get().correct();
        long right = 0;
        for (byte b : c.target()) {
            right += b == org.shiftscope.analysis.Subpopulations.Correct.RIGHT ? 1 : 0;
        }
        long fromTable = vm.map().resultProperty().get().table().clusters().stream()
                .mapToLong(x -> x.targetAccuracy().correct()).sum();
        assertThat(right).isEqualTo(fromTable);
        // coloured by predicted class: the legend lists the classes; a point is right exactly when its predicted
        // class is its label
        robot.interact(() -> vm.map().colourByProperty().set(MapViewModel.ColourBy.PREDICTION));
        WaitForAsyncUtils.waitForFxEvents();
        org.shiftscope.workflow.map.Predictions p = vm.map().resultProperty().get().predictions();
        assertThat(legend.getChildren().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList())
                .containsExactlyElementsOf(new java.util.TreeSet<>(p.classes()));
        org.shiftscope.core.Column labels = vm.map().mappedSplitProperty().get().target().requireColumn("label");
        int nr = p.reference().length;
        for (int i = 0; i < p.target().length; i++) {
            assertThat(p.predictedName(nr + i).equals(labels.text(i)))
                    .isEqualTo(c.target()[i] == org.shiftscope.analysis.Subpopulations.Correct.RIGHT);
            assertThat(p.confidence(nr + i)).isBetween(1.0 / p.classes().size(), 1.0);
        }
        // coloured by confidence: five bands
        robot.interact(() -> vm.map().colourByProperty().set(MapViewModel.ColourBy.CONFIDENCE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(legend.getChildren()).hasSize(PointCategories.CONFIDENCE_BANDS.length + 1);
        // selecting a cluster gives its accuracy, as the subpopulation table's row has it
        org.shiftscope.analysis.Subpopulations.Cluster first = table.getItems().get(0);
        robot.interact(() -> table.getSelectionModel().select(first));
        WaitForAsyncUtils.waitForFxEvents();
        org.shiftscope.analysis.Subpopulations.Cluster row = table.getItems().stream()
                .filter(x -> x.id() == first.id()).findFirst().orElseThrow();
        if (row.targetAccuracy().labelled() > 0) {
            waitFor(robot, "#map-selection-summary", String.format(java.util.Locale.ROOT,
                    "target accuracy %.3f [%.3f, %.3f] (%,d labelled)", row.targetAccuracy().value(),
                    row.targetAccuracy().low(), row.targetAccuracy().high(), row.targetAccuracy().labelled()));
        }
        assertThat(errors).isEmpty();
    }
}
