package org.shiftscope.ui.adapt;

import static org.shiftscope.ui.common.ViewControls.textColumn;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;
import org.shiftscope.workflow.adapt.AdaptationRunner;
import org.shiftscope.adaptation.method.MethodInfo;
import org.shiftscope.workflow.adapt.RunStore;

/**
 * The Adapt view: launch an adaptation run (method, label, group, seed, epochs; progress and cancel in the status
 * bar), see the target metrics before and after with their 95 % intervals and deltas, per group, with the
 * reliability diagrams and a warning wherever the run made things worse; the run history lists every stored run:
 * select one to see it again, two to compare them.
 */
public final class AdaptView {

    private final AdaptViewModel vm;
    private final BorderPane root = new BorderPane();

    public AdaptView(AdaptViewModel vm) {
        this.vm = vm;
        root.setId("adapt-view");
        root.setTop(form());
        root.setCenter(body());
        vm.refreshRuns();
    }

    public Parent root() {
        return root;
    }

    private Node form() {
        ChoiceBox<MethodInfo> method = new ChoiceBox<>();
        method.setId("adapt-method");
        method.getItems().setAll(AdaptationRunner.methods());
        method.setConverter(ViewControls.converter(MethodInfo::label));
        method.valueProperty().bindBidirectional(vm.methodProperty());
        ChoiceBox<String> label = new ChoiceBox<>();
        label.setId("adapt-label");
        label.valueProperty().bindBidirectional(vm.labelProperty());
        ChoiceBox<String> group = new ChoiceBox<>();
        group.setId("adapt-group");
        group.valueProperty().bindBidirectional(vm.groupProperty());
        Runnable columns = () -> columns(vm.dataProperty().get(), vm.slices(), label, group);
        vm.dataProperty().addListener((o, a, d) -> columns.run());
        vm.slices().addListener((javafx.collections.ListChangeListener<Object>) c -> columns.run());
        columns.run();
        Spinner<Integer> seed = new Spinner<>(0, 1_000_000, vm.seedProperty().get());
        seed.setPrefWidth(110);
        seed.setEditable(true);
        seed.setId("adapt-seed");
        seed.valueProperty().addListener((o, a, b) -> vm.seedProperty().set(b));
        Spinner<Integer> epochs = new Spinner<>(1, 200, vm.epochsProperty().get());
        epochs.setPrefWidth(90);
        epochs.setEditable(true);
        epochs.setId("adapt-epochs");
        epochs.valueProperty().addListener((o, a, b) -> vm.epochsProperty().set(b));
        javafx.scene.control.Slider alpha = new javafx.scene.control.Slider(0, 1, vm.alphaProperty().get());
        alpha.setId("adapt-alpha");
        alpha.setMajorTickUnit(0.25);
        alpha.setBlockIncrement(0.05);
        alpha.setShowTickMarks(true);
        alpha.setPrefWidth(140);
        alpha.valueProperty().bindBidirectional(vm.alphaProperty());
        Label alphaValue = new Label();
        alphaValue.textProperty().bind(vm.alphaProperty().asString(Locale.ROOT, "alpha %.2f"));
        alpha.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.methodProperty().get() == null || !vm.methodProperty().get().usesAlpha(), vm.methodProperty()));
        alphaValue.disableProperty().bind(alpha.disableProperty());
        javafx.scene.control.TextField model = new javafx.scene.control.TextField();
        model.setId("adapt-model");
        model.setPromptText("built-in classifier (or your ONNX / TorchScript file)");
        model.setPrefColumnCount(26);
        model.textProperty().bindBidirectional(vm.modelFileProperty());
        Button browse = new Button("Model…");
        browse.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Open a classifier");
            chooser.getExtensionFilters().addAll(
                    new javafx.stage.FileChooser.ExtensionFilter("Models", "*.onnx", "*.pt", "*.pth", "*.torchscript"),
                    new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
            java.io.File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                vm.modelFileProperty().set(f.getPath());
            }
        });
        Spinner<Integer> output = new Spinner<>(0, 64, vm.modelOutputProperty().get());
        output.setPrefWidth(80);
        output.valueProperty().addListener((o, a, b) -> vm.modelOutputProperty().set(b));
        javafx.scene.control.TextField inputs = new javafx.scene.control.TextField();
        inputs.setId("adapt-model-inputs");
        inputs.setPromptText("every numeric column");
        inputs.textProperty().bindBidirectional(vm.modelInputsProperty());
        Spinner<Integer> features = new Spinner<>(-1, 64, vm.modelFeaturesProperty().get());
        features.setId("adapt-model-features");
        features.setPrefWidth(80);
        features.setTooltip(new javafx.scene.control.Tooltip("The output holding your classifier's embedding (-1:"
                + " none); LAME's neighbours and the clusters use it"));
        features.valueProperty().addListener((o, a, b) -> vm.modelFeaturesProperty().set(b));
        ChoiceBox<org.shiftscope.core.ImagePreprocessing> images = new ChoiceBox<>();
        images.setId("adapt-preprocess");
        images.getItems().setAll(org.shiftscope.core.ImagePreprocessing.NONE,
                org.shiftscope.core.ImagePreprocessing.IMAGENET);
        vm.preprocessProperty().addListener((o, a, p) -> {
            if (p != null && !images.getItems().contains(p)) {
                images.getItems().add(p);
            }
        });
        images.setConverter(ViewControls.converter(p -> switch (p.name()) {
            case "none" -> "images as they are";
            case "imagenet" -> "ImageNet preprocessing";
            default -> "custom preprocessing";
        }));
        images.valueProperty().bindBidirectional(vm.preprocessProperty());
        for (Node n : List.of(output, inputs, features, images)) {
            n.disableProperty().bind(vm.modelFileProperty().isEmpty());
        }
        Button run = new Button("Run");
        run.setId("adapt-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> vm.run());
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(12, 6, pair("Method", method),
                pair("Label", label), pair("Group", group), pair("Seed", seed), pair("Epochs", epochs),
                new HBox(6, alphaValue, alpha), run);
        ChoiceBox<org.shiftscope.workflow.adapt.AdaptRequest.Classifier> builtIn = new ChoiceBox<>();
        builtIn.setId("adapt-classifier");
        builtIn.getItems().setAll(org.shiftscope.workflow.adapt.AdaptRequest.Classifier.values());
        builtIn.setConverter(ViewControls.converter(c -> switch (c) {
            case MLP -> "built-in network (MLP / CNN)";
            case GBT -> "built-in gradient-boosted trees (tables)";
        }));
        builtIn.valueProperty().bindBidirectional(vm.classifierProperty());
        builtIn.disableProperty().bind(vm.modelFileProperty().isNotEmpty());
        javafx.scene.layout.FlowPane modelBar = new javafx.scene.layout.FlowPane(12, 6, pair("Classifier", builtIn),
                pair("or your model", model), browse, pair("output", output), pair("features", features),
                pair("inputs", inputs), images);
        // the bars wrap on a narrow window (a label stays with its control) instead of squeezing controls to nothing
        for (javafx.scene.layout.FlowPane b : List.of(bar, modelBar)) {
            b.setAlignment(Pos.CENTER_LEFT);
        }
        for (javafx.scene.control.Control c : List.of(seed, epochs, output, features, run, browse, method, builtIn)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        seed.setTooltip(new javafx.scene.control.Tooltip("Seed of the training-set split, the network's start and"
                + " the bootstrap: the same seed gives the same run"));
        epochs.setTooltip(new javafx.scene.control.Tooltip("Passes over the training rows (built-in network and the"
                + " methods that train)"));
        alpha.setTooltip(new javafx.scene.control.Tooltip("How far the method moves from the original model"
                + " (alpha-BN, WiSE-FT): 0 keeps it, 1 takes the adapted one"));
        output.setTooltip(new javafx.scene.control.Tooltip("Which output of your model holds the class scores"));
        inputs.setTooltip(new javafx.scene.control.Tooltip("The columns your model reads, in order (empty: every"
                + " numeric column)"));
        builtIn.setTooltip(new javafx.scene.control.Tooltip("The classifier trained on the reference when you give no"
                + " model of your own"));
        method.setTooltip(new javafx.scene.control.Tooltip("The adaptation method; its summary after a run says what"
                + " it changed"));
        Label summary = ViewControls.summary("adapt-summary", vm.summaryProperty());
        summary.setTooltip(new javafx.scene.control.Tooltip("ATC and CBPE estimate the classifier's accuracy on the"
                + " target without its labels: ATC (average thresholded confidence) counts target predictions above"
                + " the confidence threshold that matches the held-out accuracy; CBPE (confidence-based performance"
                + " estimation) averages the calibrated confidences. Compare them with the measured accuracy when the"
                + " target has labels."));
        Label warning = new Label();
        warning.setId("adapt-warning");
        warning.getStyleClass().add(Styles.VERDICT_DRIFT);
        warning.setWrapText(true);
        warning.textProperty().bind(vm.warningProperty());
        warning.visibleProperty().bind(vm.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        Label problem = ViewControls.problem("adapt-problem", vm.problemProperty());
        Label hint = new Label("The built-in classifier trains on 70 % of the labelled reference rows; the methods use"
                + " the other 30 % and the unlabelled target (your own model: every reference row is held out, and"
                + " only BBSE, BBSE-soft and MLLS apply). Target labels only score the result.");
        hint.setWrapText(true);
        VBox box = new VBox(8, bar, modelBar, hint, summary, warning, problem);
        box.getStyleClass().add(Styles.FORM);
        box.setPadding(new Insets(12));
        return box;
    }

    /** The split's columns; groups also the saved slices. */
    private static void columns(org.shiftscope.workflow.data.DataResult d,
                                List<org.shiftscope.workflow.slice.Slice> slices, ChoiceBox<String> label,
                                ChoiceBox<String> group) {
        List<String> names = d == null ? List.of() : d.split().reference().columnNames();
        String was = group.getValue();
        label.getItems().setAll(names);
        group.getItems().setAll(names);
        group.getItems().addAll(org.shiftscope.workflow.slice.Slices.columns(slices));
        group.getItems().add(0, "");
        if (was != null && group.getItems().contains(was)) {
            group.setValue(was);
        }
    }

    private Node body() {
        TableView<AdaptViewModel.Row> metrics = new TableView<>(vm.rows());
        metrics.setId("adapt-metrics");
        TableColumn<AdaptViewModel.Row, String> name = textColumn("target metric", AdaptViewModel.Row::metric);
        TableColumn<AdaptViewModel.Row, String> first = textColumn("before", AdaptViewModel.Row::first);
        first.textProperty().bind(vm.firstTitleProperty());
        TableColumn<AdaptViewModel.Row, String> second = textColumn("after", AdaptViewModel.Row::second);
        second.textProperty().bind(vm.secondTitleProperty());
        TableColumn<AdaptViewModel.Row, AdaptViewModel.Row> delta = new TableColumn<>("delta");
        delta.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue()));
        delta.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(AdaptViewModel.Row r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().remove(Styles.VERDICT_DRIFT);
                setText(empty || r == null ? null : String.format(Locale.ROOT, "%+.4f%s", r.delta(),
                        r.worse() ? "  worse" : ""));
                if (!empty && r != null && r.worse()) {
                    getStyleClass().add(Styles.VERDICT_DRIFT);
                }
            }
        });
        metrics.getColumns().setAll(List.of(name, first, second, delta));
        metrics.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        metrics.setPlaceholder(new Label("Run a method, or select a stored run."));

        NumberAxis x = new NumberAxis(0, 1, 0.1);
        x.setLabel("confidence");
        NumberAxis y = new NumberAxis(0, 1, 0.1);
        y.setLabel("accuracy");
        LineChart<Number, Number> reliability = new LineChart<>(x, y);
        reliability.setId("adapt-reliability");
        reliability.setTitle("Reliability (target)");
        reliability.setAnimated(false);
        vm.curves().addListener((ListChangeListener<AdaptViewModel.Curve>) c -> draw(reliability));
        NumberAxis step = new NumberAxis();
        step.setLabel("step");
        NumberAxis value = new NumberAxis();
        value.setLabel("loss");
        value.setForceZeroInRange(false);
        LineChart<Number, Number> lossChart = new LineChart<>(step, value);
        lossChart.setId("adapt-loss");
        lossChart.titleProperty().bind(vm.lossTitleProperty());
        lossChart.setAnimated(false);
        lossChart.setCreateSymbols(false);
        lossChart.setLegendVisible(false);
        lossChart.setPrefHeight(180);
        lossChart.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.loss()));
        lossChart.managedProperty().bind(lossChart.visibleProperty());
        vm.loss().addListener((ListChangeListener<Double>) c -> {
            // at most about 600 points: every step of a short run, an evenly spaced subset of a long one
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            int every = Math.max(1, (vm.loss().size() + 599) / 600);
            for (int i = 0; i < vm.loss().size(); i += every) {
                s.getData().add(new XYChart.Data<>(i + 1, vm.loss().get(i)));
            }
            lossChart.getData().setAll(List.of(s));
        });

        TableView<RunStore.Run> runs = new TableView<>(vm.runs());
        runs.setId("adapt-runs");
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.getColumns().setAll(List.of(
                textColumn("run", RunStore.Run::id),
                textColumn("method", RunStore.Run::method),
                textColumn("status", RunStore.Run::status),
                textColumn("started", RunStore.Run::started),
                textColumn("accuracy before → after", r -> r.result() == null ? ""
                        : r.result().accuracyChange(" → "))));
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runs.setPlaceholder(new Label("No stored runs yet."));
        runs.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunStore.Run>) c ->
                vm.select(List.copyOf(runs.getSelectionModel().getSelectedItems())));
        // the tables and the reliability chart arrive a frame each (FrameFeed)
        VBox.setVgrow(metrics, Priority.ALWAYS);
        VBox.setVgrow(runs, Priority.ALWAYS);
        VBox left = new VBox(6, FrameFeed.later(metrics), FrameFeed.later(reliability), lossChart);
        VBox right = new VBox(6, new Label("Run history (select one to see it, two to compare)"),
                FrameFeed.later(runs));
        left.setPadding(new Insets(8));
        right.setPadding(new Insets(8));
        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.6);
        return split;
    }

    private void draw(LineChart<Number, Number> chart) {
        chart.getData().clear();
        XYChart.Series<Number, Number> diagonal = new XYChart.Series<>();
        diagonal.setName("perfect calibration");
        diagonal.getData().add(new XYChart.Data<>(0, 0));
        diagonal.getData().add(new XYChart.Data<>(1, 1));
        chart.getData().add(diagonal);
        for (AdaptViewModel.Curve c : vm.curves()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(c.name());
            for (int b = 0; b < c.confidence().length; b++) {
                s.getData().add(new XYChart.Data<>(c.confidence()[b], c.accuracy()[b]));
            }
            chart.getData().add(s);
        }
    }

    /** A label and its control, kept on one line when the form wraps. */
    private static HBox pair(String text, Node control) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox box = new HBox(6, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
