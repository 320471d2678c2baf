package org.shiftscope.workflow.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered projects and folders: current in memory at once, on disk once the background write is done. */
class UserStateTest {

    @TempDir
    Path dir;

    @Test
    void theRecentProjectsAndFoldersSurviveARestartMostRecentFirst() throws Exception {
        Path a = Files.writeString(dir.resolve("a.shiftscope.json"), "{}");
        Path b = Files.writeString(dir.resolve("b.shiftscope.json"), "{}");
        Path file = dir.resolve("state").resolve("state.json");
        Files.createDirectories(file.getParent());
        UserState state = UserState.load(file);
        state.opened(a);
        state.opened(b);
        state.opened(a);
        state.folder("open-data", dir);
        // in memory at once: a was opened last
        assertThat(state.recent()).containsExactly(a.toAbsolutePath(), b.toAbsolutePath());
        state.flush();
        UserState again = UserState.load(file);
        assertThat(again.recent()).containsExactly(a.toAbsolutePath(), b.toAbsolutePath());
        assertThat(again.folder("open-data")).isEqualTo(dir.toAbsolutePath());
        // a project deleted since is left out
        Files.delete(b);
        assertThat(UserState.load(file).recent()).containsExactly(a.toAbsolutePath());
    }
}
