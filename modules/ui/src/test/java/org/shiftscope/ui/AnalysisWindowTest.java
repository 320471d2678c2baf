package org.shiftscope.ui;


import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;


/** Headless (Monocle) tests of the real window's analysis views: map, adapt, subgroups and report. */
class AnalysisWindowTest extends WindowTesting {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void mapViewMapsAUsersModelsEmbeddingsAndAnNpyFile(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        // 12 rows, one with a missing 'note': the data split drops it, the embedding map keeps every row
        StringBuilder csv = new StringBuilder("a,b,c,d,note,side\n");
        for (int i = 0; i < 12; i++) {
            csv.append(i).append(',').append(i % 3).append(',').append(-i).append(',').append(i * 0.5).append(',')
                    .append(i == 4 ? "?" : "x").append(',').append(i < 6 ? "ref" : "tgt").append('\n');
        }
        Path data = dir.resolve("rows.csv");
        Files.writeString(data, csv);
        robot.interact(() -> {
            vm.data().dataPathProperty().set(data.toString());
            vm.data().referenceWhereProperty().set("side=ref");
            vm.data().targetWhereProperty().set("side=tgt");
            vm.data().modeProperty().set(org.shiftscope.ui.data.SourceMode.ONE_FILE);
            vm.data().apply();
        });
        waitFor(robot, "#row-counts", "Reference: 6 rows (5 used");
        robot.clickOn("#nav-map");
        Path model = Path.of("../embedding/src/test/resources/models/tiny_mlp.onnx").toAbsolutePath();
        robot.interact(() -> {
            vm.map().clustersProperty().set(2);
            vm.map().sourceProperty().set(org.shiftscope.workflow.map.MapSettings.Source.MODEL);
        });
        waitFor(robot, "#map-summary", "Choose an ONNX");
        robot.interact(() -> vm.map().sourceFileProperty().set(model.toString()));
        waitFor(robot, "#map-summary", "6 reference × 6 target points · 8 features (embeddings of tiny_mlp.onnx");
        Path npy = dir.resolve("emb.npy");
        double[] values = new double[12 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919 % 13) / 13.0;
        }
        org.shiftscope.io.NpyWriter.write(npy, 12, 3, values);
        robot.interact(() -> {
            vm.map().sourceProperty().set(org.shiftscope.workflow.map.MapSettings.Source.EMBEDDINGS);
            vm.map().sourceFileProperty().set(npy.toString());
        });
        waitFor(robot, "#map-summary", "6 reference × 6 target points · 3 features (embeddings of emb.npy");
        // every point of the map has its row listed, the one with the missing note included
        robot.interact(() -> vm.map().selectionProperty().set(java.util.stream.IntStream.range(0, 12).toArray()));
        waitFor(robot, "#map-selection-summary", "12 points selected: 6 reference, 6 target");
        // the sentence encoder reads a text column (here the notes, the missing one as an empty text)
        robot.interact(() -> {
            vm.map().sourceProperty().set(org.shiftscope.workflow.map.MapSettings.Source.TEXT);
            vm.map().labelProperty().set("note");
        });
        waitFor(robot, "#map-summary", "6 reference × 6 target points · 384 features (MiniLM sentence embeddings of note");
        robot.interact(() -> vm.map().sourceProperty().set(org.shiftscope.workflow.map.MapSettings.Source.EMBEDDINGS));
        Path shortNpy = dir.resolve("short.npy");
        org.shiftscope.io.NpyWriter.write(shortNpy, 5, 3, new double[15]);
        robot.interact(() -> vm.map().sourceFileProperty().set(shortNpy.toString()));
        waitFor(robot, "#map-problem", "short.npy: has 5 rows but rows.csv has 12");
        assertThat(errors).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void adaptViewRunsAMethodShowsBeforeAfterAndKeepsTheRun(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        // planted label shift: classes N(-1, 1) and N(1, 1) in x, priors 1/2 in the reference, 0.15 / 0.85 in the
        // target; the classifier learns y from x and noise column z
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(2);
        StringBuilder ref = new StringBuilder("x,z,y\n");
        StringBuilder tgt = new StringBuilder("x,z,y\n");
        for (int i = 0; i < 3000; i++) {
            int y = rnd.nextDouble() < 0.5 ? 1 : 0;
            ref.append(2 * y - 1 + rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append(",c")
                    .append(y).append('\n');
            int t = rnd.nextDouble() < 0.85 ? 1 : 0;
            tgt.append(2 * t - 1 + rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append(",c")
                    .append(t).append('\n');
        }
        Path r = dir.resolve("ref.csv");
        Path t = dir.resolve("tgt.csv");
        Files.writeString(r, ref);
        Files.writeString(t, tgt);
        robot.interact(() -> vm.data().openFiles(List.of(r, t)));
        waitFor(robot, "#row-counts", "Reference: 3,000 rows");
        robot.clickOn("#nav-adapt");
        robot.interact(() -> {
            vm.adapt().labelProperty().set("y");
            vm.adapt().methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("mlls"));
        });
        robot.clickOn("#adapt-run");
        waitFor(robot, "#adapt-summary", "target priors estimated");
        String summary = robot.lookup("#adapt-summary").queryAs(Label.class).getText();
        // "priors estimated (0.1xx, 0.8xx), actual (0.15x, 0.84x)": the estimate within 0.03 of the actual share
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("estimated \\(([0-9.]+), ([0-9.]+)\\), actual \\(([0-9.]+), ([0-9.]+)\\)").matcher(summary);
        assertThat(m.find()).as(summary).isTrue();
        assertThat(Math.abs(Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(4)))).isLessThan(0.03);
        TableView<org.shiftscope.ui.adapt.AdaptViewModel.Row> metrics =
                robot.lookup("#adapt-metrics").queryAs(TableView.class);
        WaitForAsyncUtils.waitForFxEvents();
        var accuracy = metrics.getItems().stream().filter(x -> x.metric().equals("accuracy")).findFirst().orElseThrow();
        assertThat(accuracy.delta()).isGreaterThan(0); // the prior correction helps
        assertThat(metrics.getItems()).extracting(org.shiftscope.ui.adapt.AdaptViewModel.Row::metric)
                .contains("balanced_accuracy", "macro_f1", "nll", "brier", "ece");
        TableView<org.shiftscope.workflow.adapt.RunStore.Run> runs = robot.lookup("#adapt-runs").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !runs.getItems().isEmpty()
                && runs.getItems().get(0).status().equals("done"));
        // a second run with BBSE, then the two compared
        robot.interact(() -> vm.adapt().methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("bbse")));
        robot.clickOn("#adapt-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runs.getItems().size() >= 2
                && runs.getItems().get(0).method().equals("bbse") && runs.getItems().get(0).status().equals("done"));
        robot.interact(() -> runs.getSelectionModel().selectRange(0, 2));
        waitFor(robot, "#adapt-summary", "Comparing the target metrics after run");
        assertThat(errors).isEmpty();
    }

    @Test
    void adaptViewPlotsTheLossLiveAndOffersAlphaAndAUsersModel(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        robot.clickOn("#nav-adapt");
        javafx.scene.control.Slider alpha = robot.lookup("#adapt-alpha").queryAs(javafx.scene.control.Slider.class);
        robot.interact(() -> vm.adapt().methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("mlls")));
        assertThat(alpha.isDisabled()).isTrue();
        robot.interact(() -> vm.adapt().methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("wise-ft")));
        assertThat(alpha.isDisabled()).isFalse();
        // a user's model runs only the methods that need its outputs alone
        robot.interact(() -> {
            vm.adapt().labelProperty().set("component");
            vm.adapt().modelFileProperty().set(dir.resolve("model.onnx").toString());
        });
        robot.clickOn("#adapt-run");
        waitFor(robot, "#adapt-problem", "wise-ft trains or changes the classifier");
        // GroupDRO on the mixture ring (groups: the ring's components), 30 epochs: its loss reaches the plot while
        // it trains, in batches, before the result redraws the whole curve
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> {
            vm.adapt().modelFileProperty().set("");
            vm.adapt().methodProperty().set(org.shiftscope.workflow.adapt.AdaptationRunner.method("group-dro"));
            vm.adapt().groupProperty().set("component");
            vm.adapt().epochsProperty().set(30);
            vm.adapt().loss().addListener((javafx.collections.ListChangeListener<Double>) c ->
                    sizes.add(vm.adapt().loss().size()));
        });
        robot.clickOn("#adapt-run");
        waitFor(robot, "#adapt-summary", "GroupDRO group weights");
        WaitForAsyncUtils.waitForFxEvents();
        int steps = vm.adapt().loss().size();
        assertThat(steps).isEqualTo(30 * 5); // 70 % of 1,500 reference rows in batches of 256
        // sizes: 0 (cleared at the start), then growing live batches, then the final redraw
        assertThat(sizes.stream().filter(n -> n > 0 && n < steps).count()).as(sizes.toString()).isGreaterThan(1);
        assertThat(robot.lookup("#adapt-loss").queryAs(LineChart.class).getTitle())
                .isEqualTo("GroupDRO: weighted group loss per step");
        assertThat(errors).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void subgroupsViewAuditsBothSidesAndTheReportViewWritesIt(FxRobot robot) throws Exception {
        // hand-made counts: reference A decides positive 4 of 10, B 7 of 10; target A 6 of 10, B 2 of 10; the label
        // is positive on the even rows of each group
        StringBuilder csv = new StringBuilder("side,group,y,pred,x\n");
        int[][] positives = {{4, 7}, {6, 2}};
        for (int side = 0; side < 2; side++) {
            for (int g = 0; g < 2; g++) {
                for (int i = 0; i < 10; i++) {
                    csv.append(side == 0 ? "ref" : "tgt").append(',').append(g == 0 ? "A" : "B").append(',')
                            .append(i % 2 == 0 ? 1 : 0).append(',').append(i < positives[side][g] ? 1 : 0).append(',')
                            .append(side + 0.1 * i).append('\n');
                }
            }
        }
        Path data = dir.resolve("groups.csv");
        Files.writeString(data, csv);
        Project p = new Project(new org.shiftscope.workflow.SplitDefinition(
                new org.shiftscope.workflow.SplitSource.FilteredFile(data, "side=ref", "side=tgt"), List.of("x"),
                org.shiftscope.core.MissingPolicy.DROP), "subgroups", null);
        robot.interact(() -> vm.show(p, null));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.data().resultProperty().get() != null
                && vm.data().resultProperty().get().split().reference().rowCount() == 20);
        assertThat(robot.lookup("#subgroups-view").tryQuery()).isPresent();
        robot.interact(() -> {
            vm.subgroups().labelProperty().set("y");
            vm.subgroups().predictionProperty().set("pred");
            vm.subgroups().groupProperty().set("group");
            vm.subgroups().minGroupSizeProperty().set(5);
        });
        robot.clickOn("#subgroups-run");
        waitFor(robot, "#subgroups-summary", "2 groups");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<org.shiftscope.ui.subgroups.SubgroupsViewModel.Row> table =
                robot.lookup("#subgroups-table").queryAs(TableView.class);
        // A reference, A target, A change, B reference, B target, B change
        assertThat(table.getItems()).hasSize(6);
        assertThat(table.getItems().get(0).values().get("selection_rate")).startsWith("0.400 [");
        assertThat(table.getItems().get(1).values().get("selection_rate")).startsWith("0.600 [");
        assertThat(table.getItems().get(2).values().get("selection_rate")).isEqualTo("+0.200");
        assertThat(table.getItems().get(5).values().get("selection_rate")).isEqualTo("-0.500");
        // demographic parity difference: |0.4 - 0.7| = 0.3 in the reference, |0.6 - 0.2| = 0.4 in the target
        assertThat(robot.lookup("#subgroups-summary").queryAs(Label.class).getText())
                .contains("demographic parity difference 0.300").contains("→ 0.400");
        javafx.scene.chart.BarChart<String, Number> chart = robot.lookup("#subgroups-chart")
                .queryAs(javafx.scene.chart.BarChart.class);
        assertThat(chart.getData()).hasSize(2);
        assertThat(chart.getData().get(1).getData().get(1).getYValue().doubleValue()).isEqualTo(0.2);
        // the settings travel with the project, and the Report view writes the report from it
        Path saved = dir.resolve("audit.shiftscope.json");
        robot.interact(() -> vm.saveAs(saved));
        assertThat(org.shiftscope.workflow.project.ProjectStore.load(saved).audit().options().groups()).containsExactly(
                "group");
        robot.clickOn("#nav-report");
        waitFor(robot, "#report-summary", "the subgroup audit by group");
        // the preview shows the report in the window: its sections, as the page's own DOM has them
        robot.clickOn("#report-preview");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#report-web").tryQuery().isPresent());
        javafx.scene.web.WebView web = robot.lookup("#report-web").queryAs(javafx.scene.web.WebView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> web.isVisible()
                && web.getEngine().getLoadWorker().getState() == javafx.concurrent.Worker.State.SUCCEEDED).get());
        Object sections = WaitForAsyncUtils.asyncFx(() -> web.getEngine().executeScript(
                "Array.from(document.querySelectorAll('h2')).map(h => h.id).join(',')")).get();
        assertThat(sections).isEqualTo("data,audit,provenance");
        assertThat(WaitForAsyncUtils.asyncFx(() -> web.getEngine().getTitle()).get())
                .startsWith("ShiftScope report: groups.csv");
        Path report = dir.resolve("audit.html");
        robot.interact(() -> vm.report().write(report));
        waitFor(robot, "#report-written", "Wrote");
        assertThat(Files.readString(report)).contains("0.400 [").contains("groups.csv");
        assertThat(errors).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapViewShowsTheSubpopulationTable(FxRobot robot) {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        robot.clickOn("#nav-map");
        waitFor(robot, "#map-summary", "8 clusters");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<org.shiftscope.analysis.Subpopulations.Cluster> table =
                robot.lookup("#subpopulation-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(8);
        // every point of both sides is in exactly one cluster
        assertThat(table.getItems().stream().mapToInt(c -> c.nReference()).sum()).isEqualTo(1500);
        assertThat(table.getItems().stream().mapToDouble(c -> c.targetShare()).sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        // shift-dragging a box over the whole map selects every point of both sides
        javafx.scene.Node canvas = robot.lookup("#map-canvas").query();
        javafx.geometry.Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        robot.press(javafx.scene.input.KeyCode.SHIFT);
        robot.drag(b.getMinX() + 2, b.getMinY() + 2, javafx.scene.input.MouseButton.PRIMARY)
                .dropTo(b.getMaxX() - 2, b.getMaxY() - 2);
        robot.release(javafx.scene.input.KeyCode.SHIFT);
        waitFor(robot, "#map-selection-summary", "3,000 points selected: 1,500 reference, 1,500 target");
        TableView<?> rows = robot.lookup("#map-selection-rows").queryAs(TableView.class);
        assertThat(rows.getItems()).hasSize(500);
        // colouring by the mixture's component column: one legend entry per component
        robot.interact(() -> {
            vm.map().colourColumnProperty().set("component");
            vm.map().colourByProperty().set(org.shiftscope.ui.map.MapViewModel.ColourBy.COLUMN);
        });
        javafx.scene.layout.HBox legend = robot.lookup("#map-legend").queryAs(javafx.scene.layout.HBox.class);
        assertThat(legend.getChildren().stream().map(n -> ((Label) n).getText()).toList())
                .containsExactly("c1", "c2", "c3", "c4", "c5", "c6");
        robot.interact(() -> table.getSelectionModel().select(2));
        assertThat(vm.map().highlightedProperty().get()).isEqualTo(table.getItems().get(2).id());
        robot.interact(() -> vm.map().clustersProperty().set(3));
        waitFor(robot, "#map-summary", "3 clusters");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(3);
        assertThat(vm.map().highlightedProperty().get()).isEqualTo(org.shiftscope.ui.map.MapViewModel.NO_HIGHLIGHT);
        // the two-sample tests ran on the mapped points (the ring's shift is plain)
        assertThat(robot.lookup("#map-summary").queryAs(Label.class).getText()).contains("on these points MMD p = ");
        robot.interact(() -> vm.map().clusteringProperty().set(
                org.shiftscope.workflow.map.MapAnalysis.Clustering.Method.GMM));
        waitFor(robot, "#map-summary", "Gaussian mixture, 3 components fitted on 3,000 points");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().stream().mapToInt(c -> c.nReference() + c.nTarget()).sum()).isEqualTo(3000);
        // the built-in encoder waits for a label, then maps its embeddings
        robot.interact(() -> vm.map().sourceProperty().set(org.shiftscope.workflow.map.MapSettings.Source.ENCODER));
        waitFor(robot, "#map-summary", "Choose the label column");
        assertThat(errors).isEmpty();
    }
}
