package org.shiftscope.workflow.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shiftscope.core.AtomicFile;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.AppFolders;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.explain.ExplainSettings;
import org.shiftscope.workflow.map.MapSettings;

/**
 * The user's preferences, kept in the config folder's preferences.json ({@link AppFolders#config()}): the theme,
 * the units and seed new projects start with, and the data folder (run history; read at start, so a change applies
 * at the next start). A missing or damaged file gives the defaults.
 *
 * @param theme      "light" or "dark"
 * @param units      the units new explanations and maps measure in: standardized (z-scores) or raw
 * @param seed       the seed new analyses start with
 * @param dataFolder where the run history and app state live; null for the default
 */
public record Preferences(String theme, TransportAnalysis.Standardize units, long seed, Path dataFolder) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Preferences {
        if (!"light".equals(theme) && !"dark".equals(theme)) {
            throw DataException.setting("theme", "'" + theme + "' is not a theme; use light or dark");
        }
        if (units == null) {
            throw DataException.setting("units", "no units given");
        }
        if (seed < 0) {
            throw DataException.setting("seed", "the seed must be 0 or more, not " + seed);
        }
    }

    public static Preferences defaults() {
        return new Preferences("light", ExplainSettings.defaults().standardize(), ExplainSettings.defaults().seed(), null);
    }

    public static Path file() {
        return AppFolders.preferencesFile();
    }

    /** The saved preferences; the defaults for anything missing or unreadable. */
    public static Preferences load() {
        return load(file());
    }

    public static Preferences load(Path file) {
        Preferences d = defaults();
        try {
            if (!Files.isRegularFile(file)) {
                return d;
            }
            JsonNode j = JSON.readTree(file.toFile());
            String theme = j.path("theme").asText(d.theme());
            TransportAnalysis.Standardize units = j.has("units")
                    ? TransportAnalysis.Standardize.parse(j.get("units").asText()) : d.units();
            long seed = j.path("seed").canConvertToLong() ? j.path("seed").asLong() : d.seed();
            String folder = j.path("dataFolder").asText("");
            return new Preferences(theme, units, seed, folder.isBlank() ? null : Path.of(folder));
        } catch (IOException | RuntimeException damaged) {
            return d;
        }
    }

    /** Writes them (atomically); a failure is a {@link DataException} naming the file. */
    public void save() {
        save(file());
    }

    public void save(Path file) {
        ObjectNode j = JSON.createObjectNode();
        j.put("theme", theme);
        j.put("units", units.name().toLowerCase(java.util.Locale.ROOT));
        j.put("seed", seed);
        if (dataFolder != null) {
            j.put("dataFolder", dataFolder.toAbsolutePath().normalize().toString());
        }
        try {
            AtomicFile.writeString(file, j.toPrettyString() + "\n");
        } catch (IOException e) {
            throw DataException.inFile(file.toString(), "cannot be written: " + e.getMessage());
        }
    }

    /** A new project's settings in these units and with this seed (a saved project keeps its own). */
    public Project applyTo(Project p) {
        ExplainSettings e = p.explain() == null ? ExplainSettings.defaults() : p.explain();
        ExplainSettings explain = e.with(units, seed);
        MapSettings m = p.mapSettings();
        MapSettings map = new MapSettings(m.source(), m.file(), m.column(), m.method(), m.clustering(), units, seed,
                m.preprocess(), m.fit());
        return new Project(p.split(), p.view(), map, p.audit(), explain, p.slices(), p.gates(), p.summary());
    }
}
