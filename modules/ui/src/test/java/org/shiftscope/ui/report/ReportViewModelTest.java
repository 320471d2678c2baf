package org.shiftscope.ui.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.ui.ViewModelTesting;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.project.Project;

class ReportViewModelTest {

    @TempDir
    Path dir;

    @Test
    void writesTheProjectsReportWithTheHandCountedRates() throws Exception {
        // group A: (label, decision) = (1,1) (1,0) (0,0) (0,1): selection 2/4; group B: (1,1) (1,1) (0,0) (0,0)
        String rows = "g,y,p\nA,1,1\nA,1,0\nA,0,0\nA,0,1\nB,1,1\nB,1,1\nB,0,0\nB,0,0\n";
        Path r = dir.resolve("ref.csv");
        Path t = dir.resolve("tgt.csv");
        Files.writeString(r, rows);
        Files.writeString(t, rows);
        SplitDefinition split = new SplitDefinition(new SplitSource.TwoFiles(r, t), List.of(), MissingPolicy.DROP);
        Project[] project = {new Project(split, "report", MapSettings.defaults())};
        ViewModelTesting testing = new ViewModelTesting();
        ReportViewModel vm = new ReportViewModel(testing.tasks, () -> project[0]);
        vm.refresh();
        assertThat(vm.summaryProperty().get()).contains("covers the data and their per-column drift tests")
                .contains("the subpopulation map").doesNotContain("transport explanation")
                .endsWith("Set up an audit in the Subgroups view to add it.");

        AuditAnalysis.Options o = new AuditAnalysis.Options("y", null, "p", null, List.of(), List.of(), List.of("g"),
                null, 1, 50, 0, null);
        project[0] = new Project(split, "report", MapSettings.defaults(), new AuditAnalysis.Settings(o, null, 0));
        vm.refresh();
        assertThat(vm.summaryProperty().get()).contains("the subgroup audit by g");
        // the preview computes the report; writing then saves that very report
        vm.preview();
        assertThat(vm.previewHtmlProperty().get()).contains("<h1>Distribution shift report</h1>")
                .contains("<h2 id=\"map\">").contains("<h2 id=\"audit\">");
        org.shiftscope.workflow.report.Report previewed = vm.computedProperty().get();
        Path out = dir.resolve("report.html");
        vm.write(out);
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.writtenProperty().get()).isEqualTo("Wrote " + out.toAbsolutePath().normalize());
        String html = Files.readString(out);
        assertThat(html).contains("<td>A</td>").contains("<td>B</td>").contains("0.500")
                .contains(previewed.made().toString()); // the previewed report, not a new one
        assertThat(testing.dialogs).isEmpty();
    }
}
