package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.workflow.adapt.RunStore;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;

/**
 * kill -9 at random moments loses nothing that was saved: a project file or a report is always a whole one, an
 * adaptation run killed midway reads "interrupted" in a database that passes SQLite's integrity check, and two runs
 * writing the history at once are both recorded. Each case forks a real JVM and kills it (SIGKILL).
 */
class KillTest {

    @TempDir
    Path dir;

    private static ProcessBuilder java(Path data, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dshiftscope.data=" + data, "-Dshiftscope.cache=" + data.resolve("cache"), "-cp",
                System.getProperty("java.class.path")));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Starts a process and waits until it prints "ready" (its set-up is done, the loop begins). */
    private static Process startReady(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            // start-up chatter
        }
        assertThat(line).as("the child process ended before its loop").isEqualTo("ready");
        return p;
    }

    @Test
    void aKilledSaveLeavesTheOldProjectOrTheNewOneNeverHalf() throws Exception {
        Path file = dir.resolve("p.shiftscope.json");
        ProjectStore.save(KillLoop.version(true), file);
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 6; round++) {
            Process p = startReady(java(dir, KillLoop.class.getName(), file.toString()));
            Thread.sleep(20 + random.nextInt(300));
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Project read = ProjectStore.load(file);
            assertThat(read).isIn(KillLoop.version(true), KillLoop.version(false));
        }
    }

    @Test
    void aKilledReportWriteLeavesAWholeReport() throws Exception {
        Path file = dir.resolve("r.html");
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 4; round++) {
            Process p = startReady(java(dir, KillLoop.class.getName(), "report", file.toString()));
            Thread.sleep(50 + random.nextInt(300));
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (Files.exists(file)) {
                assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
            }
        }
    }

    @Test
    void aKilledRunReadsInterruptedAndTwoRunsAtOnceAreBothRecorded() throws Exception {
        String[] adapt = {Main.class.getName(), "adapt", "--demo", "mixture-ring", "--label", "component",
            "--method", "group-dro", "--group", "component", "--epochs", "300", "--resamples", "0"};
        Process killed = java(dir, adapt).start();
        // wait until the run is recorded as running, then kill it mid-training
        RunStore store = new RunStore(dir.resolve("runs.db"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.list().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(store.list()).as("the run was never recorded").hasSize(1);
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(store.list().get(0).status()).isEqualTo("interrupted");
        // two runs at once, to completion
        String[] quick = {Main.class.getName(), "adapt", "--demo", "mixture-ring", "--label", "component", "--method",
            "mlls", "--epochs", "2", "--resamples", "0"};
        Process a = java(dir, quick).start();
        Process b = java(dir, quick).start();
        assertThat(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(new String(a.getInputStream().readAllBytes())).isZero();
        assertThat(b.exitValue()).as(new String(b.getInputStream().readAllBytes())).isZero();
        assertThat(store.list().stream().filter(r -> r.status().equals("done")).count()).isEqualTo(2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void anUnwritableHistoryStillShowsTheRun() throws Exception {
        // a data folder that cannot be created (a file stands where it would go): the run is shown, unrecorded
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file, not a folder");
        Process p = java(blocked.resolve("data"), Main.class.getName(), "adapt", "--demo", "mixture-ring", "--label",
                "component", "--method", "mlls", "--epochs", "2", "--resamples", "0").start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("note: this run is not in the run history (").contains("run (not recorded): mlls on")
                .contains("accuracy");
    }

    @Test
    void aFileTooBigForTheHeapGetsOneLineSayingSo() throws Exception {
        // 40 MB of numbers read with a 32 MB heap: never an OutOfMemoryError trace
        Path csv = dir.resolve("big.csv");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("a,b,c,d\n");
            for (int i = 0; i < 1_000_000; i++) {
                w.write(i + ",0." + (i % 9973) + ",1." + (i % 7919) + ",x" + (i % 1000) + "\n");
            }
        }
        List<String> cmd = new ArrayList<>(java(dir).command());
        cmd.add(1, "-Xmx32m");
        cmd.addAll(List.of(Main.class.getName(), "inspect", csv.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out.strip()).startsWith("error: big.csv: does not fit in memory (the file is ")
                .contains("Java may use at most 32.0 MB here").contains("SHIFTSCOPE_JAVA_OPTS=-Xmx")
                .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }
}
