package org.shiftscope.ui.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.transport.PrincipalPlane;
import org.shiftscope.ui.ActiveRecompute;
import org.shiftscope.ui.data.DataResult;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * State of the Explain view: the settings, the latest explanation and the k the user looks at. Recomputes
 * (latest-wins, in the background) when the split or a setting changes, but only once the view has been opened.
 */
public final class ExplainViewModel {

    static final int MAX_PLOTTED = 4000;

    private final TaskRunner tasks;
    private final ObjectProperty<ExplanationMethod> method = new SimpleObjectProperty<>(ExplanationMethod.KCLUSTER);
    private final IntegerProperty kmax = new SimpleIntegerProperty(6);
    private final ObjectProperty<TransportAnalysis.Standardize> standardize =
            new SimpleObjectProperty<>(TransportAnalysis.Standardize.NONE);
    private final ObjectProperty<TransportAnalysis.Solver> solver = new SimpleObjectProperty<>(TransportAnalysis.Solver.AUTO);
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final IntegerProperty selectedK = new SimpleIntegerProperty(1);
    private final ObjectProperty<ExplainResult> result = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final ActiveRecompute recompute = new ActiveRecompute(this::refresh);
    private final ObjectProperty<DataResult> data = new SimpleObjectProperty<>();

    public ExplainViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        recompute.watch(method, kmax, standardize, solver, seed, data);
    }

    /** Recomputes now (if there is a split). */
    public void refresh() {
        DataResult d = data.get();
        if (d == null) {
            summary.set("Define a split in the Data view first.");
            return;
        }
        recompute.fresh();
        Split split = d.split();
        TransportAnalysis.Options options = new TransportAnalysis.Options(standardize.get(), solver.get(), Double.NaN);
        ExplanationMethod m = method.get();
        int k = kmax.get();
        long s = seed.get();
        summary.set("Computing " + m.id() + " explanation…");
        tasks.submit("explain", "Explaining the shift", monitor -> compute(split, options, m, k, s, monitor),
                this::publish, e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                    result.set(null);
                });
    }

    /** The whole computation, UI-free (also used by snapshots and tests). */
    public static ExplainResult compute(Split split, TransportAnalysis.Options options, ExplanationMethod method, int kmax,
                                        long seed, TaskMonitor monitor) {
        TransportAnalysis.Prepared p = TransportAnalysis.prepare(split, options.standardize(), false);
        Explanation e = TransportAnalysis.explain(p, options, method, kmax, seed, monitor);
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
        String units = options.standardize() == TransportAnalysis.Standardize.NONE ? "raw units" : "z-scored units";
        return new ExplainResult(e, project(p.reference(), plane, seed), project(p.target(), plane, seed + 1), arrows,
                split.reference(), units);
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

    public void publish(ExplainResult r) {
        recompute.fresh();
        problem.set("");
        result.set(r);
        Explanation e = r.explanation();
        // open on the richest explanation; the slider walks back to simpler ones
        selectedK.set(e.curve().get(e.curve().size() - 1).k());
        summary.set(String.format(java.util.Locale.ROOT, "W2² = %.6g (%s, %s) · %d reference × %d target rows · %d features",
                e.w2sq(), e.solver(), r.units(), r.reference().rowCount(), countTarget(), e.features().size()));
    }

    private int countTarget() {
        return data.get() == null ? 0 : data.get().split().target().rowCount();
    }

    /** The curve point shown for the selected k. */
    public Explanation.Point selectedPoint() {
        ExplainResult r = result.get();
        if (r == null) {
            return null;
        }
        for (Explanation.Point p : r.explanation().curve()) {
            if (p.k() == selectedK.get()) {
                return p;
            }
        }
        return r.explanation().curve().get(r.explanation().curve().size() - 1);
    }

    public ObjectProperty<ExplanationMethod> methodProperty() {
        return method;
    }

    public IntegerProperty kmaxProperty() {
        return kmax;
    }

    public ObjectProperty<TransportAnalysis.Standardize> standardizeProperty() {
        return standardize;
    }

    public ObjectProperty<TransportAnalysis.Solver> solverProperty() {
        return solver;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public IntegerProperty selectedKProperty() {
        return selectedK;
    }

    public ObjectProperty<ExplainResult> resultProperty() {
        return result;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** True while the Explain view is shown. */
    public BooleanProperty activeProperty() {
        return recompute.activeProperty();
    }

    /** The Data view's current split. */
    public ObjectProperty<DataResult> dataProperty() {
        return data;
    }
}
