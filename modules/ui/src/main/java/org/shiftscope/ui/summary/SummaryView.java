package org.shiftscope.ui.summary;

import java.util.function.Function;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.shiftscope.ui.common.FrameFeed;
import org.shiftscope.ui.common.Styles;
import org.shiftscope.ui.common.ViewControls;
import org.shiftscope.workflow.summary.ScaleSummary;

/**
 * The Full data view of a summary project: the drift of every column over every row (sketched or exact), the
 * classifier test, the k-means clusters' shares on each side with the transport between them, and the audit's rates
 * per group, as the Spark run found them. The project's other views analyse its stratified sample.
 */
public final class SummaryView {

    private static final double ROW = 28;

    private final ScrollPane root;

    public SummaryView(SummaryViewModel vm) {
        Label title = new Label("Full data (Spark run)");
        title.getStyleClass().add(Styles.TITLE);
        Label headline = wrapped("summary-headline");
        headline.textProperty().bind(vm.headline());
        Label verdict = wrapped("summary-verdict");
        verdict.textProperty().bind(vm.verdict());
        vm.summaryProperty().addListener((o, a, s) -> style(verdict, s));
        style(verdict, vm.summaryProperty().get());
        Label sample = wrapped("summary-sample");
        sample.textProperty().bind(vm.sample());

        TableView<SummaryViewModel.ColumnRow> columns = table("summary-columns", vm.columns());
        columns.getColumns().add(column("column", SummaryViewModel.ColumnRow::column, 150));
        columns.getColumns().add(column("test", SummaryViewModel.ColumnRow::test, 60));
        columns.getColumns().add(column("statistic", SummaryViewModel.ColumnRow::statistic, 90));
        columns.getColumns().add(column("p", SummaryViewModel.ColumnRow::p, 90));
        columns.getColumns().add(column("p adjusted", SummaryViewModel.ColumnRow::pAdjusted, 110));
        columns.getColumns().add(column("drift", SummaryViewModel.ColumnRow::drift, 55));
        columns.getColumns().add(column("W1", SummaryViewModel.ColumnRow::w1, 80));
        columns.getColumns().add(column("PSI", SummaryViewModel.ColumnRow::psi, 80));
        columns.getColumns().add(column("computed from", SummaryViewModel.ColumnRow::computed, 320));

        Label clustersTitle = subtitle("Clusters (k-means on every row)");
        TableView<SummaryViewModel.ClusterRow> clusters = table("summary-clusters", vm.clusters());
        clusters.getColumns().add(column("cluster", SummaryViewModel.ClusterRow::cluster, 75));
        clusters.getColumns().add(column("reference rows", SummaryViewModel.ClusterRow::reference, 150));
        clusters.getColumns().add(column("target rows", SummaryViewModel.ClusterRow::target, 150));
        clusters.getColumns().add(column("change", SummaryViewModel.ClusterRow::change, 80));
        clusters.getColumns().add(column("reference mass sent to", SummaryViewModel.ClusterRow::sentTo, 280));
        clusters.getColumns().add(column("moves by", SummaryViewModel.ClusterRow::moves, 340));
        Node shares = shares(vm);
        Label transport = wrapped("summary-transport");
        transport.textProperty().bind(vm.transport());
        // the tables and the shares chart arrive a frame each (FrameFeed)
        VBox clusterBox = new VBox(8, clustersTitle, FrameFeed.later(shares), FrameFeed.later(clusters), transport);
        clusterBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.clusters()));
        clusterBox.managedProperty().bind(clusterBox.visibleProperty());

        TableView<SummaryViewModel.AuditRow> audit = table("summary-audit", vm.audit());
        audit.getColumns().add(column("group", SummaryViewModel.AuditRow::group, 110));
        audit.getColumns().add(column("side", SummaryViewModel.AuditRow::side, 80));
        audit.getColumns().add(column("rows", SummaryViewModel.AuditRow::rows, 90));
        audit.getColumns().add(column("accuracy [95 %]", SummaryViewModel.AuditRow::accuracy, 170));
        audit.getColumns().add(column("selection rate", SummaryViewModel.AuditRow::selection, 170));
        audit.getColumns().add(column("TPR", SummaryViewModel.AuditRow::tpr, 170));
        audit.getColumns().add(column("FPR", SummaryViewModel.AuditRow::fpr, 170));
        VBox auditBox = new VBox(8, subtitle("Audit per group (Wilson 95 % intervals)"), FrameFeed.later(audit));
        auditBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.audit()));
        auditBox.managedProperty().bind(auditBox.visibleProperty());

        VBox content = new VBox(10, title, headline, verdict, subtitle("Columns"), FrameFeed.later(columns),
                clusterBox, auditBox, sample);
        content.setPadding(new Insets(16));
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setId("summary-view");
    }

    public Parent root() {
        return root;
    }

    private static void style(Label verdict, ScaleSummary s) {
        verdict.getStyleClass().removeAll(Styles.VERDICT_DRIFT, Styles.VERDICT_NONE);
        if (s != null) {
            verdict.getStyleClass().add(s.drift() ? Styles.VERDICT_DRIFT : Styles.VERDICT_NONE);
        }
    }

    /** Each cluster's share of its side, reference and target bars side by side. */
    private static Node shares(SummaryViewModel vm) {
        CategoryAxis x = new CategoryAxis();
        x.setLabel("cluster");
        NumberAxis y = new NumberAxis();
        y.setLabel("share of side (%)");
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("summary-shares");
        chart.setAnimated(false);
        chart.setTitle("Cluster shares");
        chart.setMinHeight(260);
        chart.setPrefHeight(300);
        Runnable draw = () -> {
            chart.getData().clear();
            ScaleSummary s = vm.summaryProperty().get();
            if (s == null || s.clusters() == null) {
                return;
            }
            XYChart.Series<String, Number> ref = new XYChart.Series<>();
            ref.setName("reference");
            XYChart.Series<String, Number> tgt = new XYChart.Series<>();
            tgt.setName("target");
            long nRef = s.clusters().referenceRows();
            long nTgt = s.clusters().targetRows();
            for (ScaleSummary.Cluster c : s.clusters().clusters()) {
                ref.getData().add(new XYChart.Data<>(String.valueOf(c.id()), nRef == 0 ? 0 : 100.0 * c.reference() / nRef));
                tgt.getData().add(new XYChart.Data<>(String.valueOf(c.id()), nTgt == 0 ? 0 : 100.0 * c.target() / nTgt));
            }
            chart.getData().add(ref);
            chart.getData().add(tgt);
        };
        vm.summaryProperty().addListener((o, a, s) -> {
            FrameFeed.cancel(chart);
            FrameFeed.later(chart, draw); // a frame of its own
        });
        draw.run();
        return chart;
    }

    /** A table of {@code source}'s rows, which arrive a frame after they change (FrameFeed). */
    private static <R> TableView<R> table(String id, ObservableList<R> source) {
        ObservableList<R> rows = FrameFeed.mirror(source);
        TableView<R> t = new TableView<>(rows);
        t.setId(id);
        t.setFixedCellSize(ROW);
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // as tall as its rows (the page scrolls, not the table), within reason
        t.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(16, Math.max(rows.size(), 1)) * ROW + ROW + 18, rows));
        t.minHeightProperty().bind(t.prefHeightProperty());
        return t;
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = ViewControls.textColumn(title, value);
        c.setPrefWidth(width);
        return c;
    }

    private static Label wrapped(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Label subtitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SUBTITLE);
        return l;
    }
}
