package org.shiftscope.ui.data;

import org.shiftscope.workflow.data.DataAnalysis;
import org.shiftscope.workflow.data.DataResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.core.DataException;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.scenarios.TargetShift;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;

/**
 * State of the Data view: the split form, the chosen columns and the computed result. The only class of the view
 * that talks to the workflow layer; recomputation is latest-wins through the {@link TaskRunner}.
 */
public final class DataViewModel {



    private final TaskRunner tasks;
    private final SplitBuilder builder;

    private final ObjectProperty<SourceMode> mode = new SimpleObjectProperty<>(SourceMode.DEMO);
    private final StringProperty dataPath = new SimpleStringProperty("");
    private final StringProperty referencePath = new SimpleStringProperty("");
    private final StringProperty targetPath = new SimpleStringProperty("");
    private final StringProperty referenceWhere = new SimpleStringProperty("");
    private final StringProperty targetWhere = new SimpleStringProperty("");
    private final StringProperty demoScenario = new SimpleStringProperty(SplitSource.Demo.DEFAULT_SCENARIO);
    private final ObjectProperty<MissingPolicy> missing = new SimpleObjectProperty<>(MissingPolicy.DROP);
    /** Controlled shift applied to the target once loaded ({@link TargetShift} steps); blank for none. */
    private final StringProperty targetShift = new SimpleStringProperty("");
    private final LongProperty shiftSeed = new SimpleLongProperty(0);
    /** The column of the data file(s) that names each row's image file; blank for a plain table. */
    private final StringProperty imageColumn = new SimpleStringProperty("");
    /** The folder relative image paths resolve against; blank for the table's own folder. */
    private final StringProperty imageRoot = new SimpleStringProperty("");
    /** What loading left out (rows whose image is missing), one line each; empty when nothing was. */
    private final StringProperty notes = new SimpleStringProperty("");
    /** Sample images of each side (reference, target), shrunk for the view; empty lists for tables. */
    private final ObjectProperty<List<List<org.shiftscope.core.RasterImage>>> samples =
            new SimpleObjectProperty<>(List.of(List.of(), List.of()));
    private final ObservableList<String> chosenColumns = FXCollections.observableArrayList();
    private final ObjectProperty<DataResult> result = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty counts = new SimpleStringProperty("");
    private final StringProperty verdict = new SimpleStringProperty("");
    private final BooleanProperty shiftDetected = new SimpleBooleanProperty(false);
    private final BooleanProperty sortByEffect = new SimpleBooleanProperty(true);
    private int demoRows = 1500;
    private long demoSeed = 0;

    public DataViewModel(TaskRunner tasks, SplitBuilder builder) {
        this.tasks = tasks;
        this.builder = builder;
    }

    /** Fills the form from a saved definition (does not compute; call {@link #apply()}). */
    public void load(SplitDefinition def) {
        switch (def.source()) {
            case SplitSource.FilteredFile f -> {
                mode.set(SourceMode.ONE_FILE);
                dataPath.set(f.data().toString());
                referenceWhere.set(f.referenceWhere());
                targetWhere.set(f.targetWhere());
            }
            case SplitSource.TwoFiles f -> {
                mode.set(SourceMode.TWO_FILES);
                referencePath.set(f.reference().toString());
                targetPath.set(f.target().toString());
            }
            case SplitSource.Demo d -> {
                mode.set(SourceMode.DEMO);
                demoScenario.set(d.scenario());
                demoRows = d.rows();
                demoSeed = d.seed();
            }
        }
        missing.set(def.missing());
        chosenColumns.setAll(def.columns());
        targetShift.set(def.targetShift() == null ? "" : def.targetShift().text());
        imageColumn.set(def.images() == null ? "" : def.images().column());
        imageRoot.set(def.images() == null || def.images().root() == null ? "" : def.images().root().toString());
        shiftSeed.set(def.targetShift() == null ? 0 : def.targetShift().seed());
    }

    /** The definition the form describes, or a {@link DataException} saying what is missing. */
    public SplitDefinition definition() {
        SplitSource source = switch (mode.get()) {
            case ONE_FILE -> {
                requireText(dataPath.get(), "Choose a data file to split.");
                requireText(referenceWhere.get(), "Enter a reference filter, for example sex=Male.");
                requireText(targetWhere.get(), "Enter a target filter, for example sex=Female.");
                yield new SplitSource.FilteredFile(Path.of(dataPath.get().strip()), referenceWhere.get().strip(),
                        targetWhere.get().strip());
            }
            case TWO_FILES -> {
                requireText(referencePath.get(), "Choose a reference file.");
                requireText(targetPath.get(), "Choose a target file.");
                yield new SplitSource.TwoFiles(Path.of(referencePath.get().strip()), Path.of(targetPath.get().strip()));
            }
            case DEMO -> new SplitSource.Demo(demoScenario.get(), demoRows, demoSeed);
        };
        TargetShift shift = targetShift.get() == null || targetShift.get().isBlank() ? null
                : TargetShift.parse(targetShift.get(), shiftSeed.get());
        SplitDefinition.ImageColumn images = null;
        if (mode.get() != SourceMode.DEMO && imageColumn.get() != null && !imageColumn.get().isBlank()) {
            images = new SplitDefinition.ImageColumn(imageColumn.get(), imageRoot.get() == null
                    || imageRoot.get().isBlank() ? null : Path.of(imageRoot.get().strip()));
        }
        return new SplitDefinition(source, List.copyOf(chosenColumns), missing.get(), shift, images);
    }

    private static void requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw DataException.of(message);
        }
    }

    /** Recomputes the split and comparisons in the background; the newest request wins. */
    public void apply() {
        SplitDefinition def;
        try {
            def = definition();
        } catch (DataException e) {
            problem.set(e.getMessage());
            return;
        }
        tasks.submit("data-split", "Loading and splitting data", monitor -> DataAnalysis.run(builder, def, monitor),
                this::publish, e -> problem.set(e.getMessage()));
    }

    /** Shows a computed result (FX thread). */
    public void publish(DataResult r) {
        problem.set("");
        result.set(r);
        Split s = r.split();
        List<ColumnDrift> drifted = r.drift().stream().filter(ColumnDrift::drift)
                .sorted(java.util.Comparator.comparingDouble((ColumnDrift d) -> -d.js())).toList();
        verdict.set(r.drift().isEmpty() ? "" : drifted.isEmpty()
                ? String.format(Locale.ROOT, "No shift detected in %d columns (KS / chi-square, Holm-corrected, alpha %.2f).",
                        r.drift().size(), DataAnalysis.ALPHA)
                : String.format(Locale.ROOT, "Shift detected in %d of %d columns (KS / chi-square, Holm-corrected, alpha %.2f);"
                        + " largest effects: %s.", drifted.size(), r.drift().size(), DataAnalysis.ALPHA,
                        String.join(", ", drifted.stream().limit(3).map(ColumnDrift::column).toList())));
        shiftDetected.set(!drifted.isEmpty());
        notes.set(String.join("\n", r.sides().notes()));
        samples.set(List.of(List.of(), List.of()));
        sampleLabels.set(List.of(sampleLabels(r.split().reference(), SAMPLES), sampleLabels(r.split().target(),
                SAMPLES)));
        sampleTexts.set(List.of(texts(r.sides().reference(), SAMPLES), texts(r.sides().target(), SAMPLES)));
        if (r.split().reference().hasImages() || r.split().target().hasImages()) {
            // images on disk decode here, off the FX thread
            tasks.submit("data-samples", "Reading sample images", monitor -> List.of(
                    shrunk(samples(r.split().reference(), SAMPLES)), shrunk(samples(r.split().target(), SAMPLES))),
                    samples::set, e -> problem.set(e.getMessage()));
        }
        counts.set(String.format(Locale.ROOT, "Reference: %,d rows%s   ·   Target: %,d rows%s   ·   %d columns analysed",
                s.referenceRows(), dropped(s.reference().rowCount(), s.referenceDropped()), s.targetRows(),
                dropped(s.target().rowCount(), s.targetDropped()),
                s.columns().size()));
    }

    private static String dropped(int used, int dropped) {
        return dropped == 0 ? "" : String.format(Locale.ROOT, " (%,d used, %,d dropped for missing values)", used, dropped);
    }

    /** Handles files dropped on the view or picked in a dialog: one file is split by filters, two are ref/target. */
    public void openFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        if (files.size() >= 2) {
            mode.set(SourceMode.TWO_FILES);
            referencePath.set(files.get(0).toString());
            targetPath.set(files.get(1).toString());
        } else if (mode.get() == SourceMode.TWO_FILES && !referencePath.get().isBlank() && targetPath.get().isBlank()) {
            targetPath.set(files.get(0).toString());
        } else {
            mode.set(SourceMode.ONE_FILE);
            dataPath.set(files.get(0).toString());
        }
        chosenColumns.clear();
        apply();
    }

    public ObjectProperty<SourceMode> modeProperty() {
        return mode;
    }

    public StringProperty dataPathProperty() {
        return dataPath;
    }

    public StringProperty referencePathProperty() {
        return referencePath;
    }

    public StringProperty targetPathProperty() {
        return targetPath;
    }

    public StringProperty referenceWhereProperty() {
        return referenceWhere;
    }

    public StringProperty targetWhereProperty() {
        return targetWhere;
    }

    public StringProperty demoScenarioProperty() {
        return demoScenario;
    }

    public ObjectProperty<MissingPolicy> missingProperty() {
        return missing;
    }

    /** Columns the user picked; empty means all. */
    public ObservableList<String> chosenColumns() {
        return chosenColumns;
    }

    public ObjectProperty<DataResult> resultProperty() {
        return result;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public StringProperty countsProperty() {
        return counts;
    }

    /** One-line drift verdict over all tested columns. */
    public StringProperty verdictProperty() {
        return verdict;
    }

    public StringProperty targetShiftProperty() {
        return targetShift;
    }

    public LongProperty shiftSeedProperty() {
        return shiftSeed;
    }

    public StringProperty imageColumnProperty() {
        return imageColumn;
    }

    public StringProperty imageRootProperty() {
        return imageRoot;
    }

    /** What loading left out and why (e.g. rows whose image file is missing); empty when nothing was. */
    public StringProperty notesProperty() {
        return notes;
    }

    /** Each sample image's label (a column named label, else empty), in the samples' order. */
    private final ObjectProperty<List<List<String>>> sampleLabels =
            new SimpleObjectProperty<>(List.of(List.of(), List.of()));
    /** Sample texts of each side: the first text column's values, cut at 200 characters (empty without one). */
    private final ObjectProperty<List<List<String>>> sampleTexts =
            new SimpleObjectProperty<>(List.of(List.of(), List.of()));

    public ObjectProperty<List<List<String>>> sampleLabelsProperty() {
        return sampleLabels;
    }

    public ObjectProperty<List<List<String>>> sampleTextsProperty() {
        return sampleTexts;
    }

    /** The label of each sample row of a side (the rows {@link #samples} takes), or empty without a label column. */
    static List<String> sampleLabels(org.shiftscope.core.Dataset side, int k) {
        java.util.Optional<org.shiftscope.core.Column> label = side.column("label");
        int n = side.hasImages() ? side.rowCount() : 0;
        if (label.isEmpty() || n == 0) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (int row : spread(n, k)) {
            out.add(label.get().isMissing(row) ? "" : label.get().text(row));
        }
        return out;
    }

    /** Up to k of the rows 0..n-1 spread evenly (row j x n / k): the rows every sample of a side is taken from. */
    static int[] spread(int n, int k) {
        int m = Math.min(k, n);
        return java.util.stream.IntStream.range(0, m).map(j -> (int) ((long) j * n / m)).toArray();
    }

    /** Up to k texts of a side's first text column, spread over its rows, each cut at 200 characters. */
    static List<String> texts(org.shiftscope.core.Dataset side, int k) {
        java.util.Optional<org.shiftscope.core.Column> text = side.columns().stream()
                .filter(c -> c.type() == org.shiftscope.core.ColumnType.TEXT).findFirst();
        int n = side.rowCount();
        if (text.isEmpty() || n == 0) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (int row : spread(n, k)) {
            String t = text.get().isMissing(row) ? "(missing)" : text.get().text(row);
            out.add(t.length() > 200 ? t.substring(0, 200) + "…" : t);
        }
        return out;
    }

    /** Images shown per side in the Data view. */
    public static final int SAMPLES = 12;

    private static List<org.shiftscope.core.RasterImage> shrunk(List<org.shiftscope.core.RasterImage> images) {
        return images.stream().map(i -> org.shiftscope.core.ImageResize.fit(i, 96)).toList();
    }

    /** Sample images of the reference and the target, shrunk to at most 96 pixels a side. */
    public ObjectProperty<List<List<org.shiftscope.core.RasterImage>>> samplesProperty() {
        return samples;
    }

    /**
     * Up to {@code k} images of one side, spread evenly over its rows (decoded here: call off the FX thread for
     * images on disk), for the view's sample grid; empty for a table without images.
     */
    public static List<org.shiftscope.core.RasterImage> samples(org.shiftscope.core.Dataset side, int k) {
        int n = side.hasImages() ? side.rowCount() : 0;
        List<org.shiftscope.core.RasterImage> out = new java.util.ArrayList<>();
        for (int row : spread(n, k)) {
            out.add(side.images().get(row));
        }
        return out;
    }

    public BooleanProperty shiftDetectedProperty() {
        return shiftDetected;
    }

    /** Order the column charts by drift effect size (Jensen-Shannon), largest first, instead of column order. */
    public BooleanProperty sortByEffectProperty() {
        return sortByEffect;
    }
}
