package org.shiftscope.ui.common;

import java.util.function.Function;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.util.StringConverter;

/** Small controls that several views share. */
public final class ViewControls {

    private ViewControls() {
    }

    /**
     * A row of settings that wraps onto the next line when the window is narrow, so no label or button shrinks to an
     * ellipsis (labels, buttons and choice boxes keep their preferred width).
     */
    public static javafx.scene.layout.FlowPane settingsRow(javafx.scene.Node... nodes) {
        for (javafx.scene.Node n : nodes) {
            if (n instanceof javafx.scene.control.Labeled l) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            } else if (n instanceof javafx.scene.control.ChoiceBox<?> c) {
                c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(10, 6, nodes);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    /** A one-line summary of the view's result (bold counts style). */
    public static Label summary(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.COUNTS);
        l.setWrapText(true);
        l.textProperty().bind(text);
        return l;
    }

    /** The reason the last computation failed; takes no space while there is none. */
    public static Label problem(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.PROBLEM);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A read-only table column of text taken from each row. */
    public static <R> javafx.scene.control.TableColumn<R, String> textColumn(String title,
                                                                           Function<R, String> value) {
        javafx.scene.control.TableColumn<R, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** Shows choice-box items by a name; choice boxes never parse text. */
    public static <T> StringConverter<T> converter(Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("choice boxes do not parse text");
            }
        };
    }
}
