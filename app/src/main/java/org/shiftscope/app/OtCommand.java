package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.TransportAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ot", mixinStandardHelpOptions = true,
        description = "Squared 2-Wasserstein distance W2^2 between reference and target (numeric columns).")
final class OtCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Mixin
    TransportOptions transport;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        boolean json = output.json();
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        TransportAnalysis.Options options = transport.options(TransportAnalysis.Standardize.NONE);
        Split s = split.build();
        TransportAnalysis.Prepared p = TransportAnalysis.prepare(s, options.standardize(), !split.columns.isEmpty());
        TransportAnalysis.OtResult r = TransportAnalysis.ot(p, options, monitor);
        ConsoleProgress.clear(monitor);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("w2sq", r.w2sq());
            root.put("solver", r.solver());
            root.put("n_reference", r.nReference());
            root.put("n_target", r.nTarget());
            root.put("seconds", r.seconds());
            root.put("standardize", options.standardize().id());
            p.features().forEach(root.putArray("features")::add);
            Json.print(out, "ot", root);
        } else {
            out.printf(Locale.ROOT, "W2^2 = %.10g  (%s; %d reference x %d target points, %d features, %s; %.2f s)%n",
                    r.w2sq(), r.solver(), r.nReference(), r.nTarget(), p.features().size(),
                    options.standardize() == TransportAnalysis.Standardize.NONE ? "raw units" : "z-scored units",
                    r.seconds());
            out.flush();
        }
        return 0;
    }
}
