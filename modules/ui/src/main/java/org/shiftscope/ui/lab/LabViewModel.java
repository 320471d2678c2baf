package org.shiftscope.ui.lab;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.util.Duration;
import org.shiftscope.ui.tasks.Debounce;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.lab.LabAnalysis;

/**
 * State of the Lab view: a built-in scenario and its intensity. Moving the slider recomputes the frame (the map,
 * the detection verdict, the PercentExplained curve, the classifier's accuracy) in the background, debounced and
 * latest-wins, so the window never waits; every frame's accuracy joins the accuracy-against-intensity curve of
 * the scenario.
 */
public final class LabViewModel {

    /** Rows per side of a lab frame. */
    public static final int ROWS = LabAnalysis.ROWS;
    public static final String DEFAULT_SCENARIO = "covariate-mean";
    public static final double DEFAULT_INTENSITY = 0.5;
    static final Duration DEBOUNCE = Duration.millis(150);

    private final TaskRunner tasks;
    private final ObjectProperty<String> scenario = new SimpleObjectProperty<>(DEFAULT_SCENARIO);
    private final DoubleProperty intensity = new SimpleDoubleProperty(DEFAULT_INTENSITY);
    private final ObjectProperty<LabAnalysis.Frame> frame = new SimpleObjectProperty<>();
    /** intensity -> (overall accuracy, worst-group accuracy) of the frames seen for the current scenario. */
    private final ObservableMap<Double, double[]> accuracyCurve = FXCollections.observableMap(new java.util.TreeMap<>());
    private final StringProperty verdict = new SimpleStringProperty("");
    private final StringProperty accuracy = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty exported = new SimpleStringProperty("");
    private final Debounce debounce;
    private boolean active;

    public LabViewModel(TaskRunner tasks) {
        this(tasks, Debounce.after(DEBOUNCE));
    }

    /** @param debounce how slider moves are gathered into one recomputation */
    public LabViewModel(TaskRunner tasks, Debounce debounce) {
        this.tasks = tasks;
        this.debounce = debounce;
        scenario.addListener((o, a, b) -> {
            accuracyCurve.clear();
            schedule();
        });
        intensity.addListener((o, a, b) -> schedule());
    }

    /** The scenarios the lab runs live: all the built-in ones, and the Fashion-MNIST ladder when installed. */
    public static List<String> scenarios() {
        return LabAnalysis.scenarios();
    }

    /** Writes the current scenario at the current intensity as files and a project into {@code dir}. */
    public void export(java.nio.file.Path dir) {
        String s = scenario.get();
        double t = Math.round(intensity.get() * 100) / 100.0;
        tasks.submit("lab-export", "Writing " + s + " to " + dir, monitor -> org.shiftscope.workflow.lab.ScenarioExport
                        .write(LabAnalysis.scenario(s, ROWS, 0, t, monitor), dir, monitor),
                project -> exported.set("Wrote " + s + " at intensity " + t + " to " + dir + " (project "
                        + project.getFileName() + ")"), e -> problem.set(e.getMessage()));
    }

    public StringProperty exportedProperty() {
        return exported;
    }

    /** The view is shown (computes now if it has nothing) or hidden (stops recomputing). */
    public void setActive(boolean shown) {
        active = shown;
        if (shown && frame.get() == null) {
            recompute();
        }
    }

    private void schedule() {
        if (active) {
            debounce.call(this::recompute);
        }
    }

    /** Computes the frame for the current settings now (the slider's debounce ends here). */
    public void recompute() {
        String s = scenario.get();
        double t = Math.round(intensity.get() * 100) / 100.0;
        tasks.submit("lab", "Lab: " + s + " at intensity " + t, monitor -> LabAnalysis.run(s, t, ROWS, 0, monitor),
                this::show, e -> problem.set(e.getMessage()));
    }

    /** Shows a frame computed elsewhere (a snapshot) with its settings, without recomputing. */
    public void publish(LabAnalysis.Frame f) {
        boolean was = active;
        active = false;
        scenario.set(f.scenario().id());
        intensity.set(f.intensity());
        active = was;
        show(f);
    }

    private void show(LabAnalysis.Frame f) {
        problem.set("");
        frame.set(f);
        description.set(f.scenario().title() + ": " + f.scenario().description());
        verdict.set(String.format(Locale.ROOT, "%s  (MMD test p = %.3f)", f.shiftDetected() ? "SHIFT DETECTED"
                : "no shift detected", f.mmd().pValue()));
        Map.Entry<String, Double> worst = f.worstGroup();
        if (worst == null) {
            accuracy.set("no label in this scenario: its frames measure the shift, not a classifier");
            return;
        }
        accuracy.set(String.format(Locale.ROOT, "accuracy %.1f %% (reference %.1f %%), worst group %s %.1f %%",
                100 * f.accuracy(), 100 * f.inDistribution(), worst.getKey(), 100 * worst.getValue()));
        if (f.scenario().id().equals(scenario.get())) {
            accuracyCurve.put(f.intensity(), new double[] {f.accuracy(), worst.getValue()});
        }
    }

    public ObjectProperty<String> scenarioProperty() {
        return scenario;
    }

    public DoubleProperty intensityProperty() {
        return intensity;
    }

    public ObjectProperty<LabAnalysis.Frame> frameProperty() {
        return frame;
    }

    public ObservableMap<Double, double[]> accuracyCurve() {
        return accuracyCurve;
    }

    public StringProperty verdictProperty() {
        return verdict;
    }

    public StringProperty accuracyProperty() {
        return accuracy;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
