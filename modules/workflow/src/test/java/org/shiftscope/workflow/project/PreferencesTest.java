package org.shiftscope.workflow.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.TransportAnalysis;

/** Preferences: kept between sessions, the defaults for anything damaged, and what new projects start with. */
class PreferencesTest {

    @TempDir
    Path dir;

    @Test
    void theyRoundTripAndADamagedFileGivesTheDefaults() throws Exception {
        Path file = dir.resolve("preferences.json");
        Preferences p = new Preferences("dark", TransportAnalysis.Standardize.NONE, 42, dir.resolve("data"));
        p.save(file);
        assertThat(Preferences.load(file)).isEqualTo(new Preferences("dark", TransportAnalysis.Standardize.NONE, 42,
                dir.resolve("data").toAbsolutePath().normalize()));
        Files.writeString(file, "{ \"theme\": \"dark\", \"seed\": ");
        assertThat(Preferences.load(file)).isEqualTo(Preferences.defaults());
        Files.writeString(file, "{ \"theme\": \"neon\" }");
        assertThat(Preferences.load(file)).isEqualTo(Preferences.defaults());
        assertThat(Preferences.load(dir.resolve("none.json"))).isEqualTo(Preferences.defaults());
        assertThat(Preferences.defaults().theme()).isEqualTo("light");
    }

    @Test
    void aBadValueNamesItsSetting() {
        assertThatThrownBy(() -> new Preferences("neon", TransportAnalysis.Standardize.NONE, 0, null))
                .isInstanceOf(DataException.class).hasMessage("'neon' is not a theme; use light or dark");
        assertThatThrownBy(() -> new Preferences("light", TransportAnalysis.Standardize.NONE, -1, null))
                .isInstanceOf(DataException.class).hasMessage("the seed must be 0 or more, not -1");
    }

    @Test
    void aNewProjectStartsInThePreferredUnitsWithThePreferredSeed() {
        Project p = new Preferences("light", TransportAnalysis.Standardize.NONE, 7, null).applyTo(Project.demo());
        assertThat(p.explain().standardize()).isEqualTo(TransportAnalysis.Standardize.NONE);
        assertThat(p.explain().seed()).isEqualTo(7);
        assertThat(p.mapSettings().standardize()).isEqualTo(TransportAnalysis.Standardize.NONE);
        assertThat(p.mapSettings().seed()).isEqualTo(7);
        assertThat(p.split()).isEqualTo(Project.demo().split());
    }
}
