package org.shiftscope.workflow.report;

import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.model.EmbeddingCache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shiftscope.core.DataException;

/** Where a result came from: this build's version, the runtime, and the files an analysis read (with hashes). */
public final class Provenance {

    private Provenance() {
    }

    /** The version Maven wrote at build time ("unknown" when run from classes without it). */
    public static String version() {
        return org.shiftscope.workflow.Version.get();
    }

    /** Where embeddings and encoders run: "CPU", "GPU (CUDA 12.4)", with the reason for a fallback. */
    public static String device() {
        return org.shiftscope.workflow.model.Devices.current();
    }

    /** ShiftScope, Java and operating system versions and the compute device, in that order. */
    public static Map<String, String> runtime() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("ShiftScope", version());
        r.put("Java", System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vendor", "unknown vendor") + ")");
        r.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        r.put("Device", device());
        return r;
    }

    /**
     * A file an analysis read.
     *
     * @param role what it was, e.g. "data" or "model"
     */
    public record FileRecord(String role, Path path, long bytes, String sha256) {
    }

    /** The file's size and SHA-256, read now. */
    public static FileRecord file(String role, Path path) {
        try {
            return new FileRecord(role, path.toAbsolutePath().normalize(), Files.size(path),
                    EmbeddingCache.fileHash(path));
        } catch (IOException e) {
            throw DataException.inFile(path.getFileName().toString(), "cannot be read: " + e.getMessage());
        }
    }

    /** The files a split definition reads (none for a built-in scenario). */
    public static java.util.List<FileRecord> files(SplitDefinition d) {
        return switch (d.source()) {
            case SplitSource.TwoFiles f -> java.util.List.of(file("reference", f.reference()),
                    file("target", f.target()));
            case SplitSource.FilteredFile f -> java.util.List.of(file("data", f.data()));
            case SplitSource.Demo demo -> java.util.List.of();
        };
    }
}
