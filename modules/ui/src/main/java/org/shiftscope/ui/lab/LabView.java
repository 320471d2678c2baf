package org.shiftscope.ui.lab;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;
import org.shiftscope.ui.explain.PlaneCanvas;
import org.shiftscope.workflow.lab.LabAnalysis;

/**
 * The Lab view: pick a built-in shift and dial its intensity; the map, the detection verdict, the PercentExplained
 * curve and the classifier's accuracy (overall and worst group, against intensity) follow the slider.
 */
public final class LabView {

    private final LabViewModel vm;
    private final BorderPane root = new BorderPane();

    public LabView(LabViewModel vm) {
        this.vm = vm;
        root.setId("lab-view");
        root.setTop(controls());
        root.setCenter(panels());
    }

    public Parent root() {
        return root;
    }

    private Node controls() {
        ChoiceBox<String> scenario = new ChoiceBox<>();
        scenario.setId("lab-scenario");
        scenario.getItems().setAll(LabViewModel.scenarios());
        scenario.valueProperty().bindBidirectional(vm.scenarioProperty());
        Slider intensity = new Slider(0, 1, vm.intensityProperty().get());
        intensity.setId("lab-intensity");
        intensity.setMajorTickUnit(0.25);
        intensity.setMinorTickCount(4);
        intensity.setShowTickMarks(true);
        intensity.setShowTickLabels(true);
        intensity.setBlockIncrement(0.05);
        intensity.setPrefWidth(360);
        intensity.valueProperty().bindBidirectional(vm.intensityProperty());
        Label value = new Label();
        value.textProperty().bind(vm.intensityProperty().asString(Locale.ROOT, "intensity %.2f"));
        javafx.scene.control.Button export = new javafx.scene.control.Button("Export…");
        export.setId("lab-export");
        export.setOnAction(e -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("Write the scenario's files and project into a folder");
            java.io.File dir = chooser.showDialog(root.getScene().getWindow());
            if (dir != null) {
                vm.export(dir.toPath());
            }
        });
        HBox bar = new HBox(12, new Label("Shift"), scenario, value, intensity, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label description = new Label();
        description.setId("lab-description");
        description.setWrapText(true);
        description.textProperty().bind(vm.descriptionProperty());
        VBox box = new VBox(8, bar, description, ViewControls.summary("lab-exported", vm.exportedProperty()),
                ViewControls.problem("lab-problem", vm.problemProperty()));
        box.getStyleClass().add(Styles.FORM);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node panels() {
        PlaneCanvas map = new PlaneCanvas();
        map.setId("lab-map");
        // the axes reach a little past their last tick, so a curve at 100 % (or an accuracy of 1) is not cut off
        LineChart<Number, Number> curve = new LineChart<>(new NumberAxis(1, LabAnalysis.KMAX, 1),
                headroom(new NumberAxis(0, 108, 20), 20));
        curve.setId("lab-percent");
        javafx.scene.control.Tooltip.install(curve, new javafx.scene.control.Tooltip("PercentExplained: how much of"
                + " the squared transport distance W2^2 between reference and target a map that moves k clusters"
                + " rigidly accounts for (100 % = the k-cluster map explains the whole shift)"));
        curve.setTitle("PercentExplained by a k-cluster map");
        curve.setAnimated(false);
        curve.setLegendVisible(false);
        LineChart<Number, Number> accuracy = new LineChart<>(new NumberAxis(0, 1, 0.25),
                headroom(new NumberAxis(0, 1.08, 0.25), 0.25));
        accuracy.setId("lab-accuracy-curve");
        accuracy.setTitle("Accuracy against intensity");
        accuracy.setAnimated(false);
        Label verdict = new Label();
        verdict.setId("lab-verdict");
        verdict.getStyleClass().add(Styles.BIG_NUMBER);
        verdict.setWrapText(true);
        verdict.textProperty().bind(vm.verdictProperty());
        Label acc = new Label();
        acc.setId("lab-accuracy");
        acc.getStyleClass().add(Styles.BIG_NUMBER);
        acc.setWrapText(true);
        acc.textProperty().bind(vm.accuracyProperty());
        for (Label l : List.of(verdict, acc)) {
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        // the canvas and the two charts arrive a frame each (FrameFeed)
        VBox.setVgrow(accuracy, Priority.ALWAYS);
        VBox numbers = new VBox(16, verdict, acc, FrameFeed.later(accuracy));
        java.util.function.Consumer<LabAnalysis.Frame> draw = f -> {
            if (f == null) {
                return;
            }
            verdict.getStyleClass().removeAll(Styles.VERDICT_DRIFT, Styles.VERDICT_NONE);
            verdict.getStyleClass().add(f.shiftDetected() ? Styles.VERDICT_DRIFT : Styles.VERDICT_NONE);
            map.setAxisNames(f.features().get(0), f.features().get(Math.min(1, f.features().size() - 1)));
            map.show(f.reference(), f.target(), List.of());
            XYChart.Series<Number, Number> pe = new XYChart.Series<>();
            for (int k = 0; k < f.curve().length; k++) {
                pe.getData().add(new XYChart.Data<>(k + 1, Double.isNaN(f.curve()[k]) ? 0 : f.curve()[k]));
            }
            curve.getData().setAll(List.of(pe));
        };
        vm.frameProperty().addListener((o, a, f) -> draw.accept(f));
        draw.accept(vm.frameProperty().get());
        Runnable drawAccuracy = () -> {
            XYChart.Series<Number, Number> overall = new XYChart.Series<>();
            overall.setName("overall");
            XYChart.Series<Number, Number> worst = new XYChart.Series<>();
            worst.setName("worst group");
            for (Map.Entry<Double, double[]> e : vm.accuracyCurve().entrySet()) {
                overall.getData().add(new XYChart.Data<>(e.getKey(), e.getValue()[0]));
                worst.getData().add(new XYChart.Data<>(e.getKey(), e.getValue()[1]));
            }
            accuracy.getData().setAll(List.of(overall, worst));
        };
        vm.accuracyCurve().addListener((javafx.collections.MapChangeListener<Double, double[]>) c -> drawAccuracy.run());
        drawAccuracy.run();
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        grid.setPadding(new Insets(12));
        grid.add(titled("Reference (blue) and target (orange)", FrameFeed.later(map)), 0, 0);
        grid.add(FrameFeed.later(curve), 0, 1);
        grid.add(numbers, 1, 0, 1, 2);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        return grid;
    }

    private static Node titled(String title, Node content) {
        Label l = new Label(title);
        l.getStyleClass().add(Styles.COUNTS);
        VBox box = new VBox(4, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    /** An axis whose bound lies past its last tick: only the ticks (multiples of {@code unit}) are labelled. */
    private static NumberAxis headroom(NumberAxis axis, double unit) {
        axis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number v) {
                double q = v.doubleValue() / unit;
                return Math.abs(q - Math.rint(q)) < 1e-9 ? (unit >= 1 ? String.valueOf(Math.round(v.doubleValue()))
                        : String.valueOf(Math.round(v.doubleValue() * 100) / 100.0)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        return axis;
    }
}
