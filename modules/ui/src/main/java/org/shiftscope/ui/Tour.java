package org.shiftscope.ui;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.shiftscope.ui.common.ViewId;

/**
 * The guided tour an instructor clicks through: detect, explain, dial, adapt, compare. Each step opens its view
 * (and sets the Lab's shift where it needs one) and says what to look at.
 */
public final class Tour {

    /**
     * One step.
     *
     * @param scenario  the Lab's shift for this step (null: leave it)
     * @param intensity the Lab's intensity for this step (NaN: leave it)
     */
    public record Step(ViewId view, String title, String text, String scenario, double intensity) {
    }

    public static final List<Step> STEPS = List.of(
            new Step(ViewId.DATA, "1. Two samples", "The reference and the target side by side: schemas, row counts"
                    + " and one chart per column. The demo's ring of six groups is larger in the target.", null,
                    Double.NaN),
            new Step(ViewId.DATA, "2. Detect", "Each column's test and the verdict above them say whether the target"
                    + " differs from the reference, and how strongly (effect sizes, corrected p-values).", null,
                    Double.NaN),
            new Step(ViewId.MAP, "3. Where", "Both samples in one picture: subpopulations that grew, shrank, emerged"
                    + " or vanished are listed beside the map.", null, Double.NaN),
            new Step(ViewId.EXPLAIN, "4. Explain", "An optimal-transport map moves each cluster of the reference onto"
                    + " the target. PercentExplained says how much of the shift k moving clusters account for.", null,
                    Double.NaN),
            new Step(ViewId.LAB, "5. Dial a shift", "The Lab dials a covariate shift from none to strong: watch the"
                    + " detector fire, one cluster explain it, and accuracy fall as the target leaves the reference's"
                    + " support. Move the slider.", "covariate-mean", 0.75),
            new Step(ViewId.LAB, "6. An invisible shift", "A concept shift turns the decision boundary but leaves the"
                    + " features alone: the detector stays silent while the classifier drops to a coin toss.",
                    "concept-rotation", 1),
            new Step(ViewId.LAB, "7. Who pays", "A subpopulation the reference never saw emerges: overall accuracy"
                    + " dips a little, the new group's falls to chance. Worst-group accuracy tells.", "subpopulation",
                    1),
            new Step(ViewId.ADAPT, "8. Adapt and compare", "Run an adaptation method and compare before and after,"
                    + " overall, per group and per cluster; the Subgroups view audits who gains and who loses.",
                    null, Double.NaN));

    private final MainViewModel vm;
    private final IntegerProperty step = new SimpleIntegerProperty(-1);

    public Tour(MainViewModel vm) {
        this.vm = vm;
    }

    public void start() {
        show(0);
    }

    public void next() {
        if (step.get() >= 0 && step.get() < STEPS.size() - 1) {
            show(step.get() + 1);
        }
    }

    public void back() {
        if (step.get() > 0) {
            show(step.get() - 1);
        }
    }

    public void end() {
        step.set(-1);
    }

    /** Shows step {@code i} (0-based): its view, and the Lab's shift where the step sets one. */
    public void show(int i) {
        Step s = STEPS.get(i);
        step.set(i);
        if (s.scenario() != null) {
            vm.lab().scenarioProperty().set(s.scenario());
        }
        if (!Double.isNaN(s.intensity())) {
            vm.lab().intensityProperty().set(s.intensity());
        }
        vm.viewProperty().set(s.view());
    }

    /** The current step's index, or -1 when the tour is off. */
    public IntegerProperty stepProperty() {
        return step;
    }

    /** "title: text (i / n)" of the current step; empty when the tour is off. */
    public StringBinding caption() {
        return Bindings.createStringBinding(() -> step.get() < 0 ? "" : STEPS.get(step.get()).title() + " — "
                + STEPS.get(step.get()).text() + "  (" + (step.get() + 1) + " / " + STEPS.size() + ")", step);
    }
}
