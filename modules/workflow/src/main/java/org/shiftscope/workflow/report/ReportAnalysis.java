package org.shiftscope.workflow.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.DriftAnalysis;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.data.DataAnalysis;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.explain.ExplainAnalysis;
import org.shiftscope.workflow.explain.ExplainResult;
import org.shiftscope.workflow.explain.ExplainSettings;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.map.SubpopulationMap;
import org.shiftscope.workflow.project.Project;

/** The report use case: every analysis a project holds, computed afresh, with its provenance. */
public final class ReportAnalysis {

    private ReportAnalysis() {
    }

    /** {@link #compute(Project, RunStore, TaskMonitor)} with the standard run history. */
    public static Report compute(Project project, TaskMonitor monitor) {
        return compute(project, RunStore.standard(), monitor);
    }

    /**
     * The data summary and drift tests of the project's split, and each analysis it holds: the map, the transport
     * explanation, the audit (with its slices); the finished adaptation runs in {@code history} (null: none) on the
     * same data.
     */
    public static Report compute(Project project, RunStore history, TaskMonitor monitor) {
        long t = System.nanoTime();
        List<Provenance.FileRecord> files = new ArrayList<>(Provenance.files(project.split()));
        monitor.progress(0, "Loading the split");
        DataResult d = DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), project.split(),
                monitor.range(0, 0.15));
        // the Data analysis ran the per-column tests with detect's defaults; the joint tests need a tested column
        // (free text is tested through its embeddings, on the map)
        DriftAnalysis.Request request = DriftAnalysis.Request.defaults();
        DriftAnalysis.Report detection = d.columnDrift().isEmpty() ? null
                : DriftAnalysis.detect(d.split(), request, d.columnDrift(), monitor.range(0.15, 0.3));
        SubpopulationMap.Mapped map = null;
        MapSettings m = project.map();
        if (m != null) {
            monitor.progress(0.3, "Mapping subpopulations");
            map = SubpopulationMap.run(d, m, monitor.range(0.3, 0.55));
            if (m.file() != null) {
                files.add(Provenance.file("map " + m.source().id(), m.file()));
            }
        }
        ExplainResult explain = null;
        ExplainSettings e = project.explain();
        if (e != null) {
            monitor.progress(0.55, "Explaining the shift");
            explain = e.onMap() ? ExplainAnalysis.run(d, project.mapSettings(), e.request(), monitor.range(0.55, 0.8))
                    : ExplainAnalysis.run(d.split(), e.request(), monitor.range(0.55, 0.8));
        }
        Report.Audit audit = null;
        if (project.audit() != null) {
            AuditAnalysis.Model model = project.audit().options().model();
            if (model != null) {
                files.add(Provenance.file("model", model.file()));
            }
            audit = new Report.Audit(project.audit(), AuditAnalysis.audit(project.split(), project.audit(),
                    project.slices(), monitor.range(0.8, 1)), null);
        }
        String hash = d.sides().dataHash();
        List<RunStore.Run> runs = history == null ? List.of() : history.list().stream()
                .filter(r -> r.kind().equals("adapt") && r.status().equals("done") && r.result() != null
                        && hash.equals(r.dataHash()))
                .toList();
        monitor.progress(1, "Report ready");
        return new Report(project, null, new Report.Data(d, detection, request), map, explain, audit,
                List.copyOf(files), runs, Provenance.runtime(), Instant.now(), (System.nanoTime() - t) / 1e9);
    }

    /** The audit of one file (no split): the report {@code audit --data FILE} would print, as a document. */
    public static Report computeFile(Path data, AuditAnalysis.Settings settings, TaskMonitor monitor) {
        long t = System.nanoTime();
        List<Provenance.FileRecord> files = new ArrayList<>(List.of(Provenance.file("data", data)));
        AuditAnalysis.Model model = settings.options().model();
        if (model != null) {
            files.add(Provenance.file("model", model.file()));
        }
        if (settings.clusters() > 0) {
            throw DataException.setting("clusters", "transport clusters compare two sides; one file has none (give"
                    + " --reference-where and --target-where to split it)");
        }
        AuditAnalysis.Audit a = AuditAnalysis.audit(data, settings, monitor);
        return new Report(null, data, null, null, null, new Report.Audit(settings, null, a), List.copyOf(files),
                List.of(), Provenance.runtime(), Instant.now(), (System.nanoTime() - t) / 1e9);
    }
}
