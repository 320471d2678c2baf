package org.shiftscope.ui.data;

import java.util.List;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.shiftscope.core.Column;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.RasterImage;
import org.shiftscope.ui.common.Thumbnails;

/**
 * The Data view's images and texts: the form row that names a metadata table's image path column and image folder,
 * and samples of each side once loaded: images with their label, or the first text column's values.
 */
final class ImageRow {

    private ImageRow() {
    }

    /** "Image column [combo]  Image folder [field] Browse…": a table whose column names image files. */
    static Node form(DataViewModel vm, Function<String, java.io.File> chooseFolder) {
        ComboBox<String> column = new ComboBox<>();
        column.setId("image-column");
        column.setEditable(true);
        column.setPromptText("none: a plain table");
        column.setTooltip(new Tooltip("The column that names each row's image file (a metadata table such as"
                + " WILDS or Waterbirds: file path, label, group columns beside a folder of images)"));
        column.valueProperty().bindBidirectional(vm.imageColumnProperty());
        vm.resultProperty().addListener((o, a, r) -> {
            if (r == null) {
                return;
            }
            // text columns of the loaded file(s): the candidates for paths
            List<String> candidates = r.sides().reference().columns().stream()
                    .filter(c -> c.type() == ColumnType.TEXT || c.type() == ColumnType.CATEGORICAL)
                    .map(Column::name).toList();
            if (!column.getItems().equals(candidates)) {
                String chosen = vm.imageColumnProperty().get();
                column.getItems().setAll(candidates);
                vm.imageColumnProperty().set(chosen);
            }
        });
        TextField root = new TextField();
        root.setId("image-root");
        root.setPromptText("the table's folder");
        root.setPrefColumnCount(24);
        root.textProperty().bindBidirectional(vm.imageRootProperty());
        Button browse = new Button("Browse…");
        browse.setId("browse-image-root");
        browse.setOnAction(e -> {
            java.io.File f = chooseFolder.apply("Folder the image paths are relative to");
            if (f != null) {
                vm.imageRootProperty().set(f.getPath());
                vm.apply();
            }
        });
        // applied when the user picks from the list or presses Enter, not on every programmatic change
        column.setOnHidden(e -> vm.apply());
        column.getEditor().setOnAction(e -> {
            vm.imageColumnProperty().set(column.getEditor().getText());
            vm.apply();
        });
        root.setOnAction(e -> vm.apply());
        HBox row = new HBox(10, new Label("Image column"), column, new Label("Image folder"), root, browse);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Sample images of each side, shown once the split has images. */
    static Node samples(DataViewModel vm) {
        FlowPane reference = new FlowPane(4, 4);
        reference.setId("reference-samples");
        FlowPane target = new FlowPane(4, 4);
        target.setId("target-samples");
        VBox box = new VBox(4, new Label("Reference samples"), reference, new Label("Target samples"), target);
        box.setId("image-samples");
        Runnable show = () -> {
            List<List<RasterImage>> s = vm.samplesProperty().get();
            List<List<String>> labels = vm.sampleLabelsProperty().get();
            List<List<String>> texts = vm.sampleTextsProperty().get();
            for (int side = 0; side < 2; side++) {
                FlowPane pane = side == 0 ? reference : target;
                List<Node> cells = new java.util.ArrayList<>();
                for (int i = 0; i < s.get(side).size(); i++) {
                    String caption = i < labels.get(side).size() ? labels.get(side).get(i) : "";
                    cells.add(caption.isEmpty() ? Thumbnails.view(s.get(side).get(i), 72)
                            : new VBox(2, Thumbnails.view(s.get(side).get(i), 72), new Label(caption)));
                }
                if (s.get(side).isEmpty()) {
                    // texts: a short list of the first text column's values
                    for (String t : texts.get(side)) {
                        Label l = new Label(t);
                        l.setWrapText(true);
                        l.setMaxWidth(560);
                        cells.add(l);
                    }
                }
                pane.getChildren().setAll(cells);
            }
            boolean any = !s.get(0).isEmpty() || !s.get(1).isEmpty() || !texts.get(0).isEmpty()
                    || !texts.get(1).isEmpty();
            box.setVisible(any);
            box.setManaged(any);
        };
        vm.samplesProperty().addListener((o, a, b) -> show.run());
        vm.sampleTextsProperty().addListener((o, a, b) -> show.run());
        show.run();
        return box;
    }
}
