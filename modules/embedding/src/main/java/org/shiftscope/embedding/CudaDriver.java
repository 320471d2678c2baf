package org.shiftscope.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this machine has an NVIDIA CUDA driver, found without loading anything: the kernel module's version file
 * or the driver library ({@code libcuda.so.1}, {@code nvcuda.dll}) in the places the driver installs it. Loading the
 * GPU natives on a machine without it would fail inside the engine, so the device choice asks here first.
 */
public final class CudaDriver {

    /**
     * Test and diagnosis override: {@code -Dshiftscope.cudaDriver=absent} behaves as a machine without CUDA,
     * {@code present} as one with it (the engines then find out for themselves whether a GPU answers).
     */
    static final String OVERRIDE = "shiftscope.cudaDriver";

    private CudaDriver() {
    }

    /** What identifies the driver (its version line or library), or empty when there is none. */
    public static Optional<String> find() {
        String override = System.getProperty(OVERRIDE, "");
        if (override.equals("absent")) {
            return Optional.empty();
        }
        if (override.equals("present")) {
            return Optional.of("assumed present (-D" + OVERRIDE + "=present)");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Optional.empty(); // no CUDA on macOS since 10.13
        }
        if (os.contains("win")) {
            Path dll = Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32", "nvcuda.dll");
            return Files.isRegularFile(dll) ? Optional.of(dll.toString()) : Optional.empty();
        }
        Path version = Path.of("/proc/driver/nvidia/version");
        if (Files.isReadable(version)) {
            try {
                String line = Files.readAllLines(version).stream().findFirst().orElse("").strip();
                return Optional.of(line.isEmpty() ? version.toString() : line);
            } catch (IOException | RuntimeException e) {
                return Optional.of(version.toString());
            }
        }
        for (Path dir : libraryFolders()) {
            Path lib = dir.resolve("libcuda.so.1");
            if (Files.exists(lib)) {
                return Optional.of(lib.toString());
            }
        }
        return Optional.empty();
    }

    private static List<Path> libraryFolders() {
        List<Path> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String p : ld.split(":")) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        for (String p : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/lib/wsl/lib")) {
            dirs.add(Path.of(p).normalize());
        }
        return dirs;
    }
}
