package org.shiftscope.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.stage.Window;

/**
 * The light and dark themes: AtlantaFX's Primer themes as the controls' look, our stylesheet on top (its colours
 * switch with the {@code theme-dark} class on each scene's root), and the paper and ink the canvases draw with.
 * Presentation mode is a style class on top of either.
 */
public enum Theme {
    LIGHT(Color.WHITE, Color.web("#1f2328"), Color.gray(0.55)),
    DARK(Color.web("#0d1117"), Color.web("#e6edf3"), Color.gray(0.5));

    static final String DARK_CLASS = "theme-dark";
    private static final ReadOnlyObjectWrapper<Theme> CURRENT = new ReadOnlyObjectWrapper<>(LIGHT);
    private static final javafx.beans.property.BooleanProperty PRESENTING =
            new javafx.beans.property.SimpleBooleanProperty(false);

    private final Color paper;
    private final Color ink;
    private final Color faint;

    Theme(Color paper, Color ink, Color faint) {
        this.paper = paper;
        this.ink = ink;
        this.faint = faint;
    }

    /** The canvases' background. */
    public Color paper() {
        return paper;
    }

    /** Axes, labels and outlines on the canvases. */
    public Color ink() {
        return ink;
    }

    /** Points outside the selection, grid lines. */
    public Color faint() {
        return faint;
    }

    /** "light" or "dark", as preferences store it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme of an id; light for anything unknown. */
    public static Theme of(String id) {
        return "dark".equalsIgnoreCase(id) ? DARK : LIGHT;
    }

    public static Theme current() {
        return CURRENT.get();
    }

    /** The theme in use; canvases redraw when it changes. */
    public static ReadOnlyObjectProperty<Theme> currentProperty() {
        return CURRENT.getReadOnlyProperty();
    }

    /** Makes this the theme of every window, open and to come (FX thread). */
    public void apply() {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        CURRENT.set(this);
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                mark(w.getScene());
            }
        }
    }

    /** Whether presentation mode is on: the canvases draw bigger marks (the style class does the rest). */
    public static boolean presenting() {
        return PRESENTING.get();
    }

    /** Presentation mode, on or off; the canvases redraw when it changes. FX thread. */
    public static javafx.beans.property.BooleanProperty presentingProperty() {
        return PRESENTING;
    }

    /** Gives a new scene our stylesheet and the current theme's class. */
    public static Scene style(Scene scene) {
        String css = Theme.class.getResource(Styles.STYLESHEET).toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
        mark(scene);
        return scene;
    }

    private static void mark(Scene scene) {
        if (scene.getRoot() == null) {
            return;
        }
        var classes = scene.getRoot().getStyleClass();
        classes.remove(DARK_CLASS);
        if (current() == DARK) {
            classes.add(DARK_CLASS);
        }
    }
}
