package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.gate.Gate;
import org.shiftscope.workflow.check.ProjectCheck;
import org.shiftscope.workflow.gate.ProjectGates;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "A project's gates for CI: runs the analyses the project's gates name (its split's drift tests,"
                + " its audit on the target, its transport explanation) and exits 1 when any gate fails, with one line"
                + " per gate. Gates come from the project (\"gates\") and from --detect/--audit/--explain; --save"
                + " keeps the given ones in the project.")
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "FILE", description = "The project file.")
    Path project;

    @Option(names = "--detect", split = ",", paramLabel = "GATE", description = "drift, mmd, classifier.")
    List<String> detect = new ArrayList<>();

    @Option(names = "--audit", split = ",", paramLabel = "GATE",
            description = "A disparity and a threshold: fpr_ratio>1.25, selection_rate_ratio<0.8, ...")
    List<String> audit = new ArrayList<>();

    @Option(names = "--explain", split = ",", paramLabel = "GATE", description = "w2sq>X.")
    List<String> explain = new ArrayList<>();

    @Option(names = "--save", description = "Keep the gates given here in the project file.")
    boolean save;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        Project p = ProjectStore.load(project);
        ProjectGates given = new ProjectGates(Gate.parseAll(detect), Gate.parseAll(audit), Gate.parseAll(explain));
        ProjectGates gates = p.gates().plus(given);
        if (save) {
            ProjectStore.save(p.withGates(gates), project);
        }
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        List<ProjectCheck.Checked> checked = ProjectCheck.run(p, gates, monitor);
        ConsoleProgress.clear(monitor);
        PrintWriter w = spec.commandLine().getOut();
        boolean failed = checked.stream().anyMatch(c -> c.verdict().failed());
        if (output.json()) {
            ObjectNode root = Json.object();
            root.put("project", project.toString());
            root.put("failed", failed);
            ArrayNode a = root.putArray("gates");
            for (ProjectCheck.Checked c : checked) {
                ObjectNode o = a.addObject();
                o.put("analysis", c.analysis());
                o.put("gate", c.verdict().gate().text());
                o.put("failed", c.verdict().failed());
                o.put("reason", c.verdict().reason());
            }
            Json.print(w, "check", root);
        } else {
            for (ProjectCheck.Checked c : checked) {
                w.printf(Locale.ROOT, "%-5s %-8s %-28s %s%n", c.verdict().failed() ? "FAIL" : "pass", c.analysis(),
                        c.verdict().gate().text(), c.verdict().reason());
            }
            w.flush();
        }
        if (failed) {
            long n = checked.stream().filter(c -> c.verdict().failed()).count();
            spec.commandLine().getErr().println("gate failed: " + n + " of " + checked.size() + " gates of "
                    + project.getFileName());
            spec.commandLine().getErr().flush();
            return GateOption.FAILED;
        }
        return 0;
    }
}
