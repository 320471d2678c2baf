package org.shiftscope.ui.report;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;

/**
 * The Report view: a preview of the report of the whole analysis inside the window, and one click to write it as a
 * self-contained HTML file or a PDF.
 */
public final class ReportView {

    private final VBox root;

    public ReportView(ReportViewModel vm) {
        Button preview = new Button("Preview");
        preview.setId("report-preview");
        // the browser is made with the first preview: starting WebKit takes about a second (its native part is
        // loaded off the FX thread while the report is computed, see ReportViewModel#preview)
        javafx.scene.layout.StackPane webHolder = new javafx.scene.layout.StackPane();
        webHolder.setVisible(false);
        webHolder.setManaged(false);
        javafx.scene.layout.VBox.setVgrow(webHolder, javafx.scene.layout.Priority.ALWAYS);
        Runnable makeBrowser = () -> {
            if (webHolder.getChildren().isEmpty()) {
                javafx.scene.web.WebView web = new javafx.scene.web.WebView();
                web.setId("report-web");
                webHolder.getChildren().add(web);
            }
        };
        vm.browserReadyProperty().addListener((o, a, ready) -> makeBrowser.run());
        vm.previewHtmlProperty().addListener((o, a, page) -> {
            makeBrowser.run();
            ((javafx.scene.web.WebView) webHolder.getChildren().get(0)).getEngine().loadContent(page);
            webHolder.setVisible(!page.isEmpty());
            webHolder.setManaged(!page.isEmpty());
        });
        preview.setOnAction(e -> vm.preview());
        Button html = new Button("Write HTML report…");
        html.setId("report-html");
        preview.setDefaultButton(true);
        Button pdf = new Button("Write PDF…");
        pdf.setId("report-pdf");
        Label hint = new Label("The HTML file holds everything (figures, tables, the numbers as JSON, the project that"
                + " repeats it) and opens in any browser offline; the PDF is the same report laid out for print."
                + " Repeat it later from the saved project: shiftscope report --project FILE --out report.html");
        hint.setWrapText(true);
        Label written = ViewControls.summary("report-written", vm.writtenProperty());
        root = new VBox(10, ViewControls.summary("report-summary", vm.summaryProperty()),
                new HBox(10, preview, html, pdf), hint, written, ViewControls.problem("report-problem",
                vm.problemProperty()), webHolder);
        root.setId("report-view");
        root.getStyleClass().add(Styles.FORM);
        root.setPadding(new Insets(16));
        root.setAlignment(Pos.TOP_LEFT);
        html.setOnAction(e -> choose(vm, "report.html", "HTML report", "*.html"));
        pdf.setOnAction(e -> choose(vm, "report.pdf", "PDF", "*.pdf"));
        vm.refresh();
    }

    private void choose(ReportViewModel vm, String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Write the report");
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.write(f.toPath());
        }
    }

    public Parent root() {
        return root;
    }
}
