package org.shiftscope.ui.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.workflow.explain.ExplainResult;
import org.shiftscope.core.Column;
import org.shiftscope.core.Dataset;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * The Explain view: PercentExplained and parsimony against k, a k slider, reference and target in the principal
 * plane with k-cluster arrows, per-feature displacement, and per-cluster summaries whose rows can be listed.
 */
public final class ExplainView {

    private static final int MAX_LISTED_ROWS = 1000;

    private final ExplainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final LineChart<Number, Number> percentChart = chart("PercentExplained (%)", "percent-chart");
    private final LineChart<Number, Number> parsimonyChart = chart("Parsimony ‖T(X) − X‖² / n", "parsimony-chart");
    private final Slider kSlider = new Slider(1, 1, 1);
    private final Label kLabel = new Label();
    private final PlaneCanvas plane = new PlaneCanvas();
    private final TableView<FeatureRow> features = new TableView<>();
    private final TableView<Explanation.Cluster> clusters = new TableView<>();
    private final TableView<Integer> rows = new TableView<>();
    private final Label rowsTitle = new Label("Select a cluster to list its rows.");

    /** One line of the per-feature displacement table. */
    public record FeatureRow(String feature, double mapDisplacement, double fullMapDisplacement) {
    }

    public ExplainView(ExplainViewModel vm) {
        this.vm = vm;
        root.setId("explain-view");
        root.setTop(settings());
        root.setCenter(body());
        vm.resultProperty().addListener((o, a, r) -> show(r));
        vm.selectedKProperty().addListener((o, a, k) -> showK());
        show(vm.resultProperty().get());
    }

    public Parent root() {
        return root;
    }

    private Node settings() {
        ChoiceBox<ExplanationMethod> method = new ChoiceBox<>();
        method.setId("explain-method");
        method.getItems().setAll(ExplanationMethod.values());
        method.setConverter(ViewControls.converter(ExplanationMethod::id));
        method.valueProperty().bindBidirectional(vm.methodProperty());
        Spinner<Integer> kmax = new Spinner<>(1, 30, vm.kmaxProperty().get());
        kmax.setId("explain-kmax");
        kmax.setPrefWidth(80);
        kmax.valueProperty().addListener((o, a, b) -> vm.kmaxProperty().set(b));
        ChoiceBox<TransportAnalysis.Standardize> units = new ChoiceBox<>();
        units.setId("explain-standardize");
        units.getItems().setAll(TransportAnalysis.Standardize.values());
        units.setConverter(ViewControls.converter(s -> switch (s) {
            case NONE -> "raw units";
            case ZSCORE -> "z-score (pooled)";
            case REFERENCE -> "z-score (reference)";
        }));
        units.valueProperty().bindBidirectional(vm.standardizeProperty());
        ChoiceBox<TransportAnalysis.Solver> solver = new ChoiceBox<>();
        solver.setId("explain-solver");
        solver.getItems().setAll(TransportAnalysis.Solver.values());
        solver.setConverter(ViewControls.converter(s -> s.name().toLowerCase(Locale.ROOT)));
        solver.valueProperty().bindBidirectional(vm.solverProperty());
        Spinner<Integer> seed = new Spinner<>(0, 1_000_000, vm.seedProperty().get());
        seed.setPrefWidth(100);
        seed.valueProperty().addListener((o, a, b) -> vm.seedProperty().set(b));
        tip(method, "kcluster moves k groups of reference rows rigidly; ksparse-ot and ksparse-mean move only k"
                + " features; gaussian maps one Gaussian onto the other");
        tip(kmax, "The largest k of the curve: how many clusters (or features) the simplest explanations may use");
        tip(units, "Raw units keep the columns' own scales; z-score puts every column on one scale first, so no column"
                + " dominates by its units: with the reference side's mean and standard deviation (as Kulinski & Inouye"
                + " do) or with both sides' pooled");
        ChoiceBox<org.shiftscope.transport.Pairing> pairing = new ChoiceBox<>();
        pairing.setId("explain-pairing");
        pairing.getItems().setAll(org.shiftscope.transport.Pairing.values());
        pairing.setConverter(ViewControls.converter(p -> p == org.shiftscope.transport.Pairing.PAIRED
                ? "paired points [x, T(x)]" : "reference points"));
        pairing.valueProperty().bindBidirectional(vm.pairingProperty());
        pairing.disableProperty().bind(vm.methodProperty().isNotEqualTo(ExplanationMethod.KCLUSTER));
        tip(pairing, "kcluster: cluster the paired points [x, T(x)], so rows that go to the same place belong together"
                + " (as the paper does), or the reference rows by where they are (then new rows can be assigned)");
        javafx.scene.control.CheckBox discrete = new javafx.scene.control.CheckBox("Categories drawn");
        discrete.setId("explain-discrete");
        discrete.selectedProperty().bindBidirectional(vm.discreteProperty());
        tip(discrete, "Binary columns (two values) and categorical ones are discrete: a map sets them to a category"
                + " drawn from its target distribution instead of moving them by a fraction; each PercentExplained is"
                + " then a mean over samples (± its standard deviation)");
        Spinner<Integer> repeats = new Spinner<>(0, org.shiftscope.transport.Treatment.MAX_REPEATS,
                vm.repeatsProperty().get());
        repeats.setId("explain-repeats");
        repeats.setPrefWidth(80);
        repeats.valueProperty().addListener((o, a, b) -> vm.repeatsProperty().set(b));
        vm.repeatsProperty().addListener((o, a, b) -> repeats.getValueFactory().setValue(b.intValue()));
        repeats.disableProperty().bind(discrete.selectedProperty().not());
        tip(repeats, "Samples of the discrete features each PercentExplained averages; 0: automatic (10 up to 2,000"
                + " reference rows, fewer above, 2 from 10,000)");
        tip(solver, "exact: the optimal transport plan (up to its size limit); sinkhorn: the debiased entropic"
                + " divergence, within about 1 % of exact on large data; auto chooses by size");
        tip(seed, "Seed of k-means: the same seed gives the same clusters");
        javafx.scene.control.Tooltip.install(percentChart, new javafx.scene.control.Tooltip("PercentExplained: how"
                + " much of the squared transport distance W2^2 the explanation with k clusters or features accounts"
                + " for (100 % = all of the shift)"));
        javafx.scene.control.Tooltip.install(parsimonyChart, new javafx.scene.control.Tooltip("Parsimony: how far"
                + " the explanation moves the reference rows on average (mean squared move); a simple explanation"
                + " explains much with little movement"));
        javafx.scene.control.CheckBox onMap = new javafx.scene.control.CheckBox("On the map's points (embeddings)");
        onMap.setId("explain-on-map");
        onMap.setTooltip(new javafx.scene.control.Tooltip("Explain the shift in the space the Map view uses: the"
                + " built-in encoder's, your model's or a text encoder's embeddings, so images and texts move as"
                + " what they show, not as pixels"));
        onMap.selectedProperty().bindBidirectional(vm.mapPointsProperty());
        javafx.scene.layout.FlowPane bar = ViewControls.settingsRow(new Label("Method"), method, new Label("k max"),
                kmax, new Label("Units"), units, new Label("Solver"), solver, new Label("Seed"), seed,
                new Label("Clusters of"), pairing, discrete, new Label("Samples"), repeats, onMap);
        Label summary = ViewControls.summary("explain-summary", vm.summaryProperty());
        Label problem = ViewControls.problem("explain-problem", vm.problemProperty());
        VBox box = new VBox(8, bar, summary, problem);
        box.getStyleClass().add(Styles.FORM);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node body() {
        kSlider.setId("k-slider");
        kSlider.setMajorTickUnit(1);
        kSlider.setMinorTickCount(0);
        kSlider.setSnapToTicks(true);
        kSlider.setShowTickMarks(true);
        kSlider.setShowTickLabels(true);
        kSlider.valueProperty().addListener((o, a, v) -> vm.selectedKProperty().set((int) Math.round(v.doubleValue())));
        kLabel.setId("k-label");
        kLabel.getStyleClass().add(Styles.COUNTS);
        // the charts, the plane and the tables arrive a frame each (FrameFeed)
        VBox.setVgrow(percentChart, Priority.ALWAYS);
        VBox.setVgrow(parsimonyChart, Priority.ALWAYS);
        VBox curves = new VBox(6, FrameFeed.later(percentChart), FrameFeed.later(parsimonyChart), new Label("k"),
                kSlider, kLabel);
        curves.setPadding(new Insets(8));

        features.setId("feature-displacement");
        features.getColumns().setAll(List.of(
                column("Feature", r -> r.feature()),
                column("Mean move by map", r -> fmt(r.mapDisplacement())),
                column("Full OT map", r -> Double.isNaN(r.fullMapDisplacement()) ? "—" : fmt(r.fullMapDisplacement()))));
        features.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        features.setPrefHeight(160);
        clusters.setId("cluster-table");
        clusters.getColumns().setAll(List.of(
                column("Cluster", c -> Integer.toString(c.id())),
                column("Rows", c -> Integer.toString(c.size())),
                column("Moved", c -> fmt(c.displacementNorm())),
                column("Most along", c -> String.join(", ", c.topFeatures())),
                column("Becomes", this::becomes)));
        clusters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        clusters.setPlaceholder(new Label("Clusters appear for the k-cluster method."));
        clusters.setPrefHeight(150);
        clusters.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            listRows(c);
            vm.showCluster(c == null ? -1 : c.id());
        });
        rows.setId("cluster-rows");
        rows.setPrefHeight(150);
        rows.setPlaceholder(new Label("No cluster selected."));
        VBox.setVgrow(plane, Priority.ALWAYS);
        VBox right = new VBox(6, FrameFeed.later(plane), new Label("Per-feature displacement"),
                FrameFeed.later(features), new Label("Clusters"), FrameFeed.later(clusters), rowsTitle,
                FrameFeed.later(rows), FrameFeed.later(ExemplarStrip.of(vm)));
        right.setPadding(new Insets(8));
        SplitPane split = new SplitPane(curves, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.42);
        return split;
    }

    private void show(ExplainResult r) {
        percentChart.getData().clear();
        parsimonyChart.getData().clear();
        if (r == null) {
            plane.show(new double[0], new double[0], List.of());
            features.getItems().clear();
            clusters.getItems().clear();
            return;
        }
        XYChart.Series<Number, Number> pe = new XYChart.Series<>();
        pe.setName(r.explanation().method().id());
        XYChart.Series<Number, Number> pars = new XYChart.Series<>();
        pars.setName(r.explanation().method().id());
        for (Explanation.Point p : r.explanation().curve()) {
            pe.getData().add(new XYChart.Data<>(p.k(), Double.isNaN(p.percentExplained()) ? 0 : p.percentExplained()));
            pars.getData().add(new XYChart.Data<>(p.k(), p.parsimony()));
        }
        percentChart.getData().add(pe);
        parsimonyChart.getData().add(pars);
        int first = r.explanation().curve().get(0).k();
        int last = r.explanation().curve().get(r.explanation().curve().size() - 1).k();
        for (LineChart<Number, Number> c : List.of(percentChart, parsimonyChart)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            x.setAutoRanging(false);
            x.setLowerBound(first - 0.5);
            x.setUpperBound(last + 0.5);
        }
        kSlider.setMin(first);
        kSlider.setMax(Math.max(first, last));
        kSlider.setDisable(first == last);
        kSlider.setValue(vm.selectedKProperty().get());
        showK();
    }

    private void showK() {
        ExplainResult r = vm.resultProperty().get();
        Explanation.Point p = vm.selectedPoint();
        if (r == null || p == null) {
            return;
        }
        kSlider.setValue(p.k());
        kLabel.setText(String.format(Locale.ROOT, "k = %d: %.2f %% explained%s, parsimony %.4g%s", p.k(),
                p.percentExplained(), p.samples() > 1 ? String.format(Locale.ROOT, " (± %.2f over %d samples)",
                        p.spread(), p.samples()) : "", p.parsimony(),
                p.features().isEmpty() ? "" : " · " + String.join(", ", p.features())));
        int index = r.explanation().curve().indexOf(p);
        plane.show(r.referencePlane(), r.targetPlane(), index < r.arrows().size() ? r.arrows().get(index) : List.of());
        List<FeatureRow> fr = new ArrayList<>();
        double[] full = r.explanation().featureDisplacement();
        for (int j = 0; j < r.explanation().features().size(); j++) {
            fr.add(new FeatureRow(r.explanation().features().get(j), p.displacement()[j],
                    full.length == 0 ? Double.NaN : full[j]));
        }
        fr.sort((a, b) -> Double.compare(Math.abs(b.mapDisplacement()), Math.abs(a.mapDisplacement())));
        features.getItems().setAll(fr);
        clusters.getItems().setAll(p.clusters());
        rows.getItems().clear();
        rows.getColumns().clear();
        rowsTitle.setText(p.clusters().isEmpty() ? "" : "Select a cluster to list its rows.");
    }

    /** A cluster's target distribution of each discrete feature, e.g. "g: 1 62 %; colour: blue 42 %, green 40 %". */
    private String becomes(Explanation.Cluster c) {
        ExplainResult r = vm.resultProperty().get();
        if (r == null || r.explanation().discrete().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        List<org.shiftscope.transport.DiscreteFeature> discrete = r.explanation().discrete();
        for (int f = 0; f < discrete.size() && f < c.distributions().size(); f++) {
            org.shiftscope.transport.DiscreteFeature d = discrete.get(f);
            double[] p = c.distributions().get(f);
            List<String> levels = new ArrayList<>();
            for (int l = d.binary() ? 1 : 0; l < p.length; l++) {
                levels.add(String.format(Locale.ROOT, "%s %.0f %%", d.levels().get(l), 100 * p[l]));
            }
            parts.add(d.name() + ": " + String.join(", ", levels));
        }
        return String.join("; ", parts);
    }

    private void listRows(Explanation.Cluster c) {
        ExplainResult r = vm.resultProperty().get();
        Explanation.Point p = vm.selectedPoint();
        rows.getItems().clear();
        if (c == null || r == null || p == null || p.labels() == null) {
            return;
        }
        Dataset ref = r.reference();
        List<TableColumn<Integer, String>> cols = new ArrayList<>();
        cols.add(column("Row", i -> Integer.toString(i + 1)));
        for (Column col : ref.columns()) {
            cols.add(column(col.name(), i -> {
                String t = col.text(i);
                return t == null ? "" : t;
            }));
        }
        rows.getColumns().setAll(cols);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < p.labels().length && members.size() < MAX_LISTED_ROWS; i++) {
            if (p.labels()[i] == c.id()) {
                members.add(i);
            }
        }
        rows.getItems().setAll(members);
        rowsTitle.setText(String.format(Locale.ROOT, "Cluster %d: %,d reference rows%s", c.id(), c.size(),
                c.size() > MAX_LISTED_ROWS ? " (first " + MAX_LISTED_ROWS + " listed)" : ""));
    }

    private static LineChart<Number, Number> chart(String title, String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("k");
        x.setTickUnit(1);
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number v) {
                return v.doubleValue() == Math.rint(v.doubleValue()) ? Integer.toString(v.intValue()) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId(id);
        c.setTitle(title);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.setPrefHeight(240);
        return c;
    }

    private static <S> TableColumn<S, String> column(String title, java.util.function.Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }


    private static void tip(javafx.scene.control.Control c, String text) {
        javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        c.setTooltip(t);
    }
}
