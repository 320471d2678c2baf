package org.shiftscope.workflow.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shiftscope.core.AtomicFile;
import org.shiftscope.workflow.AppFolders;

/**
 * What the desktop app remembers between sessions: the projects opened or saved last (most recent first, at most
 * {@value #RECENT}) and the folder each file dialog was last in. Kept in the data folder's state.json; a missing or
 * damaged file is an empty state, and a state that cannot be written is only forgotten.
 */
public final class UserState {

    public static final int RECENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<Path> recent = new ArrayList<>();
    private final Map<String, Path> folders = new LinkedHashMap<>();

    private UserState(Path file) {
        this.file = file;
    }

    /** The state in the user's data folder. */
    public static UserState standard() {
        return load(AppFolders.data().resolve("state.json"));
    }

    public static UserState load(Path file) {
        UserState s = new UserState(file);
        try {
            JsonNode root = Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
            if (root != null && root.isObject()) {
                root.path("recent").forEach(p -> s.recent.add(Path.of(p.asText())));
                root.path("folders").fields().forEachRemaining(e -> s.folders.put(e.getKey(),
                        Path.of(e.getValue().asText())));
            }
        } catch (IOException | RuntimeException damaged) {
            // an unreadable state is an empty one
        }
        return s;
    }

    /** The recent projects that still exist, most recent first. */
    public synchronized List<Path> recent() {
        return recent.stream().filter(Files::isRegularFile).toList();
    }

    /** Puts a project at the top of the recent list and saves the state. */
    public synchronized void opened(Path project) {
        Path p = project.toAbsolutePath().normalize();
        recent.remove(p);
        recent.add(0, p);
        while (recent.size() > RECENT) {
            recent.remove(recent.size() - 1);
        }
        save();
    }

    /** The folder a dialog was last in, if it still exists. */
    public synchronized Path folder(String dialog) {
        Path p = folders.get(dialog);
        return p != null && Files.isDirectory(p) ? p : null;
    }

    public synchronized void folder(String dialog, Path dir) {
        if (dir != null) {
            folders.put(dialog, dir.toAbsolutePath().normalize());
            save();
        }
    }

    /**
     * Writes the state in the background, in order (the app calls this on its FX thread, which must not wait on a
     * disk); the list in memory is current at once.
     */
    private void save() {
        ObjectNode root = JSON.createObjectNode();
        recent.forEach(p -> root.withArray("recent").add(p.toString()));
        ObjectNode f = root.putObject("folders");
        folders.forEach((k, v) -> f.put(k, v.toString()));
        String text = root.toPrettyString();
        WRITER.execute(() -> {
            try {
                AtomicFile.writeString(file, text);
            } catch (IOException | RuntimeException e) {
                // only forgotten: nothing the user made depends on it
            }
        });
    }

    /** Waits until the writes asked for so far are done (or have failed). */
    public void flush() {
        try {
            WRITER.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static final java.util.concurrent.ExecutorService WRITER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "shiftscope-user-state");
                t.setDaemon(true);
                return t;
            });
}
