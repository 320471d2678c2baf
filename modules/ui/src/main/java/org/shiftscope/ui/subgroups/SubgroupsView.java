package org.shiftscope.ui.subgroups;

import java.util.List;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.shiftscope.metrics.GroupFairness;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.audit.AuditAnalysis;

/**
 * The Subgroups view: the auditor's table of per-group rates with 95 % intervals for reference and target side by
 * side with the change, a chart of one rate per group and side, the disparities, and which transport clusters
 * carry which groups.
 */
public final class SubgroupsView {

    private static final List<String> NAMES = List.of("base rate", "selection rate", "accuracy", "TPR", "FPR", "FNR",
            "precision");

    private final SubgroupsViewModel vm;
    private final BorderPane root = new BorderPane();

    public SubgroupsView(SubgroupsViewModel vm) {
        this.vm = vm;
        root.setId("subgroups-view");
        root.setTop(form());
        root.setCenter(body());
    }

    public Parent root() {
        return root;
    }

    private Node form() {
        ChoiceBox<String> label = choice("subgroups-label", vm.labelProperty());
        ChoiceBox<String> prediction = choice("subgroups-prediction", vm.predictionProperty());
        ChoiceBox<String> group = choice("subgroups-group", vm.groupProperty());
        ChoiceBox<String> second = choice("subgroups-second-group", vm.secondGroupProperty());
        Runnable columns = () -> columns(vm.dataProperty().get(), vm.slices(), label, prediction, group, second);
        vm.dataProperty().addListener((o, a, d) -> columns.run());
        vm.slices().addListener((javafx.collections.ListChangeListener<Object>) c -> columns.run());
        columns.run();
        TextField positive = field("subgroups-positive", vm.positiveLabelProperty(), "1 / yes / true", 8);
        TextField threshold = field("subgroups-threshold", vm.thresholdProperty(), "score >= T", 7);
        TextField negative = field("subgroups-negative", vm.negativeValuesProperty(), "e.g. Low", 8);
        TextField model = field("subgroups-model", vm.modelFileProperty(), "ONNX / TorchScript file", 18);
        TextField inputs = field("subgroups-model-inputs", vm.modelInputsProperty(), "inputs: every numeric", 12);
        inputs.disableProperty().bind(vm.modelFileProperty().isEmpty());
        prediction.disableProperty().bind(vm.modelFileProperty().isNotEmpty());
        negative.disableProperty().bind(vm.modelFileProperty().isNotEmpty());
        TextField reference = field("subgroups-reference-group", vm.referenceGroupProperty(), "largest group", 12);
        TextField where = field("subgroups-where", vm.whereProperty(), "rows of both sides (optional)", 22);
        Spinner<Integer> minSize = new Spinner<>(1, 100_000, vm.minGroupSizeProperty().get());
        minSize.setId("subgroups-min-size");
        minSize.setPrefWidth(90);
        minSize.valueProperty().addListener((o, a, b) -> vm.minGroupSizeProperty().set(b));
        vm.minGroupSizeProperty().addListener((o, a, b) -> minSize.getValueFactory().setValue(b.intValue()));
        Spinner<Integer> clusters = new Spinner<>(0, 20, vm.clustersProperty().get());
        clusters.setId("subgroups-clusters");
        clusters.setPrefWidth(70);
        clusters.valueProperty().addListener((o, a, b) -> vm.clustersProperty().set(b));
        vm.clustersProperty().addListener((o, a, b) -> clusters.getValueFactory().setValue(b.intValue()));
        minSize.setTooltip(new javafx.scene.control.Tooltip("Groups with fewer rows are shown and flagged small, and"
                + " left out of the between-group disparities (their rates are too uncertain)"));
        clusters.setTooltip(new javafx.scene.control.Tooltip("Join the shift's k transport clusters to the groups:"
                + " which groups moved where (0: off)"));
        reference.setTooltip(new javafx.scene.control.Tooltip("The group every other group is compared with in the"
                + " ratio and difference disparities (empty: the largest group)"));
        Button run = new Button("Audit");
        run.setId("subgroups-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> vm.audit());
        FlowPane decision = flow(row(new Label("Label"), label), row(new Label("positive"), positive),
                row(new Label("Decision"), prediction), row(new Label("threshold"), threshold),
                row(new Label("negative values"), negative), row(new Label("or model"), model, inputs));
        FlowPane groups = flow(row(new Label("Groups"), group, new Label("x"), second),
                row(new Label("compared with"), reference), row(new Label("min size"), minSize),
                row(new Label("transport clusters"), clusters), row(new Label("rows"), where), run);
        Label hint = new Label("Each side's rates come with bootstrap 95 % intervals (1,000 resamples within each"
                + " group). Groups under the minimum size are shown and flagged, and left out of the between-group"
                + " disparities. Transport clusters: the k-cluster explanation of the shift, with the groups each"
                + " cluster carries.");
        hint.setWrapText(true);
        VBox box = new VBox(8, decision, groups, hint, ViewControls.summary("subgroups-summary",
                vm.summaryProperty()), ViewControls.problem("subgroups-problem", vm.problemProperty()));
        box.getStyleClass().add(Styles.FORM);
        box.setPadding(new Insets(12));
        return box;
    }

    private static FlowPane flow(Node... nodes) {
        FlowPane f = new FlowPane(14, 6, nodes);
        f.setAlignment(Pos.CENTER_LEFT);
        return f;
    }

    private static HBox row(Node... nodes) {
        HBox b = new HBox(8, nodes);
        b.setAlignment(Pos.CENTER_LEFT);
        b.getChildren().stream().filter(n -> n instanceof Label).forEach(n -> ((Label) n)
                .setMinWidth(Region.USE_PREF_SIZE));
        return b;
    }

    private static ChoiceBox<String> choice(String id, javafx.beans.property.StringProperty p) {
        ChoiceBox<String> c = new ChoiceBox<>();
        c.setId(id);
        c.valueProperty().bindBidirectional(p);
        return c;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String prompt, int columns) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.setPrefColumnCount(columns);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    /**
     * Every column of the data (all rows are audited, not only the analysed columns); the groups also offer the
     * saved slices.
     */
    private static void columns(DataResult d, List<org.shiftscope.workflow.slice.Slice> slices,
                                ChoiceBox<String> label, ChoiceBox<String> prediction, ChoiceBox<String> group,
                                ChoiceBox<String> second) {
        List<String> names = d == null ? List.of() : d.sides().reference().columnNames();
        List<String> groups = new java.util.ArrayList<>(names);
        groups.addAll(org.shiftscope.workflow.slice.Slices.columns(slices));
        for (ChoiceBox<String> c : List.of(label, prediction, group, second)) {
            String was = c.getValue();
            c.getItems().setAll(c == group || c == second ? groups : names);
            if (c == second) {
                c.getItems().add(0, "");
            }
            if (was != null && c.getItems().contains(was)) {
                c.setValue(was);
            }
        }
    }

    private Node body() {
        TableView<SubgroupsViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("subgroups-table");
        table.getColumns().add(column("group", SubgroupsViewModel.Row::group, 170));
        table.getColumns().add(column("side", SubgroupsViewModel.Row::side, 80));
        table.getColumns().add(column("n", SubgroupsViewModel.Row::n, 70));
        for (int m = 0; m < SubgroupsViewModel.METRICS.size(); m++) {
            String metric = SubgroupsViewModel.METRICS.get(m);
            table.getColumns().add(column(NAMES.get(m), r -> r.values().get(metric), 150));
        }
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SubgroupsViewModel.Row r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("small-group", "change-row");
                if (!empty && r != null && r.small()) {
                    getStyleClass().add("small-group");
                }
                if (!empty && r != null && r.side().equals("change")) {
                    getStyleClass().add("change-row");
                }
            }
        });
        TableView<SubgroupsViewModel.DisparityRow> disparities = new TableView<>(vm.disparities());
        disparities.setId("subgroups-disparities");
        disparities.getColumns().add(column("disparity", SubgroupsViewModel.DisparityRow::name, 360));
        disparities.getColumns().add(column("reference", SubgroupsViewModel.DisparityRow::reference, 200));
        disparities.getColumns().add(column("target", SubgroupsViewModel.DisparityRow::target, 200));
        TableView<SubgroupsViewModel.ClusterRow> clusters = new TableView<>(vm.clusterRows());
        clusters.setId("subgroups-clusters-table");
        clusters.setPlaceholder(new Label("Set transport clusters above 0 and audit to see which groups each cluster"
                + " of the shift carries."));
        clusters.getColumns().add(column("cluster", SubgroupsViewModel.ClusterRow::cluster, 70));
        clusters.getColumns().add(column("moved", SubgroupsViewModel.ClusterRow::moved, 80));
        clusters.getColumns().add(column("along", SubgroupsViewModel.ClusterRow::along, 200));
        clusters.getColumns().add(column("group", SubgroupsViewModel.ClusterRow::group, 170));
        clusters.getColumns().add(column("reference rows", r -> String.valueOf(r.reference()), 110));
        clusters.getColumns().add(column("target rows", r -> String.valueOf(r.target()), 110));
        // each tab's table and the chart arrive a frame each (FrameFeed)
        TabPane tabs = new TabPane(new Tab("Groups", FrameFeed.later(table)),
                new Tab("Disparities", FrameFeed.later(disparities)),
                new Tab("Transport clusters", FrameFeed.later(clusters)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(tabs, FrameFeed.later(chart()));
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        return split;
    }

    /** One rate per group, reference and target bars side by side; redrawn with each audit or metric choice. */
    private Node chart() {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis(0, 1, 0.25);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("subgroups-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        ChoiceBox<String> metric = new ChoiceBox<>();
        metric.setId("subgroups-chart-metric");
        metric.getItems().setAll(SubgroupsViewModel.METRICS);
        metric.setConverter(ViewControls.converter(m -> NAMES.get(SubgroupsViewModel.METRICS.indexOf(m))));
        metric.valueProperty().bindBidirectional(vm.chartMetricProperty());
        Runnable draw = () -> {
            AuditAnalysis.SplitAudit a = vm.resultProperty().get();
            chart.getData().clear();
            if (a == null) {
                return;
            }
            String m = vm.chartMetricProperty().get();
            chart.setTitle(NAMES.get(SubgroupsViewModel.METRICS.indexOf(m)) + " per group");
            chart.getData().add(series("reference", a.reference(), m));
            chart.getData().add(series("target", a.target(), m));
        };
        vm.resultProperty().addListener((o, b, c) -> draw.run());
        vm.chartMetricProperty().addListener((o, b, c) -> draw.run());
        draw.run();
        HBox bar = row(new Label("Chart"), metric);
        bar.setPadding(new Insets(6, 12, 0, 12));
        return new VBox(bar, chart);
    }

    private static XYChart.Series<String, Number> series(String name, AuditAnalysis.Audit a, String metric) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (GroupFairness.Group g : a.result().groups()) {
            double v = SubgroupsViewModel.value(g, metric);
            if (!Double.isNaN(v)) {
                s.getData().add(new XYChart.Data<>(g.name(), v));
            }
        }
        return s;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = ViewControls.textColumn(title, value);
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
