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
     * A file of Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist, or the folder
     * {@code -Dshiftscope.fashion} names, as the app reads it). Where it is not installed the test is skipped with a
     * message, except under CI=true: .ci/run installs it, so there its absence fails. Running the suite with
     * {@code -Dshiftscope.fashion=/nowhere} shows what a machine without it runs.
     */
    public static Path fashionMnist(String name) {
        Path f = Path.of(System.getProperty("shiftscope.fashion", "/usr/share/datasets/fashion-mnist"), name);
        if (!Files.isRegularFile(f)) {
            String why = f + " not found (Debian package dataset-fashion-mnist)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + ": .ci/run installs it, so CI requires it");
            }
            Assumptions.abort(why);
        }
        return f;
    }

    /**
     * The ResNet-18 fixture folder that bench/resnet/make_resnet.py writes (a model of 45 MB is not committed):
     * {@code target/fixtures/resnet} at the repository root. Where it is absent the test is skipped with a message,
     * except under CI=true: .ci/run makes it, so there its absence fails.
     */
    public static Path resnetFixture() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bench/resnet/make_resnet.py"))) {
            dir = dir.getParent();
        }
        Path f = dir == null ? null : dir.resolve("target/fixtures/resnet");
        if (f == null || !Files.isRegularFile(f.resolve("expected.npy"))) {
            String why = "target/fixtures/resnet not found (make it with /usr/bin/python3 bench/resnet/make_resnet.py"
                    + " --out target/fixtures/resnet; needs python3-torchvision)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + ": .ci/run makes it, so CI requires it");
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
