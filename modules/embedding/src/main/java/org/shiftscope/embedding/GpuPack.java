package org.shiftscope.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.shiftscope.core.CancelledException;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * The opt-in GPU pack: PyTorch's CUDA 12.4 natives and ONNX Runtime's CUDA build, of the same versions as the CPU
 * natives this build ships, so one build runs on either. They are ~3 GB, so the package leaves them out and
 * {@link #install} fetches them once from a Maven repository (Maven Central unless {@code SHIFTSCOPE_MAVEN_REPO}
 * names another, or the local ~/.m2 already has them), checks each jar's SHA-1 against the repository's, and unpacks
 * the native libraries into {@link #folder()}. {@link ComputeDevice} uses them when a CUDA driver is present.
 */
public final class GpuPack {

    /** PyTorch version and CUDA flavour of the pack; the CPU natives in the pom have the same version. */
    public static final String PYTORCH_VERSION = "2.5.1";
    public static final String PYTORCH_FLAVOR = "cu124";
    public static final String ONNXRUNTIME_VERSION = "1.20.0";

    /** One Maven artifact of the pack and the folder its libraries go to. */
    record Part(String group, String artifact, String version, String classifier, String entryPrefix, Path dir) {

        String path() {
            return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + fileName();
        }

        String fileName() {
            return artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        }
    }

    private GpuPack() {
    }

    /**
     * Where the pack lives: {@code SHIFTSCOPE_GPU_PACK}, else ~/.local/share/shiftscope/gpu-pack; or, when that holds
     * no pack, the one a system package installed beside the app ({@code -Dshiftscope.systemGpuPack}, set by the
     * installed launcher: the shiftscope-gpu-pack .deb).
     */
    public static Path folder() {
        String v = System.getProperty("shiftscope.gpuPack", System.getenv("SHIFTSCOPE_GPU_PACK"));
        if (v != null && !v.isBlank()) {
            return Path.of(v);
        }
        String data = System.getenv("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        Path user = base.resolve("shiftscope").resolve("gpu-pack");
        String system = System.getProperty("shiftscope.systemGpuPack");
        if (system != null && !Files.isRegularFile(pytorchDir(user).resolve(".complete"))
                && Files.isRegularFile(pytorchDir(Path.of(system)).resolve(".complete"))) {
            return Path.of(system).normalize();
        }
        return user;
    }

    /** The platform's PyTorch classifier ("linux-x86_64", "win-x86_64"), or empty where no CUDA build exists. */
    static Optional<String> classifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return Optional.empty();
        }
        if (os.contains("linux")) {
            return Optional.of("linux-x86_64");
        }
        return os.contains("win") ? Optional.of("win-x86_64") : Optional.empty();
    }

    /** The folder holding PyTorch's CUDA libraries (libtorch.so and its companions). */
    public static Path pytorchDir() {
        return pytorchDir(folder());
    }

    private static Path pytorchDir(Path folder) {
        return folder.resolve("pytorch-" + PYTORCH_VERSION + "-" + PYTORCH_FLAVOR);
    }

    /** The folder holding ONNX Runtime's CUDA build (libonnxruntime, its JNI library and the CUDA provider). */
    public static Path onnxRuntimeDir() {
        return folder().resolve("onnxruntime-" + ONNXRUNTIME_VERSION + "-gpu");
    }

    /** True when the PyTorch part is unpacked completely (its marker is written last). */
    public static boolean pytorchInstalled() {
        return Files.isRegularFile(pytorchDir().resolve(".complete"));
    }

    public static boolean onnxRuntimeInstalled() {
        return Files.isRegularFile(onnxRuntimeDir().resolve(".complete"));
    }

    static List<Part> parts(String classifier) {
        String ortOs = classifier.startsWith("win") ? "win-x64" : "linux-x64";
        return List.of(
                new Part("ai.djl.pytorch", "pytorch-native-" + PYTORCH_FLAVOR, PYTORCH_VERSION, classifier,
                        "pytorch/" + PYTORCH_FLAVOR + "/" + classifier + "/", pytorchDir()),
                new Part("com.microsoft.onnxruntime", "onnxruntime_gpu", ONNXRUNTIME_VERSION, null,
                        "ai/onnxruntime/native/" + ortOs + "/", onnxRuntimeDir()));
    }

    /** The repository to fetch from: {@code SHIFTSCOPE_MAVEN_REPO} or Maven Central. */
    public static URI repository() {
        String v = System.getProperty("shiftscope.mavenRepo", System.getenv("SHIFTSCOPE_MAVEN_REPO"));
        String base = v != null && !v.isBlank() ? v : "https://repo.maven.apache.org/maven2";
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    /**
     * Fetches and unpacks the parts not yet installed; returns one line per part saying what was done. A part
     * whose checksum does not match is refused (nothing of it is kept).
     */
    public static List<String> install(URI repository, TaskMonitor monitor) {
        String classifier = classifier().orElseThrow(() -> DataException.of("there is no GPU pack for "
                + System.getProperty("os.name") + " on " + System.getProperty("os.arch") + " (PyTorch and ONNX Runtime"
                + " publish CUDA builds for Linux and Windows on x86-64 only)"));
        List<Part> parts = parts(classifier);
        List<String> done = new java.util.ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            TaskMonitor m = monitor.range((double) i / parts.size(), (double) (i + 1) / parts.size());
            if (Files.isRegularFile(p.dir().resolve(".complete"))) {
                done.add(p.fileName() + ": already installed in " + p.dir());
                continue;
            }
            done.add(installPart(repository, p, m));
        }
        return done;
    }

    private static String installPart(URI repository, Part p, TaskMonitor monitor) {
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(p.path());
        Path jar = null;
        boolean downloaded = false;
        try {
            Files.createDirectories(folder());
            String expected = text(repository.resolve(p.path() + ".sha1")).strip().split("\\s+")[0];
            if (Files.isRegularFile(local) && sha1(local).equalsIgnoreCase(expected)) {
                jar = local;
            } else {
                jar = Files.createTempFile(folder(), p.artifact(), ".part");
                downloaded = true;
                download(repository.resolve(p.path()), jar, p.fileName(), monitor.range(0, 0.8));
                String actual = sha1(jar);
                if (!actual.equalsIgnoreCase(expected)) {
                    throw DataException.of(p.fileName() + " from " + repository + " has SHA-1 " + actual
                            + " but the repository lists " + expected + "; nothing was installed (try again)");
                }
            }
            int files = unpack(jar, p, monitor.range(0.8, 1));
            return p.fileName() + ": " + files + " libraries installed in " + p.dir();
        } catch (IOException e) {
            throw DataException.of("the GPU pack could not be installed: " + p.fileName() + " from " + repository
                    + " (" + e.getMessage() + ")");
        } finally {
            if (downloaded && jar != null) {
                try {
                    Files.deleteIfExists(jar);
                } catch (IOException ignored) {
                    // a temporary file left in the pack folder is replaced on the next try
                }
            }
        }
    }

    private static String text(URI uri) throws IOException {
        URLConnection c = uri.toURL().openConnection();
        c.setConnectTimeout(30_000);
        c.setReadTimeout(60_000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
        }
    }

    private static void download(URI uri, Path to, String name, TaskMonitor monitor) throws IOException {
        URLConnection c = uri.toURL().openConnection();
        c.setConnectTimeout(30_000);
        c.setReadTimeout(120_000);
        long total = c.getContentLengthLong();
        try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            long got = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                got += n;
                if (monitor.isCancelled()) {
                    throw new CancelledException();
                }
                if (total > 0) {
                    monitor.progress((double) got / total, "downloading " + name + ": " + (got >> 20) + " of "
                            + (total >> 20) + " MiB");
                }
            }
        }
    }

    /** Unpacks the part's native libraries into a fresh folder, moved into place when complete. */
    private static int unpack(Path jar, Part p, TaskMonitor monitor) throws IOException {
        Path tmp = Files.createTempDirectory(folder(), "unpack");
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(p.entryPrefix())) {
                    continue;
                }
                String file = name.substring(p.entryPrefix().length());
                if (file.contains("/") || file.contains("\\") || file.isEmpty() || file.endsWith(".pdb")) {
                    continue; // only the folder's own libraries, never a path out of it
                }
                monitor.checkCancelled();
                monitor.progress(0.5, "unpacking " + file);
                Files.copy(zip, tmp.resolve(file));
                files++;
            }
            if (files == 0) {
                throw new IOException("it holds no libraries under " + p.entryPrefix());
            }
            Files.writeString(tmp.resolve(".complete"), p.fileName() + "\n");
            deleteTree(p.dir());
            Files.move(tmp, p.dir(), StandardCopyOption.ATOMIC_MOVE);
            return files;
        } finally {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        org.shiftscope.core.FileTrees.delete(dir, true);
    }

    static String sha1(Path file) throws IOException {
        return org.shiftscope.core.FileTrees.digest(file, "SHA-1");
    }
}
