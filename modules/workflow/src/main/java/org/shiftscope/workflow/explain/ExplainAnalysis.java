package org.shiftscope.workflow.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.PrincipalPlane;
import org.shiftscope.workflow.TransportAnalysis;

/** The Explain view's use case: a transport explanation of the split's shift, drawn in the principal plane. */
public final class ExplainAnalysis {

    /** Most points of each side drawn in the plane. */
    public static final int MAX_PLOTTED = 4000;

    private ExplainAnalysis() {
    }

    /** The explanation alone. */
    public static Explanation explain(Split split, ExplainRequest r, TaskMonitor monitor) {
        return explain(split, r, 0, monitor).explanation();
    }

    /** An explanation and, for a k-cluster one, its clusters' exemplars (empty without). */
    public record Explained(Explanation explanation, List<Exemplars> exemplars) {
    }

    /**
     * The explanation (what the CLI prints) with {@code exemplars} reference and target examples per cluster of a
     * k-cluster explanation ({@link Exemplars}; 0 for none).
     */
    public static Explained explain(Split split, ExplainRequest r, int exemplars, TaskMonitor monitor) {
        TransportAnalysis.Prepared p = prepare(split, r);
        Explanation e = explain(p, r, monitor);
        return new Explained(e, exemplars > 0 ? Exemplars.of(p, e, exemplars) : List.of());
    }

    /**
     * The explanation of the split's shift up to {@code kmax}, with both sides (a seeded subsample of at most
     * {@value #MAX_PLOTTED} points each) and each cluster's arrow in the plane of the two leading principal components.
     */
    public static ExplainResult run(Split split, ExplainRequest r, TaskMonitor monitor) {
        return run(prepare(split, r), split, r, monitor);
    }

    private static TransportAnalysis.Prepared prepare(Split split, ExplainRequest r) {
        return TransportAnalysis.prepare(split, r.options().standardize(), r.columnsChosen(), r.mixed().discrete());
    }

    private static Explanation explain(TransportAnalysis.Prepared p, ExplainRequest r, TaskMonitor monitor) {
        return TransportAnalysis.explain(p, r.options(), r.method(), r.kmax(), r.seed(), r.mixed().pairing(),
                r.mixed().repeats(), monitor);
    }

    /**
     * The explanation of the points a map's settings describe: the split's columns, or embeddings of its rows (the
     * built-in encoder's, a user's model's, a text encoder's or a .npy file's), so images and texts are explained
     * in a space where they have meaning; the exemplars are the rows' images.
     */
    public static ExplainResult run(org.shiftscope.workflow.data.DataResult d,
                                    org.shiftscope.workflow.map.MapSettings m, ExplainRequest r,
                                    TaskMonitor monitor) {
        switch (m.source()) {
            case COLUMNS -> {
                return run(d.split(), r, monitor);
            }
            case ENCODER -> {
                String missing = org.shiftscope.workflow.map.SubpopulationMap.missing(m);
                if (missing != null) {
                    throw org.shiftscope.core.DataException.of(missing);
                }
                Split split = d.split();
                org.shiftscope.workflow.map.MapAnalysis.Encoded e = org.shiftscope.workflow.map.MapAnalysis.encode(
                        split, m.column(), org.shiftscope.workflow.map.MapAnalysis.EncoderSettings.defaults(
                                split.reference().hasImages()), m.seed(), monitor.range(0, 0.5));
                return run(e.prepared(), split, r, monitor.range(0.5, 1));
            }
            default -> {
                Split embedded = org.shiftscope.workflow.map.SubpopulationMap.embedded(d, m, monitor.range(0, 0.5));
                return run(embedded, r.withColumnsChosen(true), monitor.range(0.5, 1));
            }
        }
    }

    private static ExplainResult run(TransportAnalysis.Prepared p, Split split, ExplainRequest r,
                                     TaskMonitor monitor) {
        TransportAnalysis.Options options = r.options();
        long seed = r.seed();
        Explanation e = explain(p, r, monitor);
        PrincipalPlane plane = PrincipalPlane.fit(p.reference(), p.target());
        List<List<double[]>> arrows = new ArrayList<>();
        for (Explanation.Point pt : e.curve()) {
            List<double[]> perK = new ArrayList<>();
            for (Explanation.Cluster c : pt.clusters()) {
                double[] from = plane.project(c.centroid());
                double[] moved = c.centroid().clone();
                for (int j = 0; j < moved.length; j++) {
                    moved[j] += c.displacement()[j];
                }
                double[] to = plane.project(moved);
                perK.add(new double[] {from[0], from[1], to[0], to[1]});
            }
            arrows.add(perK);
        }
        String units = options.standardize().units();
        List<List<Exemplars>> exemplars = new ArrayList<>();
        for (Explanation.Point pt : e.curve()) {
            exemplars.add(Exemplars.of(p, pt, Exemplars.VIEW));
        }
        return new ExplainResult(e, project(p.reference(), plane, seed), project(p.target(), plane, seed + 1), arrows,
                split.reference(), units, exemplars, split.target());
    }

    /**
     * What an explanation's numbers are, as the view and the report say it (empty for none of it): which points
     * its clusters group, which features are drawn, over how many samples; e.g. " · clusters of paired points
     * [x, T(x)] · discrete: income (% explained: mean ± sd of 10 samples)".
     */
    public static String treatment(Explanation e) {
        StringBuilder b = new StringBuilder();
        if (e.method() == org.shiftscope.transport.ExplanationMethod.KCLUSTER) {
            b.append(e.pairing() == org.shiftscope.transport.Pairing.PAIRED
                    ? " · clusters of paired points [x, T(x)]" : " · clusters of reference points");
        }
        if (!e.discrete().isEmpty()) {
            int samples = e.curve().stream().mapToInt(Explanation.Point::samples).max().orElse(1);
            b.append(" · discrete: ").append(String.join(", ", e.discrete().stream()
                    .map(org.shiftscope.transport.DiscreteFeature::name).toList()));
            if (samples > 1) {
                b.append(" (% explained: mean ± sd of ").append(samples).append(" samples)");
            }
        }
        return b.toString();
    }

    private static double[] project(org.shiftscope.transport.Points pts, PrincipalPlane plane, long seed) {
        int n = pts.n();
        int[] rows;
        if (n <= MAX_PLOTTED) {
            rows = java.util.stream.IntStream.range(0, n).toArray();
        } else {
            rows = new SplittableRandom(seed).ints(0, n).distinct().limit(MAX_PLOTTED).sorted().toArray();
        }
        double[] out = new double[rows.length * 2];
        for (int r = 0; r < rows.length; r++) {
            double[] uv = plane.project(pts.row(rows[r]));
            out[2 * r] = uv[0];
            out[2 * r + 1] = uv[1];
        }
        return out;
    }
}
