package org.shiftscope.workflow.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shiftscope.core.DataException;

/**
 * The history of adaptation runs in an SQLite file (write-ahead log, every change committed at once), so that a run
 * survives a crash or kill of the app: a run is written as "running" before it starts and completed when it ends;
 * a "running" row whose process is gone is reported as "interrupted". Each run keeps its method, options, seed, the
 * hashes of its data and model, its metrics (JSON) and timestamps. The default file is {@code runs.db} under the
 * system property {@code shiftscope.data}, else {@code $SHIFTSCOPE_DATA}, else {@code ~/.local/share/shiftscope}.
 */
public final class RunStore {

    /** Reads stored JSON, NaN included (results write it as a bare token). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Path file;

    public RunStore(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw DataException.inFile(file.toString(), "cannot create its folder: " + e.getMessage());
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, method TEXT NOT NULL,"
                    + " options TEXT NOT NULL, seed INTEGER NOT NULL, data_hash TEXT NOT NULL, model_hash TEXT NOT NULL,"
                    + " status TEXT NOT NULL, pid INTEGER NOT NULL, started TEXT NOT NULL, finished TEXT,"
                    + " result TEXT, problem TEXT)");
            // the process that runs a run: its host and start time with the id, so a reused id is not it
            java.util.Set<String> have = new java.util.HashSet<>();
            try (ResultSet cols = s.executeQuery("PRAGMA table_info(runs)")) {
                while (cols.next()) {
                    have.add(cols.getString("name"));
                }
            }
            for (String col : List.of("host", "process_started")) {
                if (!have.contains(col)) {
                    s.execute("ALTER TABLE runs ADD COLUMN " + col + " TEXT");
                }
            }
        } catch (SQLException e) {
            throw problem(e);
        }
    }

    /** The store in the user's data folder. */
    public static RunStore standard() {
        return new RunStore(org.shiftscope.workflow.AppFolders.data().resolve("runs.db"));
    }

    public Path file() {
        return file;
    }

    /**
     * One stored run.
     *
     * @param status running, done, failed or interrupted
     * @param result the run (null until done, or when its stored JSON cannot be read: then {@code problem} says
     *               why)
     */
    public record Run(String id, String kind, String method, JsonNode options, long seed, String dataHash,
                      String modelHash, String status, String started, String finished, AdaptationRun result,
                      String problem) {
    }

    /** Why the last recording failed (a full or read-only disk), or null. */
    private volatile String writeProblem;

    /** Why the last {@link #tryStart} or {@link #tryFinish} could not record, or null when all were recorded. */
    public String writeProblem() {
        return writeProblem;
    }

    /**
     * {@link #start}, or null when the history cannot be written (the run goes on unrecorded; see
     * {@link #writeProblem()}).
     */
    public String tryStart(String kind, String method, JsonNode options, long seed, String dataHash,
                           String modelHash) {
        try {
            return start(kind, method, options, seed, dataHash, modelHash);
        } catch (DataException e) {
            writeProblem = e.getMessage();
            return null;
        }
    }

    /** {@link #finish}, keeping the result when the history cannot take it (see {@link #writeProblem()}). */
    public void tryFinish(String id, JsonNode result) {
        try {
            finish(id, result);
        } catch (DataException e) {
            writeProblem = e.getMessage();
        }
    }

    /** {@link #fail}, where the history can take it. */
    public void tryFail(String id, String problem) {
        try {
            fail(id, problem);
        } catch (DataException e) {
            writeProblem = e.getMessage();
        }
    }

    /** Records a run about to start and returns its id. */
    public String start(String kind, String method, JsonNode options, long seed, String dataHash, String modelHash) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, kind, method,"
                + " options, seed, data_hash, model_hash, status, pid, started, host, process_started) VALUES (?, ?,"
                + " ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, kind);
            s.setString(3, method);
            s.setString(4, options.toString());
            s.setLong(5, seed);
            s.setString(6, dataHash);
            s.setString(7, modelHash);
            s.setLong(8, ProcessHandle.current().pid());
            s.setString(9, Instant.now().toString());
            s.setString(10, HOST);
            s.setString(11, processStarted(ProcessHandle.current()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw problem(e);
        }
        return id;
    }

    /** Completes a run with its result. */
    public void finish(String id, JsonNode result) {
        end(id, "done", result.toString(), null);
    }

    /** Marks a run failed (or cancelled) with the reason. */
    public void fail(String id, String why) {
        end(id, "failed", null, why);
    }

    private void end(String id, String status, String result, String why) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE runs SET status = ?, finished = ?, result = ?, problem = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setString(2, Instant.now().toString());
            s.setString(3, result);
            s.setString(4, why);
            s.setString(5, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw problem(e);
        }
    }

    /** Every run, newest first. */
    public List<Run> list() {
        List<Run> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM runs ORDER BY started DESC, id")) {
            while (r.next()) {
                out.add(read(r));
            }
        } catch (SQLException e) {
            throw problem(e);
        }
        return out;
    }

    public Optional<Run> get(String id) {
        return list().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** This machine's name, as runs record it. */
    static final String HOST = host();

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (java.io.IOException | RuntimeException e) {
                try {
                    h = java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException ex) {
                    h = "";
                }
            }
        }
        return h;
    }

    /** When a process started (ISO-8601), or null when the system does not say. */
    static String processStarted(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toString).orElse(null);
    }

    /**
     * Whether the process that runs a run is still at it: the same id, alive, and started when the run recorded
     * (an id the system reused for another process is not it). A run of another machine cannot be checked here,
     * so it stays "running".
     */
    static boolean alive(long pid, String host, String started) {
        if (host != null && !host.isEmpty() && !HOST.isEmpty() && !host.equals(HOST)) {
            return true;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        String now = processStarted(p.get());
        return started == null || now == null || started.equals(now);
    }

    private static Run read(ResultSet r) throws SQLException {
        String status = r.getString("status");
        if (status.equals("running") && !alive(r.getLong("pid"), r.getString("host"), r.getString("process_started"))) {
            status = "interrupted";
        }
        JsonNode stored = json(r.getString("result"));
        AdaptationRun result = null;
        String problem = r.getString("problem");
        if (stored != null) {
            try {
                result = AdaptationRunJson.read(stored);
            } catch (RuntimeException e) {
                problem = "its stored result cannot be read: " + e.getMessage();
            }
        }
        return new Run(r.getString("id"), r.getString("kind"), r.getString("method"), json(r.getString("options")),
                r.getLong("seed"), r.getString("data_hash"), r.getString("model_hash"), status, r.getString("started"),
                r.getString("finished"), result, problem);
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }


    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private DataException problem(SQLException e) {
        return DataException.inFile(file.getFileName().toString(), "run history cannot be used: " + e.getMessage());
    }
}
