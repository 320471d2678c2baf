package org.shiftscope.workflow.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.shiftscope.workflow.DriftAnalysis;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.explain.ExplainResult;
import org.shiftscope.workflow.map.SubpopulationMap;
import org.shiftscope.workflow.project.Project;

/**
 * What a report shows: each analysis the project holds, computed afresh, with what it was computed from. A section
 * is null when its analysis is not in the project.
 *
 * @param project the project (null for the audit of one file)
 * @param file    the one audited file (null for a project)
 * @param data    the split's summary and drift tests (null for one file)
 * @param map     the subpopulation map
 * @param explain the transport explanation
 * @param audit   the subgroup audit
 * @param runs    the finished adaptation runs on the same data, newest first
 */
public record Report(Project project, Path file, Data data, SubpopulationMap.Mapped map, ExplainResult explain,
                     Audit audit, List<Provenance.FileRecord> files, List<RunStore.Run> runs,
                     Map<String, String> runtime, Instant made, double seconds) {

    /**
     * The split as loaded, with its per-column tests.
     *
     * @param detection detect's tests on the analysed columns (per column, MMD, classifier); null when the split has
     *                  no column to test (images alone: their statistics are in the data's drift; free text)
     */
    public record Data(DataResult result, DriftAnalysis.Report detection, DriftAnalysis.Request request) {
    }

    /**
     * The audit: of both sides of the split, or of one file.
     *
     * @param split  both sides (null for one file)
     * @param single the one file's audit (null for a split)
     */
    public record Audit(AuditAnalysis.Settings settings, AuditAnalysis.SplitAudit split, AuditAnalysis.Audit single) {

        /** The audited sides in order: reference and target, or the one file. */
        public List<AuditAnalysis.Audit> sides() {
            return split != null ? List.of(split.reference(), split.target()) : List.of(single);
        }
    }

    /** The names of the sections present, in the order the report shows them. */
    public List<String> sections() {
        List<String> out = new java.util.ArrayList<>();
        if (data != null) {
            out.add("data");
        }
        if (map != null) {
            out.add("map");
        }
        if (explain != null) {
            out.add("explain");
        }
        if (!runs.isEmpty()) {
            out.add("adaptation");
        }
        if (audit != null) {
            out.add("audit");
        }
        return out;
    }

    /** What was analysed, in one line. */
    public String subject() {
        return project != null ? project.split().source().describe() : file.getFileName().toString();
    }
}
