package org.shiftscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.Axis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shiftscope.ui.common.Theme;
import org.shiftscope.ui.common.ViewId;
import org.shiftscope.workflow.project.Project;
import org.testfx.api.FxToolkit;

/**
 * The UI pass as a test: every view of the demo project, laid out as `snapshot --view` renders it, in both themes at
 * 1280 x 800 and 1920 x 1080: no label, button or choice cut to an ellipsis (tables scroll, so their cells are left
 * out), every chart that has data is big enough to read, with tick marks and tick labels on both axes, and every
 * control a user operates (buttons, choices, text fields, sliders, lists, tabs) is reachable with Tab.
 */
class ViewLayoutTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Theme t : Theme.values()) {
            for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
                for (ViewId v : ViewId.values()) {
                    out.add(Arguments.of(v, t, size[0], size[1]));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("cases")
    void nothingIsCutAndEveryChartReads(ViewId view, Theme theme, int width, int height) {
        List<String> problems = Snapshot.inspect(project(view), view, width, height, -1, false, theme,
                ViewLayoutTest::problems);
        assertThat(problems).as(view + " in " + theme + " at " + width + "x" + height).isEmpty();
    }

    /** The demo project; for the Full data view, the summary project a Spark run wrote (test resources). */
    private static Project project(ViewId view) {
        if (view != ViewId.SUMMARY) {
            return Project.demo();
        }
        try {
            return org.shiftscope.workflow.project.ProjectStore.load(java.nio.file.Path.of(
                    ViewLayoutTest.class.getResource("/summary/summary.shiftscope.json").toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @org.junit.jupiter.api.Test
    void theCheckFindsALabelCutToAnEllipsis() throws Exception {
        List<String> found = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.control.Button b = new javafx.scene.control.Button("Apply the split to both sides");
            Scene scene = Theme.style(new Scene(new javafx.scene.layout.HBox(b), 90, 40));
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return problems(scene);
        }).get();
        assertThat(found).singleElement().asString().startsWith("cut: 'Apply the split to both sides' shows 'A")
                .endsWith("' (Button)");
    }

    static List<String> problems(Scene scene) {
        List<String> out = new ArrayList<>();
        walk(scene.getRoot(), out);
        return out;
    }

    private static void walk(Node n, List<String> out) {
        if (!n.isVisible() || n instanceof TableView<?>) {
            return; // hidden parts are not seen; a table's cells scroll
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            String shown = shownText(l);
            if (shown != null && !shown.equals(l.getText()) && (shown.endsWith("...") || shown.endsWith("…"))) {
                out.add("cut: '" + l.getText() + "' shows '" + shown + "' (" + describe(l) + ")");
            }
        }
        if (isInteractive(n) && !n.isDisabled() && !n.isFocusTraversable()) {
            out.add("not reachable by keyboard: " + describe(n));
        }
        if (n instanceof XYChart<?, ?> chart && chart.getData() != null && chart.getData().stream()
                .anyMatch(s -> !s.getData().isEmpty())) {
            if (chart.getWidth() < 200 || chart.getHeight() < 150) {
                out.add("chart '" + chart.getTitle() + "' squeezed to " + (int) chart.getWidth() + "x"
                        + (int) chart.getHeight());
            }
            for (Axis<?> a : List.of(chart.getXAxis(), chart.getYAxis())) {
                if (!a.isTickLabelsVisible() || a.getTickMarks().isEmpty()) {
                    out.add("chart '" + chart.getTitle() + "' has an axis without tick labels");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, out);
            }
        }
    }

    /**
     * Controls a user operates: each must be reachable with Tab. Parts of a skin (a combo box's editor, the menu bar's
     * buttons, reached with F10) are not controls of their own.
     */
    private static boolean isInteractive(Node n) {
        String type = n.getClass().getName();
        if (type.startsWith("com.sun.") || type.startsWith("javafx.scene.control.skin.")) {
            return false;
        }
        return n instanceof javafx.scene.control.ButtonBase || n instanceof javafx.scene.control.ComboBoxBase<?>
                || n instanceof javafx.scene.control.ChoiceBox<?> || n instanceof javafx.scene.control.TextInputControl
                || n instanceof javafx.scene.control.Slider || n instanceof javafx.scene.control.ListView<?>
                || n instanceof javafx.scene.control.TabPane;
    }

    /** The text a labelled control's skin shows (its own Text child), or null when it shows none. */
    private static String shownText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t) {
                return t.getText();
            }
        }
        return null;
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : " #" + n.getId());
    }
}
