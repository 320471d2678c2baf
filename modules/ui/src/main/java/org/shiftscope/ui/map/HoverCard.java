package org.shiftscope.ui.map;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.shiftscope.ui.common.Thumbnails;

/**
 * The card that shows the point under the mouse on the map: its image (read in the background, cached) and its
 * side, row, cluster and values, in the map's top-left corner so it never hides the point.
 */
final class HoverCard {

    private HoverCard() {
    }

    /** The map with the card laid over it. */
    static Node over(MapCanvas canvas, MapViewModel vm) {
        Label text = new Label();
        text.setId("map-hover-text");
        text.setWrapText(true);
        text.setMaxWidth(260);
        text.textProperty().bind(vm.hoverTextProperty());
        StackPane picture = new StackPane();
        picture.setId("map-hover-image");
        VBox card = new VBox(4, picture, text);
        card.setId("map-hover");
        card.setPadding(new Insets(6));
        card.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        card.getStyleClass().add("hover-card");
        card.setMouseTransparent(true);
        Runnable show = () -> {
            picture.getChildren().setAll(vm.hoverImageProperty().get() == null ? java.util.List.of()
                    : java.util.List.of(Thumbnails.view(vm.hoverImageProperty().get(), 128)));
            card.setVisible(!vm.hoverTextProperty().get().isEmpty());
        };
        vm.hoverTextProperty().addListener((o, a, b) -> show.run());
        vm.hoverImageProperty().addListener((o, a, b) -> show.run());
        show.run();
        StackPane layers = new StackPane(canvas, card);
        StackPane.setAlignment(card, Pos.TOP_LEFT);
        StackPane.setMargin(card, new Insets(8));
        return layers;
    }
}
