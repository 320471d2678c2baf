package org.shiftscope.ui.map;

import static org.shiftscope.ui.common.ViewControls.textColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.projection.Projector;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;
import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The Map view: reference and target projected together (PCA, t-SNE or UMAP), coloured by
 * side, cluster or the values of a column (a label, a group), with the sortable subpopulation table; selecting a
 * cluster highlights it on the map, and shift-dragging a box lists its rows (and thumbnails of image data).
 */
public final class MapView {

    private static final int GREY = MapCanvas.argb(Color.gray(0.82));

    private final MapViewModel vm;
    private final BorderPane root = new BorderPane();
    private final MapCanvas canvas = new MapCanvas();
    private final TableView<Subpopulations.Cluster> table = new TableView<>();
    private final HBox legend = new HBox(8);

    {
        legend.setId("map-legend");
    }
    private final SelectionPanel selection;

    public MapView(MapViewModel vm) {
        this.vm = vm;
        root.setId("map-view");
        selection = new SelectionPanel(vm);
        canvas.setOnSelect(rows -> vm.selectionProperty().set(rows));
        canvas.setOnHover(vm::hover);
        root.setTop(settings());
        root.setCenter(body());
        vm.resultProperty().addListener((o, a, r) -> show(r));
        vm.colourByProperty().addListener((o, a, b) -> draw(false));
        vm.showReferenceProperty().addListener((o, a, b) -> draw(false));
        vm.showTargetProperty().addListener((o, a, b) -> draw(false));
        vm.highlightedProperty().addListener((o, a, b) -> draw(false));
        vm.colourColumnProperty().addListener((o, a, b) -> draw(false));
        show(vm.resultProperty().get());
    }

    public Parent root() {
        return root;
    }

    private Node settings() {
        Spinner<Integer> k = new Spinner<>(1, 50, vm.clustersProperty().get());
        k.setId("map-clusters");
        k.setPrefWidth(80);
        k.valueProperty().addListener((o, a, b) -> vm.clustersProperty().set(b));
        ChoiceBox<Projector.Method> method = new ChoiceBox<>();
        method.setId("map-method");
        method.getItems().setAll(Projector.Method.values());
        method.setConverter(ViewControls.converter(MapViewModel::label));
        method.valueProperty().bindBidirectional(vm.methodProperty());
        method.setTooltip(new javafx.scene.control.Tooltip("How the points are drawn in 2-D: PCA (linear, exact),"
                + " t-SNE or UMAP (neighbourhoods kept; trustworthiness in the summary says how well)"));
        CheckBox all = new CheckBox("All points");
        all.setId("map-fit-all");
        all.setSelected(vm.fitProperty().get() != 0);
        all.selectedProperty().addListener((o, a, on) -> vm.fitProperty().set(on ? Projector.ALL : 0));
        vm.fitProperty().addListener((o, a, b) -> all.setSelected(b.intValue() != 0));
        all.setTooltip(new javafx.scene.control.Tooltip("Off: t-SNE and UMAP are fitted on a sample (2,500 and 4,000"
                + " points) and the rest placed among their neighbours, a fast preview. On: fitted on every point"
                + " (100,000 points: UMAP about 25 s, t-SNE about 3 minutes on two cores)"));
        ChoiceBox<TransportAnalysis.Standardize> units = new ChoiceBox<>();
        units.setId("map-standardize");
        units.getItems().setAll(TransportAnalysis.Standardize.values());
        units.setConverter(ViewControls.converter(s -> s == TransportAnalysis.Standardize.NONE ? "raw units" : "z-score (pooled)"));
        units.valueProperty().bindBidirectional(vm.standardizeProperty());
        Spinner<Integer> seed = new Spinner<>(0, 1_000_000, vm.seedProperty().get());
        seed.setPrefWidth(100);
        seed.valueProperty().addListener((o, a, b) -> vm.seedProperty().set(b));
        ChoiceBox<MapSettings.Source> source = new ChoiceBox<>();
        source.setId("map-source");
        source.getItems().setAll(MapSettings.Source.values());
        source.setConverter(ViewControls.converter(v -> switch (v) {
            case COLUMNS -> "columns";
            case ENCODER -> "built-in encoder (MLP / CNN for images)";
            case EMBEDDINGS -> "embeddings file (.npy)";
            case MODEL -> "my model (ONNX / TorchScript)";
            case TEXT -> "sentence encoder (MiniLM) on a text column";
        }));
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        javafx.scene.control.TextField file = new javafx.scene.control.TextField();
        file.setId("map-source-file");
        file.setPrefColumnCount(18);
        file.setPromptText(".npy, .onnx / .pt, or a text model folder (empty: MiniLM)");
        file.setText(vm.sourceFileProperty().get());
        file.setOnAction(e -> vm.sourceFileProperty().set(file.getText().strip()));
        vm.sourceFileProperty().addListener((o, a, b) -> {
            if (!file.getText().strip().equals(b)) {
                file.setText(b);
            }
        });
        javafx.scene.control.Button browse = new javafx.scene.control.Button("Browse…");
        browse.setId("map-source-browse");
        browse.setOnAction(e -> {
            if (vm.sourceProperty().get() == MapSettings.Source.TEXT) {
                javafx.stage.DirectoryChooser folder = new javafx.stage.DirectoryChooser();
                folder.setTitle("Hugging Face text model (model.onnx + tokenizer.json)");
                java.io.File f = folder.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
                if (f != null) {
                    vm.sourceFileProperty().set(f.getPath());
                }
                return;
            }
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            boolean npy = vm.sourceProperty().get() == MapSettings.Source.EMBEDDINGS;
            chooser.setTitle(npy ? "Open embeddings" : "Open model");
            chooser.getExtensionFilters().add(npy ? new javafx.stage.FileChooser.ExtensionFilter("NumPy arrays", "*.npy")
                    : new javafx.stage.FileChooser.ExtensionFilter("ONNX or TorchScript", "*.onnx", "*.pt", "*.pth",
                    "*.torchscript"));
            java.io.File f = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
            if (f != null) {
                vm.sourceFileProperty().set(f.getPath());
            }
        });
        for (Node n : List.of(file, browse)) {
            n.disableProperty().bind(vm.sourceProperty().isNotEqualTo(MapSettings.Source.EMBEDDINGS)
                    .and(vm.sourceProperty().isNotEqualTo(MapSettings.Source.MODEL))
                    .and(vm.sourceProperty().isNotEqualTo(MapSettings.Source.TEXT)));
        }
        ChoiceBox<String> label = new ChoiceBox<>();
        label.setId("map-label");
        label.valueProperty().bindBidirectional(vm.labelProperty());
        label.disableProperty().bind(vm.sourceProperty().isNotEqualTo(MapSettings.Source.ENCODER)
                .and(vm.sourceProperty().isNotEqualTo(MapSettings.Source.TEXT)));
        vm.dataProperty().addListener((o, a, d) -> label.getItems().setAll(d == null ? List.of() : d.split().columns()));
        if (vm.dataProperty().get() != null) {
            label.getItems().setAll(vm.dataProperty().get().split().columns());
        }
        ChoiceBox<MapViewModel.ColourBy> colour = new ChoiceBox<>();
        colour.setId("map-colour");
        colour.getItems().setAll(MapViewModel.ColourBy.values());
        colour.setConverter(ViewControls.converter(c -> switch (c) {
            case SIDE -> "side";
            case CLUSTER -> "cluster";
            case COLUMN -> "column";
            case CORRECT -> "right / wrong (built-in encoder)";
            case PREDICTION -> "predicted class (built-in encoder)";
            case CONFIDENCE -> "confidence (built-in encoder)";
        }));
        colour.valueProperty().bindBidirectional(vm.colourByProperty());
        ChoiceBox<String> colourColumn = new ChoiceBox<>();
        colourColumn.setId("map-colour-column");
        colourColumn.valueProperty().bindBidirectional(vm.colourColumnProperty());
        colourColumn.disableProperty().bind(vm.colourByProperty().isNotEqualTo(MapViewModel.ColourBy.COLUMN));
        Runnable colourColumns = () -> {
            List<String> names = new ArrayList<>(vm.dataProperty().get() == null ? List.of()
                    : vm.dataProperty().get().split().reference().columnNames());
            names.addAll(org.shiftscope.workflow.slice.Slices.columns(vm.slices()));
            String was = colourColumn.getValue();
            colourColumn.getItems().setAll(names);
            if (names.contains(was)) {
                colourColumn.setValue(was);
            }
        };
        vm.dataProperty().addListener((o, a, d) -> colourColumns.run());
        vm.slices().addListener((javafx.collections.ListChangeListener<Object>) c -> {
            colourColumns.run();
            draw(false);
        });
        colourColumns.run();
        ChoiceBox<MapAnalysis.Clustering.Method> clustering = new ChoiceBox<>();
        clustering.setId("map-clustering");
        clustering.getItems().setAll(MapAnalysis.Clustering.Method.values());
        clustering.setConverter(ViewControls.converter(MapAnalysis.Clustering.Method::label));
        clustering.valueProperty().bindBidirectional(vm.clusteringProperty());
        k.disableProperty().bind(vm.clusteringProperty().isEqualTo(MapAnalysis.Clustering.Method.DBSCAN));
        javafx.scene.control.TextField eps = new javafx.scene.control.TextField();
        eps.setId("map-eps");
        eps.setPromptText("auto");
        eps.setPrefColumnCount(6);
        eps.setOnAction(e -> {
            String t = eps.getText().strip();
            try {
                vm.epsProperty().set(t.isEmpty() || t.equalsIgnoreCase("auto") ? Double.NaN : Double.parseDouble(t));
                vm.problemProperty().set("");
            } catch (NumberFormatException ex) {
                vm.problemProperty().set("DBSCAN eps '" + t + "' is not a number (leave it empty for auto)");
            }
        });
        Spinner<Integer> minSamples = new Spinner<>(2, 1000, vm.minSamplesProperty().get());
        minSamples.setId("map-min-samples");
        minSamples.setPrefWidth(80);
        minSamples.valueProperty().addListener((o, a, b) -> vm.minSamplesProperty().set(b));
        for (Node n : List.of(eps, minSamples)) {
            n.disableProperty().bind(vm.clusteringProperty().isNotEqualTo(MapAnalysis.Clustering.Method.DBSCAN));
        }
        eps.setTooltip(new javafx.scene.control.Tooltip("DBSCAN's radius: points closer than this are neighbours"
                + " (empty: chosen so that 90 % of the points are core points)"));
        minSamples.setTooltip(new javafx.scene.control.Tooltip("DBSCAN: neighbours (the point included) that make a"
                + " core point; fewer make more, smaller clusters"));
        clustering.setTooltip(new javafx.scene.control.Tooltip("Clusters are found in the full feature space, not in"
                + " the 2-D picture: k-means, a Gaussian mixture (BIC shown) or DBSCAN (density, with noise)"));
        CheckBox ref = new CheckBox("Reference");
        ref.setId("map-show-reference");
        ref.selectedProperty().bindBidirectional(vm.showReferenceProperty());
        CheckBox tgt = new CheckBox("Target");
        tgt.setId("map-show-target");
        tgt.selectedProperty().bindBidirectional(vm.showTargetProperty());
        javafx.scene.layout.Pane bar = row(new Label("Map"), source, file, browse, new Label("Label / text"), label, new Label("Units"), units,
                new Label("Projection"), method, all, new Label("Seed"), seed);
        javafx.scene.layout.Pane grouping = row(new Label("Clustering"), clustering, new Label("clusters"), k, new Label("eps"), eps,
                new Label("min samples"), minSamples);
        javafx.scene.control.ToggleButton lassoButton = new javafx.scene.control.ToggleButton("Lasso");
        lassoButton.setId("map-lasso");
        lassoButton.setTooltip(new javafx.scene.control.Tooltip("Drag around points to select them (off: drag pans,"
                + " shift-drag selects a box)"));
        lassoButton.selectedProperty().addListener((o, a, on) -> canvas.setLassoMode(on));
        javafx.scene.layout.Pane look = row(new Label("Colour by"), colour, colourColumn, ref, tgt, lassoButton, legend);
        javafx.scene.layout.Pane images = preprocessRow();
        Label summary = ViewControls.summary("map-summary", vm.summaryProperty());
        summary.setTooltip(new javafx.scene.control.Tooltip("Trustworthiness: how well the 2-D map keeps each point's"
                + " nearest neighbours (1 = all kept). MMD p: the kernel two-sample test on these points; small means"
                + " the sides differ. Classifier AUC: how well a classifier tells reference from target (0.5 = not at"
                + " all), with its permutation p-value."));
        Label problem = ViewControls.problem("map-problem", vm.problemProperty());
        VBox box = new VBox(8, bar, images, grouping, look, summary, problem);
        box.getStyleClass().add(Styles.FORM);
        box.setPadding(new Insets(12));
        return box;
    }

    /**
     * How images become the user's model's input: as they are, or torchvision's ImageNet convention; a custom
     * preprocessing (from the CLI's options, saved in the project) is kept and shown. Visible for a user's model.
     */
    private javafx.scene.layout.Pane preprocessRow() {
        org.shiftscope.core.ImagePreprocessing custom = vm.preprocessProperty().get();
        ChoiceBox<org.shiftscope.core.ImagePreprocessing> choice = new ChoiceBox<>();
        choice.setId("map-preprocess");
        choice.getItems().setAll(org.shiftscope.core.ImagePreprocessing.NONE,
                org.shiftscope.core.ImagePreprocessing.IMAGENET);
        if (!choice.getItems().contains(custom)) {
            choice.getItems().add(custom);
        }
        choice.setConverter(ViewControls.converter(p -> switch (p.name()) {
            case "none" -> "as they are (0-1, channels first)";
            case "imagenet" -> "ImageNet (torchvision)";
            default -> "custom";
        }));
        vm.preprocessProperty().addListener((o, a, p) -> {
            if (p != null && !choice.getItems().contains(p)) {
                choice.getItems().add(p); // a project's own preprocessing
            }
        });
        choice.valueProperty().bindBidirectional(vm.preprocessProperty());
        Label steps = new Label();
        steps.setId("map-preprocess-steps");
        steps.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.preprocessProperty().get().describe(), vm.preprocessProperty()));
        javafx.scene.layout.Pane row = row(new Label("Images to the model"), choice, steps);
        row.visibleProperty().bind(vm.sourceProperty().isEqualTo(MapSettings.Source.MODEL));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** A row of settings whose labels never shrink to an ellipsis (it wraps instead). */
    private static javafx.scene.layout.FlowPane row(Node... nodes) {
        return org.shiftscope.ui.common.ViewControls.settingsRow(nodes);
    }

    /** The legend of the current colouring: sides, or the categories. */
    private void updateLegend(PointCategories categories) {
        legend.getChildren().clear();
        if (vm.colourByProperty().get() == MapViewModel.ColourBy.SIDE) {
            legend.getChildren().addAll(new Label("reference", new Rectangle(12, 12, MapCanvas.REFERENCE)),
                    new Label("target", new Rectangle(12, 12, MapCanvas.TARGET)));
        }
        if (categories != null) {
            for (int c = 0; c < categories.names().size(); c++) {
                legend.getChildren().add(new Label(categories.names().get(c), new Rectangle(12, 12,
                        categories.colour(c))));
            }
        }
    }

    private Node body() {
        table.setId("subpopulation-table");
        TableColumn<Subpopulations.Cluster, Integer> id = new TableColumn<>("cluster");
        id.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().id()));
        id.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : clusterName(item));
                setGraphic(empty || item == null ? null : new Rectangle(12, 12, MapCanvas.clusterColour(item)));
            }
        });
        table.getColumns().setAll(List.of(id,
                number("n ref", c -> (double) c.nReference(), "%,.0f"),
                number("n tgt", c -> (double) c.nTarget(), "%,.0f"),
                number("ref share", Subpopulations.Cluster::referenceShare, "%.3f"),
                number("tgt share", Subpopulations.Cluster::targetShare, "%.3f"),
                number("ratio", Subpopulations.Cluster::ratio, "%.2f"),
                textColumn("trend", c -> c.trend().id()),
                textColumn("ref acc", c -> accuracy(c.referenceAccuracy())),
                textColumn("tgt acc", c -> accuracy(c.targetAccuracy()))));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY); // a horizontal scroll bar, not cut numbers
        table.setPlaceholder(new Label("The subpopulation table appears with the map."));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            vm.highlightedProperty().set(c == null ? MapViewModel.NO_HIGHLIGHT : c.id());
            if (c != null) {
                vm.selectCluster(c.id()); // the cluster's rows and images fill the selection panel
            }
        });
        Label hint = new Label("Clusters are found in the full feature space; select one to highlight it. Emerging: "
                + "target share at least 5x the reference share (and at least 1 % of the target); vanishing: the "
                + "mirror. With the built-in encoder, ref acc / tgt acc are its accuracy with a 95 % interval (reference:"
                + " rows it did not train on).");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines: the table above gives way, not the text
        // the canvas, the table and the selection panel arrive a frame each (FrameFeed)
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox right = new VBox(6, new Label("Subpopulations"), FrameFeed.later(table), hint,
                FrameFeed.later(selection.root()));
        right.setPadding(new Insets(8));
        SplitPane split = new SplitPane(FrameFeed.later(HoverCard.over(canvas, vm)), right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);
        return split;
    }

    private void show(MapAnalysis.Result r) {
        table.getItems().setAll(r == null ? List.of() : r.table().clusters());
        canvas.setAxis(r == null || r.projection().method() == Projector.Method.PCA ? "PC"
                : MapViewModel.label(r.projection().method()));
        draw(true);
    }

    private void draw(boolean refit) {
        MapAnalysis.Result r = vm.resultProperty().get();
        if (r == null) {
            canvas.show(new float[0], new int[0], new boolean[0], true);
            updateLegend(null);
            return;
        }
        org.shiftscope.core.Split mapped = vm.mappedSplitProperty().get();
        int nr = r.referenceCluster().length;
        int nt = r.targetCluster().length;
        float[] xy = new float[2 * (nr + nt)];
        int[] colour = new int[nr + nt];
        boolean[] shown = new boolean[nr + nt];
        boolean bySide = vm.colourByProperty().get() == MapViewModel.ColourBy.SIDE;
        PointCategories category = categories(r, mapped);
        int highlight = vm.highlightedProperty().get();
        int refColour = MapCanvas.argb(MapCanvas.REFERENCE);
        int tgtColour = MapCanvas.argb(MapCanvas.TARGET);
        int[] clusterColours = palette(r.clustering().clusters());
        int noiseColour = MapCanvas.argb(MapCanvas.NOISE);
        int[] categoryColours = new int[category == null ? 0 : category.names().size()];
        for (int c = 0; c < categoryColours.length; c++) {
            categoryColours[c] = MapCanvas.argb(category.colour(c));
        }
        updateLegend(category);
        for (int i = 0; i < nr + nt; i++) {
            boolean isRef = i < nr;
            int j = isRef ? i : i - nr;
            double[] plane = isRef ? r.reference() : r.target();
            int cluster = isRef ? r.referenceCluster()[j] : r.targetCluster()[j];
            xy[2 * i] = (float) plane[2 * j];
            xy[2 * i + 1] = (float) plane[2 * j + 1];
            colour[i] = highlight != MapViewModel.NO_HIGHLIGHT && cluster != highlight ? GREY
                    : category != null ? categoryColours[category.of()[i]]
                    : bySide ? (isRef ? refColour : tgtColour) : cluster < 0 ? noiseColour : clusterColours[cluster];
            shown[i] = isRef ? vm.showReferenceProperty().get() : vm.showTargetProperty().get();
        }
        canvas.setReferenceCount(nr);
        canvas.show(xy, colour, shown, refit);
    }

    /** The saved slice whose column this is, or null. */
    private org.shiftscope.workflow.slice.Slice slice(String column) {
        return vm.slices().stream().filter(x -> x.column().equals(column)).findFirst().orElse(null);
    }

    /** The categories of the chosen colouring; null for side and cluster, or when its data is not there. */
    private PointCategories categories(MapAnalysis.Result r, org.shiftscope.core.Split mapped) {
        String column = vm.colourColumnProperty().get();
        return switch (vm.colourByProperty().get()) {
            case SIDE, CLUSTER -> null;
            case COLUMN -> column != null && slice(column) != null
                    ? PointCategories.ofMembership(vm.membership(slice(column)), slice(column).name())
                    : column != null && mapped != null && mapped.reference().column(column).isPresent()
                    && mapped.target().column(column).isPresent()
                    ? PointCategories.ofColumn(mapped.reference().requireColumn(column),
                            mapped.target().requireColumn(column)) : null;
            case CORRECT -> r.correct() == null ? null : PointCategories.ofCorrect(r.correct());
            case PREDICTION -> r.predictions() == null ? null : PointCategories.ofPrediction(r.predictions());
            case CONFIDENCE -> r.predictions() == null ? null : PointCategories.ofConfidence(r.predictions());
        };
    }

    /** Accuracy with its 95 % interval, or a dash without labelled predictions. */
    static String accuracy(Subpopulations.Accuracy a) {
        return a.labelled() == 0 ? "—" : String.format(Locale.ROOT, "%.1f %% [%.0f, %.0f]", 100 * a.value(),
                100 * a.low(), 100 * a.high());
    }

    /** How a cluster id is shown: its number, or "noise". */
    static String clusterName(int id) {
        return id == Subpopulations.NOISE ? "noise" : Integer.toString(id);
    }

    /** The colours of k clusters or categories. */
    private static int[] palette(int k) {
        int[] out = new int[k];
        for (int c = 0; c < k; c++) {
            out[c] = MapCanvas.argb(MapCanvas.clusterColour(c));
        }
        return out;
    }

    private static TableColumn<Subpopulations.Cluster, Double> number(String title,
            Function<Subpopulations.Cluster, Double> value, String format) {
        TableColumn<Subpopulations.Cluster, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : Double.isInfinite(item) ? "new"
                        : Double.isNaN(item) ? "—" : String.format(Locale.ROOT, format, item));
            }
        });
        return c;
    }
}
