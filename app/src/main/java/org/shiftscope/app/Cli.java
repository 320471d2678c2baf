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
        subcommands = {InspectCommand.class, SplitCommand.class, OtCommand.class, ExplainCommand.class, DetectCommand.class, EmbedCommand.class, MapCommand.class, AdaptCommand.class, RunsCommand.class, AuditCommand.class, ReportCommand.class, CheckCommand.class, DemoCommand.class, CompletionCommand.class, GpuCommand.class, SnapshotCommand.class, BenchCommand.class},
        footer = {"", GlobalOptions.HELP, "", "Exit codes: 0 done; 1 a gate failed (--fail-on, check: one line per failed gate); 2 bad input or"
                + " usage (one line on stderr starting with 'error:'); 3 an internal error (one line saying where the"
                + " log with the details is)."})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit code of bad input, a usage error, or a resource the input needs and the machine lacks. */
    static final int BAD_INPUT = 2;
    /** Exit code of an internal error (a bug): its trace is in the log. */
    static final int INTERNAL = 3;

    /** Runs the CLI; returns the exit code (0 ok, 2 bad input or usage, 3 internal error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return execute(args, out, err);
        } catch (Throwable e) { // what escapes picocli: an Error such as OutOfMemoryError
            try {
                return report(e, args, err);
            } catch (Throwable worse) { // reporting failed too (e.g. a broken installation): one line all the same
                err.println("error: internal error (" + e + "; and while reporting it: " + worse + ")");
                return INTERNAL;
            }
        }
    }

    private static int execute(String[] given, PrintStream out, PrintStream err) {
        StdinPath.reset();
        String[] args;
        try {
            GlobalOptions global = GlobalOptions.parse(given);
            String problem = global.apply();
            if (problem != null) {
                err.println("warning: " + problem);
            }
            args = global.rest();
        } catch (DataException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
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
            try {
                return report(ex, args, err);
            } catch (Throwable worse) {
                err.println("error: internal error (" + ex + "; and while reporting it: " + worse + ")");
                return INTERNAL;
            }
        });
        return cl.execute(args);
    }

    /**
     * One line for whatever went wrong: the input's problem as its {@link DataException} says it, cancellation,
     * running out of memory (with how to give Java more), or an internal error (exit 3, its trace in the log).
     */
    static int report(Throwable ex, String[] args, PrintStream err) {
        DataException data = find(ex, DataException.class);
        if (data != null) {
            err.println("error: " + data.getMessage().replace('\n', ' ') + Options.hint(data.setting()));
            return BAD_INPUT;
        }
        if (find(ex, CancelledException.class) != null) {
            err.println("error: cancelled");
            return BAD_INPUT;
        }
        String command = args.length == 0 ? "shiftscope" : "shiftscope " + args[0];
        if (find(ex, OutOfMemoryError.class) != null) {
            err.println("error: " + command + " ran out of memory: the data need more than Java may use; "
                    + org.shiftscope.core.Memory.advice());
            return BAD_INPUT;
        }
        java.nio.file.FileSystemException fs = find(ex, java.nio.file.FileSystemException.class);
        if (fs != null) {
            err.println("error: " + (fs.getFile() == null ? "a file" : fs.getFile()) + ": "
                    + (fs instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : fs instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName()));
            return BAD_INPUT;
        }
        java.nio.file.Path log = org.shiftscope.workflow.ErrorLog.write(command + " " + String.join(" ", args), ex);
        err.println("error: internal error in " + command + (ex.getMessage() == null ? ""
                : " (" + ex.getMessage().lines().findFirst().orElse("") + ")") + "; "
                + (log == null ? "the log could not be written" : "the details are in " + log)
                + "; please report it");
        return INTERNAL;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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
