package org.shiftscope.ui.explain;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.shiftscope.core.RasterImage;
import org.shiftscope.ui.common.Thumbnails;

/**
 * The selected cluster's exemplars: which reference examples moved to which target examples (images side by side,
 * an arrow between), with the rows named for any data.
 */
final class ExemplarStrip {

    private ExemplarStrip() {
    }

    static Node of(ExplainViewModel vm) {
        Label text = new Label();
        text.setId("exemplar-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.exemplarTextProperty());
        FlowPane reference = new FlowPane(4, 4);
        reference.setId("exemplar-reference");
        FlowPane target = new FlowPane(4, 4);
        target.setId("exemplar-target");
        Label arrow = new Label("→");
        arrow.setStyle("-fx-font-size: 2em;");
        HBox strip = new HBox(10, reference, arrow, target);
        strip.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, text, strip);
        box.setId("exemplar-strip");
        Runnable show = () -> {
            List<List<RasterImage>> s = vm.exemplarImagesProperty().get();
            reference.getChildren().setAll(s.get(0).stream().map(i -> (Node) Thumbnails.view(i, 64)).toList());
            target.getChildren().setAll(s.get(1).stream().map(i -> (Node) Thumbnails.view(i, 64)).toList());
            strip.setVisible(!s.get(0).isEmpty() || !s.get(1).isEmpty());
            strip.setManaged(strip.isVisible());
            box.setVisible(!vm.exemplarTextProperty().get().isEmpty());
            box.setManaged(box.isVisible());
        };
        vm.exemplarImagesProperty().addListener((o, a, b) -> show.run());
        vm.exemplarTextProperty().addListener((o, a, b) -> show.run());
        show.run();
        return box;
    }
}
