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
 * and, for image data, thumbnails of the first images.
 */
final class SelectionPanel {

    /** Rows listed in the table (the count above it covers the whole selection). */
    static final int MAX_ROWS = 500;
    /** Thumbnails shown for image data. */
    static final int MAX_THUMBNAILS = 60;

    /** One selected point: its side, its row within that side of the split, its cluster and its column values. */
    record Row(String side, int row, int cluster, List<String> values) {
    }

    private final MapViewModel vm;
    private final Label summary = new Label("Shift-drag a box on the map to list its rows.");
    private final TableView<Row> table = new TableView<>();
    private final FlowPane thumbnails = new FlowPane(4, 4);
    private final ScrollPane thumbnailScroll = new ScrollPane(thumbnails);
    private final VBox root;

    SelectionPanel(MapViewModel vm) {
        this.vm = vm;
        summary.setId("map-selection-summary");
        summary.setWrapText(true);
        table.setId("map-selection-rows");
        table.setPrefHeight(180);
        table.setPlaceholder(new Label("No points selected."));
        thumbnails.setId("map-thumbnails");
        thumbnailScroll.setFitToWidth(true);
        thumbnailScroll.setPrefHeight(140);
        thumbnailScroll.setVisible(false);
        thumbnailScroll.setManaged(false);
        root = new VBox(6, new Label("Selection"), summary, table, thumbnailScroll);
        root.setPadding(new Insets(4, 0, 0, 0));
        vm.selectionProperty().addListener((o, a, rows) -> show(rows));
    }

    Node root() {
        return root;
    }

    private void show(int[] selected) {
        MapAnalysis.Result r = vm.resultProperty().get();
        table.getItems().clear();
        thumbnails.getChildren().clear();
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
        List<RasterImage> images = new ArrayList<>();
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
            if (side.hasImages() && images.size() < MAX_THUMBNAILS) {
                images.add(side.images().get(j));
            }
        }
        StringBuilder clusters = new StringBuilder();
        perCluster.forEach((c, count) -> clusters.append(clusters.isEmpty() ? "" : ", ")
                .append(MapView.clusterName(c)).append(": ").append(count));
        summary.setText(String.format(Locale.ROOT, "%,d points selected: %,d reference, %,d target · by cluster %s%s",
                selected.length, refCount, selected.length - refCount, clusters,
                selected.length > MAX_ROWS ? " · the first " + MAX_ROWS + " are listed" : ""));
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
        for (RasterImage img : images) {
            thumbnails.getChildren().add(thumbnail(img));
        }
        thumbnailScroll.setVisible(!images.isEmpty());
        thumbnailScroll.setManaged(!images.isEmpty());
    }

    private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        return c;
    }

    /** An image at twice its size up to 64 pixels wide, pixels kept sharp; large images shrunk first. */
    static ImageView thumbnail(RasterImage img) {
        RasterImage small = org.shiftscope.ui.common.Thumbnails.fit(img, 64);
        return org.shiftscope.ui.common.Thumbnails.view(small, Math.min(64, 2 * small.width()));
    }
}
