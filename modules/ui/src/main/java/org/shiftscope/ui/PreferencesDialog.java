package org.shiftscope.ui;

import java.nio.file.Path;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.shiftscope.workflow.AppFolders;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.model.CacheFolder;
import org.shiftscope.workflow.project.Preferences;

/**
 * Edit > Preferences: the theme (applied at once), the units and seed new projects start with, the data folder
 * (at the next start), and the embedding cache's size with a button that clears it (in the background).
 */
final class PreferencesDialog extends Dialog<Preferences> {

    private final ChoiceBox<String> theme = new ChoiceBox<>();
    private static final String REFERENCE_UNITS = "z-scores of the reference";
    private static final String POOLED_UNITS = "z-scores of both sides (pooled)";
    private final ChoiceBox<String> units = new ChoiceBox<>();
    private final Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, 0);
    private final TextField dataFolder = new TextField();
    private final Label cache = new Label();

    PreferencesDialog(Window owner, MainViewModel vm) {
        initOwner(owner);
        setTitle("Preferences");
        setHeaderText("ShiftScope preferences");
        Preferences p = vm.preferences();
        theme.getItems().setAll("Light", "Dark");
        theme.setValue(p.theme().equals("dark") ? "Dark" : "Light");
        theme.setId("pref-theme");
        units.getItems().setAll(REFERENCE_UNITS, POOLED_UNITS, "raw units");
        units.setValue(switch (p.units()) {
            case NONE -> "raw units";
            case ZSCORE -> POOLED_UNITS;
            case REFERENCE -> REFERENCE_UNITS;
        });
        units.setId("pref-units");
        units.setTooltip(new Tooltip("The units new explanations and maps measure distances in: z-scores make"
                + " features of different scales comparable (scaled by the reference side's standard deviation, as"
                + " Kulinski & Inouye do, or by both sides' pooled); raw units keep each column's own."));
        seed.getValueFactory().setValue((int) Math.min(Integer.MAX_VALUE, p.seed()));
        seed.setEditable(true);
        seed.setId("pref-seed");
        seed.setTooltip(new Tooltip("The seed new projects' random steps start from (maps, clustering, explanations);"
                + " the same seed gives the same results."));
        dataFolder.setText(p.dataFolder() == null ? "" : p.dataFolder().toString());
        dataFolder.setPromptText(AppFolders.data().toString());
        dataFolder.setId("pref-data-folder");
        dataFolder.setTooltip(new Tooltip("Where the run history and the app's state are kept; empty for the"
                + " default. Applies at the next start."));
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Data folder");
            java.io.File dir = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (dir != null) {
                dataFolder.setText(dir.getAbsolutePath());
            }
        });
        Button clear = new Button("Clear cache");
        clear.setId("pref-clear-cache");
        clear.setTooltip(new Tooltip("Deletes the stored embeddings; they are computed again when needed."));
        clear.setOnAction(e -> {
            clear.setDisable(true);
            cache.setText("clearing…");
            vm.tasks().submit("cache", "Clearing the embedding cache", m -> {
                long freed = CacheFolder.clear();
                return describeCache() + " (" + megabytes(freed) + " freed)";
            }, text -> {
                cache.setText(text);
                clear.setDisable(false);
            }, problem -> {
                cache.setText(problem.getMessage());
                clear.setDisable(false);
            });
        });
        // the cache's size walks its folder: in the background, not while the dialog opens
        cache.setText("measuring…");
        cache.setId("pref-cache-size");
        vm.tasks().submit("cache", "Measuring the embedding cache", m -> describeCache(), cache::setText,
                problem -> cache.setText(problem.getMessage()));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Theme"), theme);
        grid.addRow(1, new Label("Units of new projects"), units);
        grid.addRow(2, new Label("Seed of new projects"), seed);
        grid.addRow(3, new Label("Data folder"), new HBox(6, dataFolder, browse));
        grid.addRow(4, new Label("Embedding cache"), new HBox(10, cache, clear));
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b == ButtonType.OK ? chosen() : null);
    }

    /** The preferences as the form shows them. */
    Preferences chosen() {
        String folder = dataFolder.getText() == null ? "" : dataFolder.getText().strip();
        return new Preferences(theme.getValue().toLowerCase(Locale.ROOT),
                units.getValue().startsWith("raw") ? TransportAnalysis.Standardize.NONE
                        : POOLED_UNITS.equals(units.getValue()) ? TransportAnalysis.Standardize.ZSCORE
                        : TransportAnalysis.Standardize.REFERENCE,
                seed.getValue(), folder.isEmpty() ? null : Path.of(folder));
    }

    private static String describeCache() {
        return megabytes(CacheFolder.size()) + " in " + AppFolders.cache();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
