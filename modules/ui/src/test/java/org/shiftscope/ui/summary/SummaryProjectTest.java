package org.shiftscope.ui.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.shiftscope.ui.WindowTesting;
import org.shiftscope.ui.common.ViewId;
import org.shiftscope.workflow.project.ProjectStore;
import org.shiftscope.workflow.summary.ScaleSummary;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A summary project written by {@code shiftscope spark detect --out} (the fixture, remade by make_fixture.sh beside
 * it: 120,000 reference and 90,000 target rows on local[2]) opened in the real window: the Full data view's tables
 * and chart show the run's numbers, and the other views analyse the stratified sample (its map included).
 */
class SummaryProjectTest extends WindowTesting {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private Path fixture() throws Exception {
        for (String f : new String[] {"summary.shiftscope.json", "summary.sample.csv"}) {
            Files.copy(getClass().getResourceAsStream("/summary/" + f), dir.resolve(f));
        }
        return dir.resolve("summary.shiftscope.json");
    }

    @Test
    void opensOnTheFullDataViewWithTheRunsNumbers(FxRobot robot) throws Exception {
        Path file = fixture();
        ScaleSummary expected = ProjectStore.load(file).summary();
        robot.interact(() -> vm.openProject(file));
        waitFor(robot, "#summary-verdict", "Shift detected: 3 of 4 columns drifted");
        assertThat(vm.viewProperty().get()).isEqualTo(ViewId.SUMMARY);
        assertThat(robot.lookup("#nav-summary").query().isVisible()).isTrue();
        assertThat(robot.lookup("#summary-headline").queryAs(Label.class).getText())
                .startsWith("120,000 reference rows").contains("90,000 target rows").contains("Spark 4.");
        TableView<?> columns = robot.lookup("#summary-columns").queryAs(TableView.class);
        assertThat(columns.getItems()).hasSize(4);
        SummaryViewModel.ColumnRow age = (SummaryViewModel.ColumnRow) columns.getItems().get(0);
        assertThat(age.column()).isEqualTo("age");
        assertThat(age.statistic()).isEqualTo(SummaryViewModel.number(expected.columns().get(0).drift().statistic()));
        assertThat(age.computed()).startsWith("sketch: KS ± 0.00");
        assertThat(((SummaryViewModel.ColumnRow) columns.getItems().get(3)).computed()).isEqualTo("exact counts");
        TableView<?> clusters = robot.lookup("#summary-clusters").queryAs(TableView.class);
        assertThat(clusters.getItems()).hasSize(4);
        // shares as the counts give them: cluster 0 of the fixture
        ScaleSummary.Cluster c0 = expected.clusters().clusters().get(0);
        assertThat(((SummaryViewModel.ClusterRow) clusters.getItems().get(0)).reference()).isEqualTo(String.format(
                java.util.Locale.ROOT, "%,d (%.1f %%)", c0.reference(), 100.0 * c0.reference() / 120_000));
        BarChart<?, ?> shares = robot.lookup("#summary-shares").queryAs(BarChart.class);
        assertThat(shares.getData()).hasSize(2);
        assertThat(shares.getData().get(0).getData()).hasSize(4);
        assertThat(robot.lookup("#summary-transport").queryAs(Label.class).getText())
                .contains(String.format(java.util.Locale.ROOT, "explains %.1f %%",
                        expected.clusters().transport().percentExplained()));
        // the audit: (all), north and south on each side
        TableView<?> audit = robot.lookup("#summary-audit").queryAs(TableView.class);
        assertThat(audit.getItems()).hasSize(6);
        assertThat(((SummaryViewModel.AuditRow) audit.getItems().get(0)).group()).isEqualTo("(all)");
        assertThat(((SummaryViewModel.AuditRow) audit.getItems().get(0)).rows()).isEqualTo("120,000");

        // the other views: the stratified sample, 1,500 rows a side
        robot.clickOn("#nav-data");
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        robot.clickOn("#nav-map");
        waitFor(robot, "#map-summary", "1,500 reference × 1,500 target points");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors).isEmpty();

        // saved again, the project keeps its summary
        Path again = dir.resolve("again.shiftscope.json");
        robot.interact(() -> vm.saveAs(again));
        assertThat(ProjectStore.load(again).summary().columns()).isEqualTo(expected.columns());
        assertThat(ProjectStore.load(again).summary().engine()).isEqualTo(expected.engine());
    }

    @Test
    void anOrdinaryProjectHasNoFullDataView(FxRobot robot) {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        assertThat(robot.lookup("#nav-summary").query().isVisible()).isFalse();
    }
}
