package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Define reference and target; print both sides' row counts and the columns used.")
final class SplitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        boolean json = output.json();
        Split s = split.build();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("split", s.description());
            side(root.putObject("reference"), s.reference(), s.referenceRows(), s.referenceDropped());
            side(root.putObject("target"), s.target(), s.targetRows(), s.targetDropped());
            ArrayNode cols = root.putArray("columns");
            s.columns().forEach(cols::add);
            root.put("missing", s.policy().label());
            Json.print(out, "split", root);
        } else {
            out.printf(Locale.ROOT, "%s%n", s.description());
            out.printf(Locale.ROOT, "  reference: %,d rows (%,d used, %,d dropped for missing values)%n",
                    s.referenceRows(), s.reference().rowCount(), s.referenceDropped());
            out.printf(Locale.ROOT, "  target:    %,d rows (%,d used, %,d dropped for missing values)%n",
                    s.targetRows(), s.target().rowCount(), s.targetDropped());
            out.printf(Locale.ROOT, "  columns (%d): %s%n", s.columns().size(), String.join(", ", s.columns()));
            out.flush();
        }
        return 0;
    }

    private static void side(ObjectNode node, Dataset d, int rows, int dropped) {
        node.put("name", d.name());
        node.put("rows", rows);
        node.put("rows_used", d.rowCount());
        node.put("dropped_missing", dropped);
        node.put("sha256", d.source().contentHash());
    }
}
