package org.shiftscope.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log: one line per record in the chosen file, debug detail only when verbose, rotation at 4 MiB. */
class LogsTest {

    @TempDir
    Path dir;

    @AfterEach
    void back() {
        Logs.configure(false, null);
    }

    @Test
    void recordsGoToTheChosenFileOneLineEachAndDebugOnlyWhenVerbose() throws Exception {
        Path file = dir.resolve("run.log");
        assertThat(Logs.configure(false, file)).isNull();
        assertThat(Logs.file()).isEqualTo(file.toAbsolutePath());
        Logger.getLogger("ai.djl.test").info("engine started");
        Logger.getLogger("ai.djl.test").fine("a detail");
        Path written = ErrorLog.write("shiftscope map --data x.csv", new IllegalStateException("lost a node"));
        assertThat(written).isEqualTo(file.toAbsolutePath());
        String log = Files.readString(file);
        assertThat(log).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z INFO ai.djl.test: engine started$")
                .doesNotContain("a detail")
                .contains("SEVERE org.shiftscope: ShiftScope ").contains("internal error in shiftscope map --data x.csv")
                .contains("java.lang.IllegalStateException: lost a node").contains("\tat org.shiftscope.workflow");
        Logs.configure(true, file);
        Logger.getLogger("ai.djl.test").fine("a detail");
        assertThat(Files.readString(file)).contains("FINE ai.djl.test: a detail");
    }

    @Test
    void theDefaultLogMovesAsideAtFourMebibytesKeepingTwoOldOnes() throws Exception {
        System.setProperty("shiftscope.state", dir.toString());
        try {
            Logs.configure(false, null);
            Path log = dir.resolve("logs").resolve("shiftscope.log");
            assertThat(Logs.file()).isEqualTo(log);
            String kb = "x".repeat(1000);
            Logger l = Logger.getLogger("org.shiftscope.test");
            for (int i = 0; i < 9_000; i++) {
                l.info(kb);
            }
            assertThat(log.resolveSibling("shiftscope.log.1")).exists();
            assertThat(log.resolveSibling("shiftscope.log.2")).exists();
            assertThat(log.resolveSibling("shiftscope.log.3")).doesNotExist();
            assertThat(Files.size(log.resolveSibling("shiftscope.log.1"))).isBetween(Logs.MAX_BYTES, Logs.MAX_BYTES + 2000);
            assertThat(Files.size(log)).isLessThan(Logs.MAX_BYTES);
        } finally {
            System.clearProperty("shiftscope.state");
        }
    }
}
