package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.adapt.AdaptationRunJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the stored adaptation runs, newest first: method, options, seed, data and model hashes,"
                + " status (running, done, failed, interrupted), timestamps and results.")
final class RunsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        RunStore store = RunStore.standard();
        PrintWriter w = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode root = Json.object();
            root.put("store", store.file().toString());
            ArrayNode runs = root.putArray("runs");
            for (RunStore.Run r : store.list()) {
                ObjectNode o = runs.addObject();
                o.put("run_id", r.id());
                o.put("kind", r.kind());
                o.put("method", r.method());
                o.set("options", r.options());
                o.put("seed", r.seed());
                o.put("data_hash", r.dataHash());
                o.put("model_hash", r.modelHash());
                o.put("status", r.status());
                o.put("started", r.started());
                o.put("finished", r.finished());
                o.set("result", r.result() == null ? null : AdaptationRunJson.write(r.result()));
                if (r.problem() != null) {
                    o.put("problem", r.problem());
                }
            }
            Json.print(w, "runs", root);
            return 0;
        }
        w.printf(Locale.ROOT, "%-9s %-6s %-12s %-25s %s%n", "run", "method", "status", "started", "target accuracy"
                + " before -> after");
        for (RunStore.Run r : store.list()) {
            String acc = r.result() == null ? "" : r.result().accuracyChange(" -> ");
            w.printf(Locale.ROOT, "%-9s %-6s %-12s %-25s %s%n", r.id(), r.method(), r.status(), r.started(), acc);
        }
        w.flush();
        return 0;
    }
}
