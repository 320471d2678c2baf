package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.scenarios.Scenario;
import org.shiftscope.scenarios.Scenarios;
import org.shiftscope.workflow.lab.LabAnalysis;
import org.shiftscope.workflow.lab.ScenarioExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The classroom's built-in shifts: --list names them and what their intensity knob does;"
                + " --scenario NAME --intensity T --out DIR writes one as files (CSV tables or image folders) with a"
                + " project over them. Any analysis also takes them directly: --demo NAME --demo-intensity T.")
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--list", description = "List the scenarios.")
    boolean list;

    @Option(names = "--scenario", paramLabel = "NAME", description = "The scenario to write.")
    String scenario;

    @Option(names = "--intensity", paramLabel = "T", defaultValue = "1",
            description = "How strong the shift is: 0 (none) to 1 (default ${DEFAULT-VALUE}).")
    double intensity;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1500", description = "Rows per side (default"
            + " ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write the scenario's files into.")
    Path out;

    @Option(names = "--sweep", paramLabel = "T,T", split = ",", description = "Instead of writing files, run the"
            + " Lab's frame (600 rows a side) at each intensity: the MMD test, PercentExplained at k = 1..4, and a"
            + " 15-NN classifier's accuracy on held-out reference rows, on the target and on its worst group.")
    List<Double> sweep;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (list == (scenario != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --list, or --scenario NAME with"
                    + " --out DIR");
        }
        if (list) {
            if (output.json()) {
                ObjectNode root = Json.object();
                ArrayNode a = root.putArray("scenarios");
                for (Scenarios.Entry e : LabAnalysis.catalog()) {
                    ObjectNode o = a.addObject();
                    o.put("id", e.id());
                    o.put("kind", e.kind());
                    o.put("intensity", e.intensity());
                }
                Json.print(w, "demo-list", root);
            } else {
                for (Scenarios.Entry e : LabAnalysis.catalog()) {
                    w.printf(Locale.ROOT, "%-20s %-7s intensity t: %s%n", e.id(), e.kind(), e.intensity());
                }
                w.flush();
            }
            return 0;
        }
        if (sweep != null && !sweep.isEmpty()) {
            return sweep(w);
        }
        if (out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scenario needs --out DIR (or --sweep)");
        }
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        Scenario s = LabAnalysis.scenario(scenario, rows, seed, intensity, monitor.range(0, 0.2));
        Path project = ScenarioExport.write(s, out, monitor.range(0.2, 1));
        ConsoleProgress.clear(monitor);
        if (output.json()) {
            ObjectNode o = Json.object();
            o.put("scenario", s.id());
            o.put("title", s.title());
            o.put("description", s.description());
            o.put("intensity", intensity);
            o.put("rows", rows);
            o.put("seed", seed);
            o.put("folder", out.toAbsolutePath().normalize().toString());
            o.put("project", project.toAbsolutePath().normalize().toString());
            Json.print(w, "demo", o);
        } else {
            w.printf(Locale.ROOT, "%s: %s%nwrote %s (open the project %s)%n", s.title(), s.description(),
                    out.toAbsolutePath().normalize(), project.getFileName());
            w.flush();
        }
        return 0;
    }

    private int sweep(PrintWriter w) {
        ObjectNode root = Json.object();
        root.put("scenario", scenario);
        root.put("rows", LabAnalysis.ROWS);
        root.put("seed", seed);
        ArrayNode frames = root.putArray("frames");
        if (!output.json()) {
            w.printf(Locale.ROOT, "%-9s %-9s %-23s %-12s %-10s %s%n", "intensity", "MMD p", "PercentExplained k=1..4",
                    "reference", "target", "worst group");
        }
        for (double t : sweep) {
            LabAnalysis.Frame f = LabAnalysis.run(scenario, t, LabAnalysis.ROWS, seed, TaskMonitor.NONE);
            java.util.Map.Entry<String, Double> worst = f.worstGroup();
            ObjectNode o = frames.addObject();
            o.put("intensity", t);
            o.put("mmd_p", f.mmd().pValue());
            o.put("shift_detected", f.shiftDetected());
            ArrayNode pe = o.putArray("percent_explained");
            for (double v : f.curve()) {
                if (Double.isNaN(v)) {
                    pe.addNull();
                } else {
                    pe.add(v);
                }
            }
            if (worst == null) { // a scenario without labels: no classifier to measure
                o.putNull("reference_accuracy");
                o.putNull("target_accuracy");
                o.putNull("worst_group");
                o.putNull("worst_group_accuracy");
            } else {
                o.put("reference_accuracy", f.inDistribution());
                o.put("target_accuracy", f.accuracy());
                o.put("worst_group", worst.getKey());
                o.put("worst_group_accuracy", worst.getValue());
            }
            if (!output.json()) {
                StringBuilder curve = new StringBuilder();
                for (double v : f.curve()) {
                    curve.append(String.format(Locale.ROOT, "%5.1f", v));
                }
                if (worst == null) {
                    w.printf(Locale.ROOT, "%-9.2f %-9.3f %-23s %-12s %-10s %s%n", t, f.mmd().pValue(),
                            curve.toString().strip(), "-", "-", "- (no label)");
                } else {
                    w.printf(Locale.ROOT, "%-9.2f %-9.3f %-23s %-12.3f %-10.3f %s %.3f%n", t, f.mmd().pValue(),
                            curve.toString().strip(), f.inDistribution(), f.accuracy(), worst.getKey(),
                            worst.getValue());
                }
            }
        }
        if (output.json()) {
            Json.print(w, "demo-sweep", root);
        }
        w.flush();
        return 0;
    }
}
