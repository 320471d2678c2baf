package org.shiftscope.ui.data;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckListView;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;
import org.shiftscope.workflow.ColumnComparison;
import org.shiftscope.workflow.DatasetSummary;

/** The Data view: define the split, see both schemas, row counts, missing values and per-column distributions. */
public final class DataView {

    private final DataViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TilePane charts = new TilePane(12, 12);
    private final TableView<DatasetSummary.ColumnSummary> referenceSchema = schemaTable("reference-schema");
    private final TableView<DatasetSummary.ColumnSummary> targetSchema = schemaTable("target-schema");
    private final CheckListView<String> columns = new CheckListView<>();
    private final Label chartNote = new Label();
    private boolean syncingChecks;

    public DataView(DataViewModel vm) {
        this.vm = vm;
        root.setId("data-view");
        root.setTop(form());
        root.setCenter(results());
        root.setLeft(columnPicker());
        enableDrop();
        vm.resultProperty().addListener((obs, old, r) -> show(r));
        if (vm.resultProperty().get() != null) {
            show(vm.resultProperty().get());
        }
    }

    public Parent root() {
        return root;
    }

    private Node form() {
        ToggleGroup group = new ToggleGroup();
        HBox modes = new HBox(16);
        for (SourceMode m : SourceMode.values()) {
            RadioButton b = new RadioButton(m.toString());
            b.setId("mode-" + m.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(group);
            b.setUserData(m);
            b.setSelected(vm.modeProperty().get() == m);
            modes.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.modeProperty().set((SourceMode) t.getUserData());
            }
        });
        vm.modeProperty().addListener((o, a, m) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == m).findFirst().ifPresent(t -> t.setSelected(true)));

        TextField data = field("data-path", vm.dataPathProperty(), "CSV, TSV, Parquet, .npy, IDX file, or image folder");
        TextField refWhere = field("reference-where", vm.referenceWhereProperty(), "e.g. sex=Male, class=2, age<30");
        TextField tgtWhere = field("target-where", vm.targetWhereProperty(), "e.g. sex=Female, race in {Black,Other}");
        TextField ref = field("reference-path", vm.referencePathProperty(), "reference file");
        TextField tgt = field("target-path", vm.targetPathProperty(), "target file");
        ComboBox<String> demo = new ComboBox<>();
        demo.setId("demo-scenario");
        demo.getItems().setAll(org.shiftscope.workflow.SplitSource.Demo.SCENARIOS);
        demo.valueProperty().bindBidirectional(vm.demoScenarioProperty());
        ChoiceBox<MissingPolicy> missing = new ChoiceBox<>();
        missing.setId("missing-policy");
        missing.getItems().setAll(MissingPolicy.values());
        missing.setConverter(new StringConverter<>() {
            @Override
            public String toString(MissingPolicy p) {
                return p == null ? "" : p == MissingPolicy.DROP ? "drop rows with missing values" : "fail on missing values";
            }

            @Override
            public MissingPolicy fromString(String s) {
                return MissingPolicy.parse(s);
            }
        });
        missing.valueProperty().bindBidirectional(vm.missingProperty());

        GridPane oneFile = grid();
        oneFile.addRow(0, new Label("Data"), data, browse(data, "browse-data"), folder(data));
        oneFile.addRow(1, new Label("Reference where"), refWhere, new Label("Target where"), tgtWhere);
        GridPane twoFiles = grid();
        twoFiles.addRow(0, new Label("Reference"), ref, browse(ref, "browse-reference"));
        twoFiles.addRow(1, new Label("Target"), tgt, browse(tgt, "browse-target"));
        GridPane generated = grid();
        generated.addRow(0, new Label("Demo"), demo);
        GridPane.setHgrow(data, Priority.ALWAYS);
        GridPane.setHgrow(ref, Priority.ALWAYS);
        GridPane.setHgrow(tgt, Priority.ALWAYS);
        Map<SourceMode, Node> forms = Map.of(SourceMode.ONE_FILE, oneFile, SourceMode.TWO_FILES, twoFiles,
                SourceMode.DEMO, generated);
        StackPane modeForm = new StackPane(forms.get(vm.modeProperty().get()));
        modeForm.setAlignment(Pos.TOP_LEFT);
        vm.modeProperty().addListener((o, a, m) -> modeForm.getChildren().setAll(forms.get(m)));

        Button apply = new Button("Apply split");
        apply.setId("apply-split");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.apply());
        for (TextField f : List.of(data, refWhere, tgtWhere, ref, tgt)) {
            f.setOnAction(e -> vm.apply());
        }
        demo.setOnAction(e -> vm.apply());
        missing.setOnAction(e -> vm.apply());
        TextField shift = field("target-shift", vm.targetShiftProperty(),
                "optional, e.g. noise=0.3;blur=1;reweight=label:0=0.1");
        shift.setPrefColumnCount(28);
        shift.setOnAction(e -> vm.apply());
        TextField shiftSeed = new TextField(Long.toString(vm.shiftSeedProperty().get()));
        shiftSeed.setId("shift-seed");
        shiftSeed.setPrefColumnCount(6);
        shiftSeed.textProperty().addListener((o, a, t) -> {
            try {
                vm.shiftSeedProperty().set(Long.parseLong(t.strip()));
            } catch (NumberFormatException ignored) {
                // kept until the text is a number again; the field shows what was typed
            }
        });
        vm.shiftSeedProperty().addListener((o, a, v) -> {
            if (!shiftSeed.getText().strip().equals(Long.toString(v.longValue()))) {
                shiftSeed.setText(Long.toString(v.longValue()));
            }
        });
        shiftSeed.setOnAction(e -> vm.apply());
        javafx.scene.layout.FlowPane actions = org.shiftscope.ui.common.ViewControls.settingsRow(
                new Label("Missing values"), missing, new Label("Target shift"), shift, new Label("seed"), shiftSeed,
                apply);

        Label problem = ViewControls.problem("split-problem", vm.problemProperty());

        Label counts = ViewControls.summary("row-counts", vm.countsProperty());

        Label verdict = new Label();
        verdict.setId("drift-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(vm.verdictProperty());
        verdict.setTooltip(new javafx.scene.control.Tooltip("Each column is tested on its own: Kolmogorov-Smirnov for"
                + " numbers, chi-square for categories. Holm's correction keeps the chance of any false alarm across"
                + " all columns at alpha; the largest effects are the columns whose distributions moved most."));
        vm.shiftDetectedProperty().addListener((o, a, detected) -> styleVerdict(verdict, detected));
        styleVerdict(verdict, vm.shiftDetectedProperty().get());
        CheckBox sort = new CheckBox("Sort by effect size");
        sort.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        sort.setId("sort-by-effect");
        sort.selectedProperty().bindBidirectional(vm.sortByEffectProperty());
        sort.selectedProperty().addListener((o, a, b) -> show(vm.resultProperty().get()));
        HBox verdictRow = new HBox(16, verdict, sort);
        verdictRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(verdict, Priority.ALWAYS);
        Label notes = ViewControls.problem("data-notes", vm.notesProperty());
        Node images = ImageRow.form(vm, this::chooseFolder);
        images.visibleProperty().bind(vm.modeProperty().isNotEqualTo(SourceMode.DEMO));
        images.managedProperty().bind(images.visibleProperty());
        VBox box = new VBox(8, modes, modeForm, images, actions, problem, counts, notes, ImageRow.samples(vm),
                verdictRow);
        box.getStyleClass().add(Styles.FORM);
        box.setPadding(new Insets(12));
        return box;
    }

    /** A folder picked in a dialog, or null. */
    private java.io.File chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return chooser.showDialog(window());
    }

    /** What each number under a chart means. */
    private static final javafx.scene.control.Tooltip TEST_TIP = new javafx.scene.control.Tooltip(
            "KS D: the largest gap between the two cumulative distributions (0 same, 1 disjoint); chi-square for"
            + " categories. p (Holm): the test's p-value corrected for testing every column; below alpha is DRIFT."
            + " W1: the Wasserstein-1 distance, how far values moved, in the column's units. JS: Jensen-Shannon"
            + " divergence of the binned shares (0 to ln 2). PSI: population stability index (above 0.25 is"
            + " usually read as a major shift).");

    private static void styleVerdict(Label verdict, boolean detected) {
        verdict.getStyleClass().removeAll(Styles.VERDICT_DRIFT, Styles.VERDICT_NONE);
        verdict.getStyleClass().add(detected ? Styles.VERDICT_DRIFT : Styles.VERDICT_NONE);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        return grid;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty prop, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        f.textProperty().bindBidirectional(prop);
        return f;
    }

    private Button browse(TextField target, String id) {
        Button b = new Button("Browse…");
        b.setId(id);
        b.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open data file");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Data files", "*.csv", "*.tsv", "*.txt", "*.gz", "*.parquet",
                            "*.jsonl", "*.ndjson", "*.json", "*.xlsx", "*.npy", "*.npz", "*ubyte*"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(window());
            if (f != null) {
                target.setText(f.getPath());
                vm.chosenColumns().clear();
                vm.apply();
            }
        });
        return b;
    }

    private Button folder(TextField target) {
        Button b = new Button("Image folder…");
        b.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open image folder (one subfolder per class)");
            File f = chooser.showDialog(window());
            if (f != null) {
                target.setText(f.getPath());
                vm.chosenColumns().clear();
                vm.apply();
            }
        });
        return b;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private Node columnPicker() {
        columns.setId("column-picker");
        columns.setPrefWidth(200);
        columns.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (!syncingChecks) {
                List<String> checked = List.copyOf(columns.getCheckModel().getCheckedItems());
                vm.chosenColumns().setAll(checked.size() == columns.getItems().size() ? List.of() : checked);
                vm.apply();
            }
        });
        Label title = new Label("Columns analysed");
        Label hint = new Label("Uncheck to leave a column out.");
        hint.setWrapText(true);
        VBox.setVgrow(columns, Priority.ALWAYS);
        VBox box = new VBox(6, title, FrameFeed.later(columns), hint);
        box.setPadding(new Insets(0, 0, 12, 12));
        return box;
    }

    private Node results() {
        Label refTitle = new Label("Reference schema");
        Label tgtTitle = new Label("Target schema");
        // the schema tables and the column list arrive a frame each, the charts one a frame (FrameFeed)
        VBox.setVgrow(referenceSchema, Priority.ALWAYS);
        VBox.setVgrow(targetSchema, Priority.ALWAYS);
        VBox refBox = new VBox(4, refTitle, FrameFeed.later(referenceSchema));
        VBox tgtBox = new VBox(4, tgtTitle, FrameFeed.later(targetSchema));
        SplitPane schemas = new SplitPane(refBox, tgtBox);
        schemas.setPrefHeight(200);
        charts.setId("column-charts");
        charts.setPrefColumns(3);
        charts.setPadding(new Insets(8));
        chartNote.setId("chart-note");
        ScrollPane scroll = new ScrollPane(new VBox(6, chartNote, charts));
        scroll.setFitToWidth(true);
        SplitPane split = new SplitPane(schemas, scroll);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        BorderPane.setMargin(split, new Insets(0, 12, 12, 12));
        return split;
    }

    private static TableView<DatasetSummary.ColumnSummary> schemaTable(String id) {
        TableView<DatasetSummary.ColumnSummary> t = new TableView<>();
        t.setId(id);
        TableColumn<DatasetSummary.ColumnSummary, String> name = new TableColumn<>("Column");
        name.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().name()));
        name.setPrefWidth(180);
        TableColumn<DatasetSummary.ColumnSummary, String> type = new TableColumn<>("Type");
        type.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().type().label()));
        TableColumn<DatasetSummary.ColumnSummary, Number> missing = new TableColumn<>("Missing");
        missing.setCellValueFactory(c -> new javafx.beans.property.SimpleIntegerProperty(c.getValue().missing()));
        t.getColumns().setAll(List.of(name, type, missing));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No data loaded"));
        return t;
    }

    private void show(DataResult r) {
        if (r == null) {
            return;
        }
        referenceSchema.getItems().setAll(r.reference().columns());
        targetSchema.getItems().setAll(r.target().columns());
        syncingChecks = true;
        try {
            // clear before replacing the items: ControlsFX's check model fails on stale indices otherwise
            columns.getCheckModel().clearChecks();
            columns.getItems().setAll(r.selectableColumns());
            for (String c : r.split().columns()) {
                columns.getCheckModel().check(c);
            }
        } finally {
            syncingChecks = false;
        }
        charts.getChildren().clear();
        List<ColumnComparison> ordered = new java.util.ArrayList<>(r.comparisons());
        if (vm.sortByEffectProperty().get()) {
            ordered.sort(java.util.Comparator.comparingDouble((ColumnComparison c) -> -r.driftOf(c.column())
                    .map(d -> Double.isNaN(d.js()) ? 0 : d.js()).orElse(-1.0)));
        }
        // one chart a frame: styling a chart takes tens of milliseconds, two dozen at once would freeze the window
        FrameFeed.cancel(charts);
        for (ColumnComparison c : ordered) {
            FrameFeed.later(charts, () -> charts.getChildren().add(chart(c, r.driftOf(c.column()).orElse(null))));
        }
        int total = r.split().columns().size();
        chartNote.setText(total > r.comparisons().size()
                ? "Showing " + r.comparisons().size() + " of " + total + " columns; uncheck columns to see others."
                : "Share of rows per value or bin, reference vs target (missing values counted separately).");
    }

    private static Node chart(ColumnComparison c, ColumnDrift drift) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("share");
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setAnimated(false);
        chart.setTitle(c.column() + " (" + c.type().label() + ")");
        chart.setBarGap(1);
        chart.setCategoryGap(4);
        chart.setPrefSize(380, 260);
        chart.setLegendVisible(true);
        XYChart.Series<String, Number> ref = new XYChart.Series<>();
        ref.setName("reference");
        XYChart.Series<String, Number> tgt = new XYChart.Series<>();
        tgt.setName("target");
        for (int i = 0; i < c.labels().size(); i++) {
            ref.getData().add(new XYChart.Data<>(c.labels().get(i), c.referenceShare(i)));
            tgt.getData().add(new XYChart.Data<>(c.labels().get(i), c.targetShare(i)));
        }
        chart.getData().setAll(List.of(ref, tgt));
        Label missing = new Label(String.format(Locale.ROOT, "missing: reference %,d of %,d · target %,d of %,d",
                c.referenceMissing(), c.referenceRows(), c.targetMissing(), c.targetRows()));
        Label test = new Label(drift == null ? "not tested (free text)" : describe(drift));
        test.setTooltip(TEST_TIP);
        test.setId("drift-" + c.column());
        test.setWrapText(true);
        test.setMaxWidth(380);
        test.getStyleClass().add(drift != null && drift.drift() ? Styles.VERDICT_DRIFT : Styles.VERDICT_NONE);
        VBox tile = new VBox(2, chart, test, missing);
        tile.getStyleClass().add(Styles.CHART_TILE);
        tile.setId("chart-" + c.column());
        Tooltip.install(tile, new Tooltip(c.column()));
        return tile;
    }

    private static String describe(ColumnDrift d) {
        String stat = d.test().equals("ks") ? "KS D = %.3g" : "chi² = %.4g";
        String effect = d.test().equals("ks") ? String.format(Locale.ROOT, "W1 %.3g · ", d.w1())
                : String.format(Locale.ROOT, "Cramér's V %.3f · ", d.cramersV());
        String small = !d.smallExpected() ? "" : d.test().equals("fisher")
                ? String.format(Locale.ROOT, " · Fisher's exact p (expected counts down to %.2g)", d.minExpected())
                : String.format(Locale.ROOT, " · chi² approximate: expected counts down to %.2g", d.minExpected());
        return String.format(Locale.ROOT, "%s · " + stat + " · p (Holm) %s%s · %sJS %.4f · PSI %.3f",
                d.drift() ? "DRIFT" : "no drift", d.statistic(), pText(d.pAdjusted()), small, effect, d.js(), d.psi());
    }

    private static String pText(double p) {
        return p < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "%.3g", p);
    }

    private void enableDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragEntered(e -> root.getStyleClass().add(Styles.DROP_TARGET));
        root.setOnDragExited(e -> root.getStyleClass().remove(Styles.DROP_TARGET));
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                vm.openFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
