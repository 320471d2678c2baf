package org.shiftscope.ui.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.shiftscope.core.DataException;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.report.Report;
import org.shiftscope.workflow.report.ReportAnalysis;
import org.shiftscope.workflow.report.ReportWriter;

/**
 * State of the Report view: the report of what the project holds now (the data and drift tests, and the map, the
 * explanation, the adaptation runs and the audit when the project has them), previewed in the window and written
 * as HTML or PDF (by the file's name), computed in the background.
 */
public final class ReportViewModel {

    private final TaskRunner tasks;
    private final Supplier<Project> project;
    private final StringProperty summary = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty browserReady =
            new javafx.beans.property.SimpleBooleanProperty(false);
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty written = new SimpleStringProperty("");
    /** The previewed report's HTML; empty before a preview. */
    private final StringProperty previewHtml = new SimpleStringProperty("");
    /** The last report computed, and the project it was computed from (a write reuses it while they agree). */
    private final ObjectProperty<Report> computed = new SimpleObjectProperty<>();
    private Project computedFrom;

    public ReportViewModel(TaskRunner tasks, Supplier<Project> project) {
        this.tasks = tasks;
        this.project = project;
    }

    /** Says what a report would hold now. */
    public void refresh() {
        Project p = project.get();
        problem.set("");
        List<String> parts = new ArrayList<>(List.of("the data and their per-column drift tests (with the MMD and"
                + " classifier tests)"));
        if (p.map() != null) {
            parts.add("the subpopulation map and its table");
        }
        if (p.explain() != null) {
            parts.add("the transport explanation with its exemplar strips");
        }
        parts.add("the adaptation runs on these data (from the run history)");
        if (p.audit() != null) {
            parts.add("the subgroup audit by " + String.join(" x ", p.audit().options().groups())
                    + (p.audit().clusters() > 0 ? " with its " + p.audit().clusters() + " transport clusters" : ""));
        }
        summary.set("The report of " + p.split().source().describe() + " covers " + String.join(", ", parts)
                + ", and the provenance (file hashes, options, seeds, versions, the project)."
                + (p.audit() == null ? " Set up an audit in the Subgroups view to add it." : ""));
    }

    /** Computes the report and shows it in the window (nothing is written). */
    public void preview() {
        Project p = project.get();
        problem.set("");
        written.set("");
        tasks.submit("report", "Computing the report", monitor -> {
            BrowserWarmUp.run();
            // the browser's page is made on the FX thread while the report is computed: its start (about 70 ms of
            // WebKit's own) is then not in the same frame as showing the report
            tasks.onUiThread(() -> browserReady.set(true));
            Report r = ReportAnalysis.compute(p, monitor);
            return new Previewed(r, ReportWriter.html(r, Path.of("").toAbsolutePath()));
        }, done -> {
            computed.set(done.report());
            computedFrom = p;
            previewHtml.set(done.html());
        }, this::failed);
    }

    private record Previewed(Report report, String html) {
    }

    /** Writes the report to {@code out} (.pdf: PDF; else HTML): the previewed one while the project is the same. */
    public void write(Path out) {
        Project p = project.get();
        problem.set("");
        written.set("");
        Report ready = p.equals(computedFrom) ? computed.get() : null;
        tasks.submit("report", "Writing the report", monitor -> {
            Report r = ready != null ? ready : ReportAnalysis.compute(p, monitor);
            ReportWriter.write(r, out);
            return out.toAbsolutePath().normalize();
        }, path -> written.set("Wrote " + path), this::failed);
    }

    private void failed(Throwable e) {
        problem.set(e instanceof DataException ? e.getMessage() : "The report could not be made: " + e.getMessage());
    }

    /** True once WebKit's native part is loaded (off the FX thread): the view may make its browser. */
    public javafx.beans.property.ReadOnlyBooleanProperty browserReadyProperty() {
        return browserReady;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public StringProperty writtenProperty() {
        return written;
    }

    public StringProperty previewHtmlProperty() {
        return previewHtml;
    }

    /** The last report computed (by a preview), or null. */
    public ObjectProperty<Report> computedProperty() {
        return computed;
    }
}
