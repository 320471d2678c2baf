package org.shiftscope.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the team's shared datasets (../shared/data beside the checkout) and the io test corpus. */
public final class SharedData {

    private SharedData() {
    }

    /** A file from ../shared/data; the test is skipped (not passed) when the folder is absent. */
    public static Path file(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        Assumptions.abort("../shared/data/" + name + " not found");
        return null;
    }

    public static Path corpus(String name) {
        try {
            return Path.of(SharedData.class.getResource("/corpus/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing corpus file " + name, e);
        }
    }
}
