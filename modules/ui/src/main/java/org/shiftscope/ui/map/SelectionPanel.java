package org.shiftscope.ui.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.Split;
import org.shiftscope.workflow.map.MapAnalysis;

/**
 * What the user boxed on the map: how many points of each side and cluster, the first rows with their values,
 * and, for image data, a paged gallery of the selected images, reference and target side by side (read off the FX
 * thread).
 */
final class SelectionPanel {

    /** Rows listed in the table (the count above it covers the whole selection). */
    static final int MAX_ROWS = 500;

    /** One selected point: its side, its row within that side of the split, its cluster and its column values. */
    record Row(String side, int row, int cluster, List<String> values) {
    }

    private final MapViewModel vm;
    private final Label summary = new Label("Shift-drag a box on the map to list its rows.");
    private final TableView<Row> table = new TableView<>();
    private final FlowPane thumbnails = new FlowPane(4, 4);
    private final FlowPane targetThumbnails = new FlowPane(4, 4);
    private final Label pageLabel = new Label();
    private final javafx.scene.control.Button previous = new javafx.scene.control.Button("‹");
    private final javafx.scene.control.Button next = new javafx.scene.control.Button("›");
    private final ScrollPane thumbnailScroll;
    private final VBox root;

    SelectionPanel(MapViewModel vm) {
        this.vm = vm;
        summary.setId("map-selection-summary");
        summary.setWrapText(true);
        table.setId("map-selection-rows");
        table.setPrefHeight(180);
        table.setPlaceholder(new Label("No points selected."));
        thumbnails.setId("map-thumbnails");
        targetThumbnails.setId("map-target-thumbnails");
        pageLabel.setId("map-gallery-page");
        previous.setId("map-gallery-previous");
        next.setId("map-gallery-next");
        previous.setOnAction(e -> vm.showGallery(vm.galleryPageProperty().get() - 1));
        next.setOnAction(e -> vm.showGallery(vm.galleryPageProperty().get() + 1));
        javafx.scene.layout.HBox pager = new javafx.scene.layout.HBox(6, previous, pageLabel, next);
        pager.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.GridPane sides = new javafx.scene.layout.GridPane();
        sides.setHgap(12);
        sides.addRow(0, new Label("Reference"), new Label("Target"));
        sides.addRow(1, thumbnails, targetThumbnails);
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        sides.getColumnConstraints().setAll(half, half);
        thumbnailScroll = new ScrollPane(new VBox(4, pager, sides));
        thumbnailScroll.setFitToWidth(true);
        thumbnailScroll.setPrefHeight(200);
        thumbnailScroll.setVisible(false);
        thumbnailScroll.setManaged(false);
        root = new VBox(6, new Label("Selection"), summary, sliceBar(), table, thumbnailScroll);
        root.setPadding(new Insets(4, 0, 0, 0));
        vm.selectionProperty().addListener((o, a, rows) -> {
            show(rows);
            vm.showGallery(0);
        });
        vm.galleryProperty().addListener((o, a, g) -> showGallery(g));
    }

    Node root() {
        return root;
    }

    /**
     * Save the selection as a named slice (a group for the Subgroups and Adapt views, kept in the project), and pick
     * a saved slice to select its points again or delete it.
     */
    private Node sliceBar() {
        javafx.scene.control.TextField name = new javafx.scene.control.TextField();
        name.setId("map-slice-name");
        name.setPromptText("slice name");
        name.setPrefColumnCount(12);
        Label status = new Label();
        status.setId("map-slice-status");
        javafx.scene.control.Button save = new javafx.scene.control.Button("Save selection as slice");
        save.setId("map-slice-save");
        save.setTooltip(new javafx.scene.control.Tooltip("A slice is a group like any column: audit it in Subgroups,"
                + " or break an adaptation run's accuracy down by it in Adapt. It is saved with the project."));
        save.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selectionProperty().get().length == 0 || name.getText().isBlank(), vm.selectionProperty(),
                name.textProperty()));
        javafx.scene.control.ComboBox<org.shiftscope.workflow.slice.Slice> saved =
                new javafx.scene.control.ComboBox<>(vm.slices());
        saved.setId("map-slices");
        saved.setPromptText("saved slices");
        saved.setConverter(org.shiftscope.ui.common.ViewControls.converter(org.shiftscope.workflow.slice.Slice::name));
        save.setOnAction(e -> {
            String d = vm.saveSlice(name.getText());
            if (d != null) {
                status.setText("saved " + d);
                saved.getSelectionModel().select(saved.getItems().size() - 1);
            }
        });
        javafx.scene.control.Button select = new javafx.scene.control.Button("Select");
        select.setId("map-slice-select");
        select.disableProperty().bind(saved.valueProperty().isNull());
        select.setOnAction(e -> vm.selectSlice(saved.getValue()));
        javafx.scene.control.Button delete = new javafx.scene.control.Button("Delete");
        delete.setId("map-slice-delete");
        delete.disableProperty().bind(saved.valueProperty().isNull());
        delete.setOnAction(e -> {
            org.shiftscope.workflow.slice.Slice gone = saved.getValue();
            vm.slices().remove(gone);
            status.setText("deleted slice " + gone.name());
        });
        return org.shiftscope.ui.common.ViewControls.settingsRow(name, save, saved, select, delete, status);
    }

    private void show(int[] selected) {
        MapAnalysis.Result r = vm.resultProperty().get();
        table.getItems().clear();
        if (r == null || vm.mappedSplitProperty().get() == null || selected.length == 0) {
            summary.setText("Shift-drag a box on the map to list its rows.");
            table.getColumns().clear();
            thumbnailScroll.setVisible(false);
            thumbnailScroll.setManaged(false);
            return;
        }
        Split split = vm.mappedSplitProperty().get();
        int nr = r.referenceCluster().length;
        java.util.SortedMap<Integer, Integer> perCluster = new java.util.TreeMap<>();
        int refCount = 0;
        List<Row> rows = new ArrayList<>();
        List<String> columns = split.reference().columnNames();
        for (int i : selected) {
            boolean isRef = i < nr;
            int j = isRef ? i : i - nr;
            Dataset side = isRef ? split.reference() : split.target();
            int cluster = isRef ? r.referenceCluster()[j] : r.targetCluster()[j];
            perCluster.merge(cluster, 1, Integer::sum);
            refCount += isRef ? 1 : 0;
            if (rows.size() < MAX_ROWS) {
                List<String> values = new ArrayList<>(columns.size());
                for (String c : columns) {
                    values.add(side.requireColumn(c).text(j));
                }
                rows.add(new Row(isRef ? "reference" : "target", j, cluster, values));
            }
        }
        StringBuilder clusters = new StringBuilder();
        perCluster.forEach((c, count) -> clusters.append(clusters.isEmpty() ? "" : ", ")
                .append(MapView.clusterName(c)).append(": ").append(count));
        summary.setText(String.format(Locale.ROOT, "%,d points selected: %,d reference, %,d target · by cluster %s%s"
                        + " · %.1f %% of the reference, %.1f %% of the target",
                selected.length, refCount, selected.length - refCount, clusters,
                selected.length > MAX_ROWS ? " · the first " + MAX_ROWS + " are listed" : "",
                100.0 * refCount / Math.max(1, nr), 100.0 * (selected.length - refCount)
                        / Math.max(1, r.targetCluster().length)) + accuracy(r, selected));
        List<TableColumn<Row, ?>> cols = new ArrayList<>();
        cols.add(column("side", Row::side));
        cols.add(column("row", x -> Integer.toString(x.row() + 1)));
        cols.add(column("cluster", x -> MapView.clusterName(x.cluster())));
        for (int c = 0; c < columns.size(); c++) {
            int k = c;
            cols.add(column(columns.get(c), x -> x.values().get(k)));
        }
        table.getColumns().setAll(cols);
        table.getItems().setAll(rows);
    }

    /**
     * " · target accuracy 0.912 [0.87, 0.94] (123 labelled)" for the selection's target points the built-in
     * encoder's classifier was scored on (reference points it trained on are not counted); "" without.
     */
    static String accuracy(MapAnalysis.Result r, int[] selected) {
        if (r.correct() == null) {
            return "";
        }
        int nr = r.referenceCluster().length;
        StringBuilder out = new StringBuilder();
        for (boolean target : new boolean[] {false, true}) {
            int right = 0;
            int labelled = 0;
            for (int i : selected) {
                if ((i >= nr) != target) {
                    continue;
                }
                byte v = target ? r.correct().target()[i - nr] : r.correct().reference()[i];
                if (v != org.shiftscope.analysis.Subpopulations.Correct.UNLABELLED) {
                    labelled++;
                    right += v == org.shiftscope.analysis.Subpopulations.Correct.RIGHT ? 1 : 0;
                }
            }
            if (labelled > 0) {
                org.shiftscope.analysis.Subpopulations.Accuracy a =
                        new org.shiftscope.analysis.Subpopulations.Accuracy(right, labelled);
                out.append(String.format(Locale.ROOT, " · %s accuracy %.3f [%.3f, %.3f] (%,d labelled)",
                        target ? "target" : "reference", a.value(), a.low(), a.high(), labelled));
            }
        }
        return out.toString();
    }

    /** A page of the selection's images: reference and target side by side, with the pager. */
    private void showGallery(Gallery g) {
        thumbnails.getChildren().setAll(g.reference().stream().map(i -> (Node) thumbnail(i)).toList());
        targetThumbnails.getChildren().setAll(g.target().stream().map(i -> (Node) thumbnail(i)).toList());
        pageLabel.setText(g.pages() == 0 ? "" : String.format(Locale.ROOT, "page %d of %d", g.page() + 1, g.pages()));
        previous.setDisable(g.page() == 0);
        next.setDisable(g.page() + 1 >= g.pages());
        boolean any = !g.reference().isEmpty() || !g.target().isEmpty();
        thumbnailScroll.setVisible(any);
        thumbnailScroll.setManaged(any);
    }

    private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        return c;
    }

    /** An image at twice its size up to 64 pixels wide, pixels kept sharp; large images shrunk first. */
    static ImageView thumbnail(RasterImage img) {
        RasterImage small = org.shiftscope.core.ImageResize.fit(img, 64);
        return org.shiftscope.ui.common.Thumbnails.view(small, Math.min(64, 2 * small.width()));
    }
}
