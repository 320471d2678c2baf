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

    /**
     * A file of Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist). Where it is not installed the
     * test is skipped with a message, except under CI=true: .ci/run installs it, so there its absence fails.
     */
    public static Path fashionMnist(String name) {
        Path f = Path.of("/usr/share/datasets/fashion-mnist", name);
        if (!Files.isRegularFile(f)) {
            String why = f + " not found (Debian package dataset-fashion-mnist)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + ": .ci/run installs it, so CI requires it");
            }
            Assumptions.abort(why);
        }
        return f;
    }

    public static Path corpus(String name) {
        try {
            return Path.of(SharedData.class.getResource("/corpus/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing corpus file " + name, e);
        }
    }
}
