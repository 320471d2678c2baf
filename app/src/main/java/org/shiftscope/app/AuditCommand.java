package org.shiftscope.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.RowFilter;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.audit.ClusterGroups;
import org.shiftscope.workflow.audit.AuditJson;
import org.shiftscope.workflow.DatasetCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Subgroup audit of a binary decision: per group (one column, or the intersections of several)"
                + " count, base rate, selection rate, accuracy, TPR, FPR, FNR, precision (and calibration of a score),"
                + " each with a bootstrap 95 %% interval, and the disparities between groups and against a reference"
                + " group. One file (--data FILE alone, with --where to filter its rows) or both sides of a split,"
                + " side by side with the change.")
final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SplitOptions split;

    @Mixin
    AuditOptions audit;

    @Mixin
    FormatOption output;

    @Mixin
    GateOption gate;

    @Override
    public Integer call() {
        AuditAnalysis.Settings settings = audit.settings(spec);
        AuditAnalysis.Options o = settings.options();
        List<org.shiftscope.workflow.gate.Gate> gates = gate.gates();
        TaskMonitor monitor = ConsoleProgress.forTerminal();
        PrintWriter w = spec.commandLine().getOut();
        ObjectNode json;
        List<AuditAnalysis.Audit> audits = new ArrayList<>();
        AuditAnalysis.SplitAudit both = null;
        if (split.data != null && split.referenceWhere == null && split.targetWhere == null) {
            AuditAnalysis.Audit a = AuditAnalysis.audit(split.data, settings, monitor);
            audits.add(a);
            json = AuditJson.toJson(a);
        } else {
            both = AuditAnalysis.audit(split.definition(), settings, monitor);
            audits.add(both.reference());
            audits.add(both.target());
            json = AuditJson.toJson(both);
        }
        ConsoleProgress.clear(monitor);
        // the gates look at the side that matters: the target of a split, or the one file
        List<org.shiftscope.workflow.gate.Gate.Verdict> verdicts = org.shiftscope.workflow.gate.Gates.audit(gates,
                audits.get(audits.size() - 1));
        if (output.json()) {
            GateOption.json(json, verdicts);
            Json.print(w, "audit", json);
            return GateOption.exit(verdicts, spec.commandLine().getErr());
        }
        for (AuditAnalysis.Audit a : audits) {
            print(w, a, audits.size() == 1 ? json : json.get(a == audits.get(0) ? "reference" : "target"));
        }
        if (both != null && both.clusters() != null) {
            w.printf(Locale.ROOT, "transport clusters (k-cluster explanation over %s):%n",
                    String.join(", ", both.clusterFeatures()));
            for (ClusterGroups c : both.clusters()) {
                w.printf(Locale.ROOT, "  cluster %d moved %.3f along %s%n    reference %s%n    target    %s%n",
                        c.cluster(), c.moved(), String.join(", ", c.topFeatures()), c.reference(), c.target());
            }
        }
        w.flush();
        return GateOption.exit(verdicts, spec.commandLine().getErr());
    }

    private static void print(PrintWriter w, AuditAnalysis.Audit a, JsonNode j) {
        w.printf(Locale.ROOT, "%s: %,d rows (%,d left out for missing values); positive label %s; decision %s%n",
                a.name(), a.rows(), a.dropped(), a.positiveLabel(), a.decision());
        List<String> metrics = new ArrayList<>();
        j.get("groups").get(0).get("ci").fieldNames().forEachRemaining(metrics::add);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-28s %7s", "group", "n"));
        metrics.forEach(m -> head.append(String.format(Locale.ROOT, " %15s", m)));
        w.println(head);
        for (JsonNode g : j.get("groups")) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s %7d", g.get("group").asText()
                    + (g.get("small").asBoolean() ? " (small)" : ""), g.get("n").asInt()));
            for (String m : metrics) {
                row.append(g.get(m).isNull() ? String.format(Locale.ROOT, " %15s", "-") : String.format(Locale.ROOT,
                        " %6.3f±%-8.3f", g.get(m).asDouble(), halfWidth(g.get("ci").get(m))));
            }
            w.println(row);
        }
        w.println("disparities (95 % CI):");
        for (JsonNode d : j.get("disparities")) {
            String what = d.has("group") ? d.get("name").asText() + " " + d.get("group").asText() + " vs "
                    + d.get("versus").asText() : d.get("name").asText();
            w.printf(Locale.ROOT, "  %-62s %s%n", what, d.get("value").isNull() ? "-" : String.format(Locale.ROOT,
                    "%.4f [%s, %s]", d.get("value").asDouble(), text(d.get("ci").get(0)), text(d.get("ci").get(1))));
        }
    }

    private static double halfWidth(JsonNode ci) {
        return ci.get(0).isNull() || ci.get(1).isNull() ? Double.NaN
                : (ci.get(1).asDouble() - ci.get(0).asDouble()) / 2;
    }

    private static String text(JsonNode v) {
        return v.isNull() ? "-" : String.format(Locale.ROOT, "%.4f", v.asDouble());
    }
}
