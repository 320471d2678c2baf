package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/**
 * The GPU pack's installer against a real HTTP repository (the JDK's server on a free port) serving jars laid out
 * as Maven Central's are, with their .sha1 files; and the device choice on this CPU-only machine.
 */
class GpuPackTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private URI repo;

    @BeforeEach
    void serve() throws IOException {
        System.setProperty("shiftscope.gpuPack", dir.resolve("pack").toString());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = files.get(ex.getRequestURI().getPath().substring(1));
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        repo = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("shiftscope.gpuPack");
        System.clearProperty(CudaDriver.OVERRIDE);
        ComputeDevice.reset();
    }

    private static byte[] jar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    private void publish(GpuPack.Part p, byte[] jar, String sha1) {
        files.put(p.path(), jar);
        files.put(p.path() + ".sha1", (sha1 + "  " + p.fileName() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    @Test
    void installsBothPartsOnceCheckingEachChecksumAndKeepingOnlyTheFoldersOwnLibraries() throws Exception {
        List<GpuPack.Part> parts = GpuPack.parts("linux-x86_64");
        assertThat(parts.get(0).path()).isEqualTo(
                "ai/djl/pytorch/pytorch-native-cu124/2.5.1/pytorch-native-cu124-2.5.1-linux-x86_64.jar");
        assertThat(parts.get(1).path()).isEqualTo("com/microsoft/onnxruntime/onnxruntime_gpu/1.20.0/onnxruntime_gpu-1.20.0.jar");
        byte[] torch = jar(Map.of("pytorch/cu124/linux-x86_64/libtorch.so", "torch",
                "pytorch/cu124/linux-x86_64/libc10_cuda.so", "c10", "native/lib/pytorch.properties", "flavor=cu124",
                "pytorch/cu124/linux-x86_64/sub/../../evil.so", "no"));
        byte[] ort = jar(Map.of("ai/onnxruntime/native/linux-x64/libonnxruntime.so", "ort",
                "ai/onnxruntime/native/win-x64/onnxruntime.dll", "win", "ai/onnxruntime/native/win-x64/x.pdb", "pdb"));
        publish(parts.get(0), torch, sha1(torch));
        publish(parts.get(1), ort, sha1(ort));

        List<String> lines = GpuPack.install(repo, TaskMonitor.NONE);
        assertThat(lines).containsExactly(
                "pytorch-native-cu124-2.5.1-linux-x86_64.jar: 2 libraries installed in " + GpuPack.pytorchDir(),
                "onnxruntime_gpu-1.20.0.jar: 1 libraries installed in " + GpuPack.onnxRuntimeDir());
        assertThat(Files.readString(GpuPack.pytorchDir().resolve("libtorch.so"))).isEqualTo("torch");
        assertThat(Files.readString(GpuPack.onnxRuntimeDir().resolve("libonnxruntime.so"))).isEqualTo("ort");
        try (var list = Files.list(GpuPack.pytorchDir())) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(".complete", "libc10_cuda.so", "libtorch.so");
        }
        assertThat(GpuPack.pytorchInstalled()).isTrue();
        assertThat(GpuPack.onnxRuntimeInstalled()).isTrue();
        // nothing is fetched again
        files.clear();
        assertThat(GpuPack.install(repo, TaskMonitor.NONE)).allMatch(l -> l.contains(": already installed in "));
    }

    @Test
    void aJarWhoseChecksumDiffersIsRefusedAndNothingOfItIsKept() throws Exception {
        List<GpuPack.Part> parts = GpuPack.parts("linux-x86_64");
        byte[] torch = jar(Map.of("pytorch/cu124/linux-x86_64/libtorch.so", "torch"));
        publish(parts.get(0), torch, "0".repeat(40));
        assertThatThrownBy(() -> GpuPack.install(repo, TaskMonitor.NONE)).isInstanceOf(DataException.class)
                .hasMessage("pytorch-native-cu124-2.5.1-linux-x86_64.jar from " + repo + " has SHA-1 " + sha1(torch)
                        + " but the repository lists " + "0".repeat(40) + "; nothing was installed (try again)");
        assertThat(GpuPack.pytorchInstalled()).isFalse();
        try (var list = Files.list(GpuPack.folder())) {
            assertThat(list.toList()).isEmpty(); // the download is deleted
        }
    }

    @Test
    void aRepositoryWithoutThePackSaysWhichFileFromWhere() {
        assertThatThrownBy(() -> GpuPack.install(repo, TaskMonitor.NONE)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("the GPU pack could not be installed: pytorch-native-cu124-2.5.1-linux-x86_64.jar"
                        + " from " + repo + " (");
    }

    @Test
    void withoutADriverAnInstalledPackIsLeftAloneAndTheEnginesRunOnTheCpuSayingWhy() throws Exception {
        Files.createDirectories(GpuPack.pytorchDir());
        Files.writeString(GpuPack.pytorchDir().resolve(".complete"), "test\n");
        System.setProperty(CudaDriver.OVERRIDE, "absent");
        ComputeDevice.reset();
        assertThat(ComputeDevice.choose(ComputeDevice.Choice.GPU)).isTrue();
        assertThat(ComputeDevice.gpuNatives()).isFalse();
        assertThat(System.getProperty("PYTORCH_LIBRARY_PATH")).isNull();
        assertThat(ComputeDevice.note()).contains(
                "the GPU pack is installed, but this machine has no NVIDIA CUDA driver; running on the CPU");
        assertThat(ComputeDevice.device("PyTorch").isGpu()).isFalse();
        // a later choice cannot change the natives the engines loaded
        assertThat(ComputeDevice.choose(ComputeDevice.Choice.CPU)).isFalse();
    }

    @Test
    void gpuWithoutThePackSaysHowToInstallItWhileAutoSaysNothing() {
        ComputeDevice.reset();
        ComputeDevice.choose(ComputeDevice.Choice.GPU);
        assertThat(ComputeDevice.gpuNatives()).isFalse();
        assertThat(ComputeDevice.note()).contains("GPU requested, but the GPU pack is not installed (shiftscope --gpu"
                + " installs it); running on the CPU");
        assertThat(ComputeDevice.describe("cpu()")).isEqualTo("cpu() (GPU requested, but the GPU pack is not"
                + " installed (shiftscope --gpu installs it); running on the CPU)");
        ComputeDevice.reset();
        ComputeDevice.choose(ComputeDevice.Choice.AUTO);
        assertThat(ComputeDevice.gpuNatives()).isFalse();
        assertThat(ComputeDevice.note()).isEmpty();
        assertThat(ComputeDevice.describe("cpu()")).isEqualTo("cpu()");
    }
}
