package org.shiftscope.app;

import java.nio.file.Path;
import java.util.List;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;

/**
 * A process for {@link KillTest} to kill: it saves a project over and over, alternating two versions (argument: the
 * project file), or writes a report over and over (arguments: "report", the file).
 */
public final class KillLoop {

    private KillLoop() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("report")) {
            org.shiftscope.workflow.report.Report r = org.shiftscope.workflow.report.ReportAnalysis.compute(
                    new Project(SplitDefinition.demo(), "report"), null, org.shiftscope.core.TaskMonitor.NONE);
            System.out.println("ready");
            System.out.flush();
            while (true) {
                org.shiftscope.workflow.report.ReportWriter.write(r, Path.of(args[1]));
            }
        }
        Path file = Path.of(args[0]);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            ProjectStore.save(version(i % 2 == 0), file);
        }
    }

    /** Two projects that differ in every part a save writes. */
    static Project version(boolean first) {
        return new Project(new SplitDefinition(new SplitSource.Demo(first ? "mixture-ring" : "two-moons",
                first ? 300 : 400, first ? 1 : 2), List.of(), MissingPolicy.DROP), first ? "data" : "map");
    }
}
