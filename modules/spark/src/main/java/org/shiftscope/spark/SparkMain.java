package org.shiftscope.spark;

import java.io.PrintWriter;
import org.shiftscope.core.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code shiftscope spark ...}: the analyses on Apache Spark, for data larger than one machine takes. Runs the same
 * way locally ({@code --master local[*]}) and on a cluster ({@code spark-submit --class org.shiftscope.spark.SparkMain
 * shiftscope-spark.jar detect ...}, or {@code --master spark://host:7077}). Exit codes as the desktop CLI's: 0 done,
 * 2 bad input (the message names the option, file or column), 1 an internal error.
 */
@Command(name = "shiftscope spark", mixinStandardHelpOptions = true, version = "ShiftScope on Spark",
        description = "The analyses on Apache Spark, for data no one machine holds.",
        subcommands = {SparkDetect.class, SparkEmbed.class, SparkMap.class, SparkExplain.class, SparkAuditCommand.class,
                CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {

    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: detect, embed, map, explain or audit");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
                + t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Runs one command; its output goes to out, messages to err. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable t = e;
            while (t != null && !(t instanceof DataException)) {
                t = t.getCause();
            }
            if (t instanceof DataException d) {
                // as the desktop CLI: the message, then the option that fixes it
                err.println("error: " + d.getMessage().replace('\n', ' ')
                        + (d.setting() == null ? "" : " (" + d.setting() + ")"));
                return BAD_INPUT;
            }
            // a job the cluster failed (or any other surprise): one line, the innermost cause, and where to look
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("error: the Spark job failed: " + firstLine(root) + (root == e ? "" : " (in: " + firstLine(e)
                    + ")") + "; the driver's log above and the executors' logs (the cluster's web UI) say more");
            return 1;
        });
        return cli.execute(args);
    }
}
