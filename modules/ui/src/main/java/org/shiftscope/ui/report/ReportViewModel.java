package org.shiftscope.ui.report;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.shiftscope.core.DataException;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.report.ReportWriter;

/**
 * State of the Report view: writes the project's audit report (HTML or PDF by the file's name) in the background,
 * from the project as the window shows it (its split and the Subgroups view's settings).
 */
public final class ReportViewModel {

    private final TaskRunner tasks;
    private final Supplier<Project> project;
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty written = new SimpleStringProperty("");

    public ReportViewModel(TaskRunner tasks, Supplier<Project> project) {
        this.tasks = tasks;
        this.project = project;
    }

    /** Says what a report would hold now, or what is missing. */
    public void refresh() {
        Project p = project.get();
        if (p.audit() == null) {
            summary.set("");
            problem.set("Set up the audit in the Subgroups view first (label, decision and group columns).");
            return;
        }
        problem.set("");
        summary.set("The report audits " + p.split().source().describe() + " by "
                + String.join(" x ", p.audit().options().groups()) + ": per-group rates with 95 % intervals for"
                + " reference and target, the change, the disparities"
                + (p.audit().clusters() > 0 ? ", the " + p.audit().clusters() + " transport clusters' groups" : "")
                + ", and the provenance (file hashes, options, seeds, versions, the project).");
    }

    /** Recomputes the audit and writes the report to {@code out} (.pdf: PDF; else HTML). */
    public void write(Path out) {
        Project p = project.get();
        if (p.audit() == null) {
            refresh();
            return;
        }
        problem.set("");
        written.set("");
        tasks.submit("report", "Writing the report", monitor -> {
            ReportWriter.Report r = ReportWriter.compute(p, monitor);
            ReportWriter.write(r, out);
            return out.toAbsolutePath().normalize();
        }, path -> written.set("Wrote " + path), e -> problem.set(e instanceof DataException ? e.getMessage()
                : "The report could not be written: " + e.getMessage()));
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
}
