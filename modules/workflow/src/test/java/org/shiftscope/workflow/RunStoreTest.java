package org.shiftscope.workflow;

import org.shiftscope.workflow.adapt.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path dir;

    @Test
    void runsSurviveReopeningAndAKilledWriterShowsAsInterrupted() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path file = dir.resolve("history/runs.db");
        RunStore store = new RunStore(file);
        String done = store.start("adapt", "mlls", json.readTree("{\"label\":\"y\"}"), 3, "data#1", "model#1");
        assertThat(store.get(done).orElseThrow().status()).isEqualTo("running"); // this process is alive
        store.finish(done, json.readTree(RunStoreTest.class.getResourceAsStream("/runs/v0/mlls.json")));
        String failed = store.start("adapt", "bbse", json.readTree("{}"), 0, "data#2", "model#1");
        store.fail(failed, "the confusion matrix is singular");

        // a process that wrote "running" and then died (here: a finished child process's pid)
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, kind, method, options, seed, data_hash,"
                     + " model_hash, status, pid, started) VALUES ('dead0001', 'adapt', 'tent', '{}', 1, 'd', 'm',"
                     + " 'running', ?, '2026-01-01T00:00:00Z')")) {
            s.setLong(1, child.pid());
            s.executeUpdate();
        }

        RunStore reopened = new RunStore(file);
        RunStore.Run d = reopened.get(done).orElseThrow();
        assertThat(d.status()).isEqualTo("done");
        assertThat(d.seed()).isEqualTo(3);
        assertThat(d.dataHash()).isEqualTo("data#1");
        assertThat(d.options().get("label").asText()).isEqualTo("y");
        // the stored JSON comes back as a typed run: mlls.json has after.accuracy.value 0.879...
        assertThat(d.result().after().metrics().get("accuracy").value()).isEqualTo(json.readTree(
                RunStoreTest.class.getResourceAsStream("/runs/v0/mlls.json")).get("after").get("accuracy")
                .get("value").asDouble());
        assertThat(d.finished()).isNotNull();
        assertThat(reopened.get(failed).orElseThrow().problem()).isEqualTo("the confusion matrix is singular");
        assertThat(reopened.get(failed).orElseThrow().status()).isEqualTo("failed");
        assertThat(reopened.get("dead0001").orElseThrow().status()).isEqualTo("interrupted");
        assertThat(reopened.list()).hasSize(3);
    }

    @Test
    void aReusedProcessIdDoesNotKeepADeadRunRunning() throws Exception {
        Path file = dir.resolve("runs.db");
        // a database written before runs recorded their host and process start: it opens and gains the columns
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, method TEXT NOT NULL,"
                    + " options TEXT NOT NULL, seed INTEGER NOT NULL, data_hash TEXT NOT NULL, model_hash TEXT NOT NULL,"
                    + " status TEXT NOT NULL, pid INTEGER NOT NULL, started TEXT NOT NULL, finished TEXT,"
                    + " result TEXT, problem TEXT)");
        }
        RunStore store = new RunStore(file);
        String mine = store.start("adapt", "mlls", new ObjectMapper().readTree("{}"), 0, "d", "m");
        assertThat(store.get(mine).orElseThrow().status()).isEqualTo("running");
        // the same process id, but a process that started at another time: the id was reused, the run is dead
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, kind, method, options, seed, data_hash,"
                     + " model_hash, status, pid, started, host, process_started) VALUES ('reused01', 'adapt', 'tent',"
                     + " '{}', 1, 'd', 'm', 'running', ?, '2026-01-01T00:00:00Z', ?, '2001-01-01T00:00:00Z')")) {
            s.setLong(1, ProcessHandle.current().pid());
            s.setString(2, hostOf(file, mine));
            s.executeUpdate();
        }
        assertThat(store.get("reused01").orElseThrow().status()).isEqualTo("interrupted");
        assertThat(store.get(mine).orElseThrow().status()).isEqualTo("running");
    }

    private static String hostOf(Path file, String id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("SELECT host FROM runs WHERE id = ?")) {
            s.setString(1, id);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
