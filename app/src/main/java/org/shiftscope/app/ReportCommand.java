package org.shiftscope.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import org.shiftscope.workflow.report.Report;
import org.shiftscope.workflow.report.ReportAnalysis;
import org.shiftscope.workflow.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the report of the whole analysis: a self-contained HTML file (or PDF, by the name's"
                + " .pdf). From a saved project (--project FILE, as the app saves it) it covers what the project"
                + " holds: the data and per-column drift tests with the MMD and classifier tests, the subpopulation"
                + " map and its table, the transport explanation with its curve and exemplar strips, the adaptation"
                + " runs on these data, and the subgroup audit; then the provenance (file hashes, options, seeds,"
                + " versions). From split options: the data and drift tests, and the audit when audit options are"
                + " given; --save-project writes those to a project that repeats the report. From --data FILE alone"
                + " (no split): the audit of that file.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--project", paramLabel = "FILE", description = "A project file, as the app saves it.")
    Path project;

    @Mixin
    SplitOptions split;

    @Mixin
    AuditOptions audit;

    @Option(names = "--out", required = true, paramLabel = "FILE", split = ",",
            description = "Where to write: report.html, report.pdf, or both (report.html,report.pdf); - writes the HTML"
                    + " to standard output.")
    java.util.List<Path> out;

    @Option(names = "--save-project", paramLabel = "FILE", description = "Also save the split and audit options as"
            + " a project file.")
    Path saveProject;

    @Override
    public Integer call() {
        Project p = null;
        boolean oneFile = split.data != null && split.referenceWhere == null && split.targetWhere == null;
        if (project != null) {
            if (split.given() || audit.given()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--project brings its own split and"
                        + " audit; give either a project or split and audit options");
            }
            p = ProjectStore.load(project);
        } else if (oneFile) {
            if (saveProject != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--save-project needs a split (a"
                        + " project compares two sides); one file's audit is repeated with the same options");
            }
        } else {
            p = new Project(split.definition(), "report");
            if (audit.given()) {
                p = p.withAudit(audit.settings(spec));
            }
        }
        if (saveProject != null) {
            ProjectStore.save(p, saveProject);
        }
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        Report r = oneFile && project == null
                ? ReportAnalysis.computeFile(split.data, audit.settings(spec), monitor)
                : ReportAnalysis.compute(p, monitor);
        if (out.size() == 1 && StdinPath.isStdout(out.get(0))) {
            ConsoleProgress.clear(monitor);
            spec.commandLine().getOut().print(ReportWriter.html(r, Path.of("").toAbsolutePath()));
            spec.commandLine().getOut().flush();
            return 0;
        }
        for (Path o : out) {
            if (StdinPath.isStdout(o)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--out - writes the HTML report to"
                        + " standard output alone; name files to write several");
            }
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
