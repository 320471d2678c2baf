package org.shiftscope.workflow.project;

import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.map.MapSettings;

import java.util.Objects;

/**
 * What a project file holds: the split, the view that was open and the map's settings. Later features add their
 * settings here.
 *
 * @param split the reference/target definition
 * @param view  id of the view shown when the project was saved (e.g. {@code data})
 * @param map   how the subpopulation map is made; null when the project has no map ({@link #mapSettings()})
 * @param audit the subgroup audit's settings (null until one was set up)
 * @param explain the transport explanation's settings (null when the project has none)
 * @param slices the named selections the user saved (groups for the audit and the adaptation runs)
 * @param gates  the conditions {@code shiftscope check} applies to the project's analyses
 * @param summary what a run on the full data (shiftscope spark ... --out) found, when the split is that run's
 *                stratified sample; null for other projects
 */
public record Project(SplitDefinition split, String view, MapSettings map, AuditAnalysis.Settings audit,
                      org.shiftscope.workflow.explain.ExplainSettings explain,
                      java.util.List<org.shiftscope.workflow.slice.Slice> slices,
                      org.shiftscope.workflow.gate.ProjectGates gates,
                      org.shiftscope.workflow.summary.ScaleSummary summary) {

    public Project {
        Objects.requireNonNull(split, "split");
        view = view == null || view.isBlank() ? "data" : view;
        slices = slices == null ? java.util.List.of() : java.util.List.copyOf(slices);
        gates = gates == null ? org.shiftscope.workflow.gate.ProjectGates.NONE : gates;
    }

    public Project(SplitDefinition split, String view, MapSettings map, AuditAnalysis.Settings audit,
                   org.shiftscope.workflow.explain.ExplainSettings explain,
                   java.util.List<org.shiftscope.workflow.slice.Slice> slices,
                   org.shiftscope.workflow.gate.ProjectGates gates) {
        this(split, view, map, audit, explain, slices, gates, null);
    }

    public Project(SplitDefinition split, String view, MapSettings map, AuditAnalysis.Settings audit,
                   org.shiftscope.workflow.explain.ExplainSettings explain,
                   java.util.List<org.shiftscope.workflow.slice.Slice> slices) {
        this(split, view, map, audit, explain, slices, null, null);
    }

    public Project(SplitDefinition split, String view, MapSettings map, AuditAnalysis.Settings audit) {
        this(split, view, map, audit, null, null, null, null);
    }

    /** This project with other gates. */
    public Project withGates(org.shiftscope.workflow.gate.ProjectGates g) {
        return new Project(split, view, map, audit, explain, slices, g, summary);
    }

    /** The map's settings, or the defaults when the project has no map. */
    public MapSettings mapSettings() {
        return map == null ? MapSettings.defaults() : map;
    }

    public Project(SplitDefinition split, String view) {
        this(split, view, null, null);
    }

    public Project(SplitDefinition split, String view, MapSettings map) {
        this(split, view, map, null);
    }

    public Project withAudit(AuditAnalysis.Settings a) {
        return new Project(split, view, map, a, explain, slices, gates, summary);
    }

    public static Project demo() {
        return new Project(SplitDefinition.demo(), "data");
    }
}
