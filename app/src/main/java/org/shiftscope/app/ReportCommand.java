package org.shiftscope.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import org.shiftscope.workflow.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the auditor's report: a self-contained HTML file (or PDF, by the name's .pdf) with the"
                + " subgroup audit of reference and target side by side, the change per group, the disparities, the"
                + " transport clusters' groups, and the provenance (file hashes, split, model hash, options, seeds,"
                + " versions). From a saved project (--project FILE, as the app saves it) or from split and audit"
                + " options; --save-project writes those to a project that repeats the report.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--project", paramLabel = "FILE", description = "A project file with a split and an audit.")
    Path project;

    @Mixin
    SplitOptions split;

    @Mixin
    AuditOptions audit;

    @Option(names = "--out", required = true, paramLabel = "FILE", split = ",",
            description = "Where to write: report.html, report.pdf, or both (report.html,report.pdf).")
    java.util.List<Path> out;

    @Option(names = "--save-project", paramLabel = "FILE", description = "Also save the split and audit options as"
            + " a project file.")
    Path saveProject;

    @Override
    public Integer call() {
        Project p;
        if (project != null) {
            if (split.given() || audit.given()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--project brings its own split and"
                        + " audit; give either a project or split and audit options");
            }
            p = ProjectStore.load(project);
            if (p.audit() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), project.getFileName()
                        + ": the project has no audit set up (set one up in the Subgroups view, or save one with"
                        + " --save-project)");
            }
        } else {
            p = new Project(split.definition(), "report").withAudit(audit.settings(spec));
        }
        if (saveProject != null) {
            ProjectStore.save(p, saveProject);
        }
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        ReportWriter.Report r = ReportWriter.compute(p, monitor);
        for (Path o : out) {
            ReportWriter.write(r, o);
        }
        ConsoleProgress.clear(monitor);
        PrintWriter w = spec.commandLine().getOut();
        for (Path o : out) {
            w.printf(Locale.ROOT, "wrote %s%n", o.toAbsolutePath().normalize());
        }
        if (saveProject != null) {
            w.printf(Locale.ROOT, "saved project %s (repeat: shiftscope report --project %s --out FILE)%n",
                    saveProject.toAbsolutePath().normalize(), saveProject);
        }
        w.flush();
        return 0;
    }
}
