package org.shiftscope.workflow.gate;

import java.util.List;

/**
 * The gates a project keeps for {@code shiftscope check}: on the drift tests of its split, on its audit (the
 * target), and on its transport explanation.
 */
public record ProjectGates(List<Gate> detect, List<Gate> audit, List<Gate> explain) {

    public static final ProjectGates NONE = new ProjectGates(List.of(), List.of(), List.of());

    public ProjectGates {
        detect = List.copyOf(detect);
        audit = List.copyOf(audit);
        explain = List.copyOf(explain);
    }

    public boolean isEmpty() {
        return detect.isEmpty() && audit.isEmpty() && explain.isEmpty();
    }

    /** These gates with {@code more} added (a gate of the same text is not repeated). */
    public ProjectGates plus(ProjectGates more) {
        return new ProjectGates(union(detect, more.detect), union(audit, more.audit), union(explain, more.explain));
    }

    private static List<Gate> union(List<Gate> a, List<Gate> b) {
        java.util.List<Gate> out = new java.util.ArrayList<>(a);
        for (Gate g : b) {
            if (out.stream().noneMatch(x -> x.text().equals(g.text()))) {
                out.add(g);
            }
        }
        return out;
    }
}
