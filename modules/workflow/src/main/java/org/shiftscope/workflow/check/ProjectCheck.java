package org.shiftscope.workflow.check;

import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.DriftAnalysis;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.explain.ExplainAnalysis;
import org.shiftscope.workflow.gate.Gate;
import org.shiftscope.workflow.gate.Gates;
import org.shiftscope.workflow.gate.ProjectGates;
import org.shiftscope.workflow.project.Project;

/**
 * The check use case (a project's CI gate): runs the analyses its gates name on its split, with its settings, and
 * gives every gate's verdict.
 */
public final class ProjectCheck {

    private ProjectCheck() {
    }

    /** One gate's verdict and the analysis it belongs to ("detect", "audit" or "explain"). */
    public record Checked(String analysis, Gate.Verdict verdict) {
    }

    public static List<Checked> run(Project p, ProjectGates gates, TaskMonitor monitor) {
        if (gates.isEmpty()) {
            throw DataException.setting("fail-on", "the project has no gates to check");
        }
        if (!gates.audit().isEmpty() && p.audit() == null) {
            throw DataException.setting("fail-on", "audit gates need the project's audit (set one up in the Subgroups"
                    + " view, or save one with report --save-project)");
        }
        List<Checked> out = new ArrayList<>();
        if (!gates.detect().isEmpty() || !gates.explain().isEmpty()) {
            org.shiftscope.workflow.data.DataResult d = org.shiftscope.workflow.data.DataAnalysis.run(
                    new SplitBuilder(new DatasetCatalog()), p.split(), monitor.range(0, 0.3));
            Split split = d.split();
            if (!gates.detect().isEmpty()) {
                DriftAnalysis.Request r = DriftAnalysis.Request.defaults();
                DriftAnalysis.Report report = DriftAnalysis.detect(split, r, d.columnDrift(), monitor.range(0.3, 0.6));
                Gates.detect(gates.detect(), report, r.alpha()).forEach(v -> out.add(new Checked("detect", v)));
            }
            if (!gates.explain().isEmpty()) {
                // as the project explains: on the map's points (embeddings) or on the split's columns
                org.shiftscope.workflow.explain.ExplainSettings s = p.explain() == null
                        ? org.shiftscope.workflow.explain.ExplainSettings.defaults() : p.explain();
                org.shiftscope.transport.Explanation e = s.onMap()
                        ? ExplainAnalysis.run(d, p.mapSettings(), s.request(), monitor.range(0.6, 0.8)).explanation()
                        : ExplainAnalysis.explain(split, s.request(), monitor.range(0.6, 0.8));
                Gates.explain(gates.explain(), e).forEach(v -> out.add(new Checked("explain", v)));
            }
        }
        if (!gates.audit().isEmpty()) {
            AuditAnalysis.SplitAudit a = AuditAnalysis.audit(p.split(), p.audit(), p.slices(), monitor.range(0.8, 1));
            Gates.audit(gates.audit(), a.target()).forEach(v -> out.add(new Checked("audit", v)));
        }
        return out;
    }
}
