package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.shiftscope.workflow.AppFolders;

/** One route for everything that goes wrong: one line, the right exit code, and the details in the log. */
class ErrorRouteTest {

    private static String report(Throwable e, int expectedCode) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.report(e, new String[] {"map", "--data", "x.csv"}, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(expectedCode);
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInternalErrorSaysWhereTheLogIsAndExitsThree() throws Exception {
        String line = report(new IllegalStateException("the tree lost a node"), Cli.INTERNAL);
        assertThat(line).isEqualTo("error: internal error in shiftscope map (the tree lost a node); the details are in "
                + AppFolders.log() + "; please report it\n");
        assertThat(Files.readString(AppFolders.log())).contains("shiftscope map map --data x.csv")
                .contains("java.lang.IllegalStateException: the tree lost a node").contains("at org.shiftscope");
        assertThat(line).doesNotContain("Exception");
    }

    @Test
    void runningOutOfMemorySaysHowToGiveMore() {
        String line = report(new RuntimeException(new OutOfMemoryError("Java heap space")), Cli.BAD_INPUT);
        assertThat(line).startsWith("error: shiftscope map ran out of memory: the data need more than Java may use;"
                + " Java may use at most ").contains("give it more with SHIFTSCOPE_JAVA_OPTS=-Xmx");
    }

    @Test
    void aFullOrReadOnlyDiskIsSaidPlainly() {
        assertThat(report(new java.io.UncheckedIOException(new java.nio.file.FileSystemException("/out/m.csv", null,
                "No space left on device")), Cli.BAD_INPUT)).isEqualTo("error: /out/m.csv: No space left on device\n");
        assertThat(report(new java.nio.file.AccessDeniedException("/out/m.csv"), Cli.BAD_INPUT))
                .isEqualTo("error: /out/m.csv: permission denied\n");
    }

    @Test
    void absurdSettingsAreRefusedBeforeAnyWork() {
        // each would have run for hours or exhausted the heap
        String[][] cases = {
            {"demo rows must lie in 1..5,000,000, not 2,147,483,647 (--demo-rows N)", "detect", "--demo",
                "mixture-ring", "--demo-rows", "2147483647"},
            {"permutations must lie in 0..100,000, not 2,000,000,000 (--permutations N)", "detect", "--demo",
                "mixture-ring", "--permutations", "2000000000"},
            {"kmax must lie in 1..1,000, not 2,000,000,000 (--kmax K)", "explain", "--demo", "mixture-ring", "--kmax",
                "2000000000"},
            {"Sinkhorn's regularisation must be a positive number (or left out for the default), not -1.0"
                + " (--epsilon E)", "ot", "--demo", "mixture-ring", "--epsilon", "-1"},
        };
        for (String[] c : cases) {
            CliRun.Result r = run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: " + c[0] + "\n");
        }
    }
}
