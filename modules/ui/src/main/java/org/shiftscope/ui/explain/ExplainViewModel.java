package org.shiftscope.ui.explain;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.shiftscope.core.Split;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.ui.common.ActiveRecompute;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.explain.ExplainAnalysis;
import org.shiftscope.workflow.explain.ExplainRequest;
import org.shiftscope.workflow.explain.ExplainResult;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.TransportAnalysis;

/**
 * State of the Explain view: the settings, the latest explanation and the k the user looks at. Recomputes
 * (latest-wins, in the background) when the split or a setting changes, but only once the view has been opened.
 */
public final class ExplainViewModel {

    private final TaskRunner tasks;
    private final ObjectProperty<ExplanationMethod> method = new SimpleObjectProperty<>(ExplainRequest.DEFAULT_METHOD);
    private final IntegerProperty kmax = new SimpleIntegerProperty(ExplainRequest.DEFAULT_KMAX);
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
        ExplainRequest request;
        try {
            request = new ExplainRequest(method.get(), kmax.get(), new TransportAnalysis.Options(standardize.get(),
                    solver.get(), Double.NaN), seed.get(), false);
        } catch (org.shiftscope.core.DataException e) {
            problem.set(e.getMessage());
            return;
        }
        ExplanationMethod m = request.method();
        summary.set("Computing " + m.id() + " explanation…");
        tasks.submit("explain", "Explaining the shift", monitor -> ExplainAnalysis.run(split, request, monitor),
                this::publish, e -> {
                    problem.set(e.getMessage());
                    summary.set("");
                    result.set(null);
                });
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
