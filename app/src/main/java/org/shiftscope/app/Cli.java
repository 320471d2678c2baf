package org.shiftscope.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.shiftscope.core.CancelledException;
import org.shiftscope.core.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line. Every analysis gets a subcommand here that runs the same code as the app. */
@Command(name = "shiftscope", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Explore distribution shift between a reference and a target dataset.%n"
                + "Without a command, opens the desktop app on the demo project (or --project FILE).",
        subcommands = {InspectCommand.class, SplitCommand.class, OtCommand.class, ExplainCommand.class, DetectCommand.class, EmbedCommand.class, MapCommand.class, AdaptCommand.class, RunsCommand.class, AuditCommand.class, ReportCommand.class, DemoCommand.class, SnapshotCommand.class, BenchCommand.class},
        footer = {"", "Errors: exit code 2 and one line on stderr starting with 'error:'."})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI; returns the exit code (0 ok, 2 error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage().lines().findFirst().orElse("bad arguments")
                    + " (see shiftscope " + commandPath(ex.getCommandLine()) + "--help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (System.console() != null) {
                err.print("\r" + " ".repeat(79) + "\r"); // a progress line may be showing
            }
            Throwable cause = ex;
            while (!(cause instanceof DataException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof DataException de) {
                err.println("error: " + de.getMessage().replace('\n', ' ') + Options.hint(de.setting()));
            } else if (cause instanceof CancelledException) {
                err.println("error: cancelled");
            } else {
                err.println("error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            }
            return 2;
        });
        return cl.execute(args);
    }

    private static String commandPath(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName() + " ";
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ShiftScope " + version()};
        }
    }

    static String version() {
        return org.shiftscope.workflow.report.Provenance.version();
    }
}
