package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;
import org.shiftscope.embedding.ComputeDevice;

/** The options every command and the app share, the `gpu` command, and `shiftscope FILE` opening a project. */
class GlobalOptionsTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.clearProperty("shiftscope.gpuPack");
        ComputeDevice.choose(ComputeDevice.Choice.AUTO);
    }

    @Test
    void theSharedOptionsAreTakenOutWhereverTheyStandAndTheRestIsTheCommand() {
        GlobalOptions g = GlobalOptions.parse(new String[] {"detect", "--device", "gpu", "--demo", "two-moons",
                "--verbose", "--log-file=run.log", "--format", "json"});
        assertThat(g.device()).isEqualTo("gpu");
        assertThat(g.verbose()).isTrue();
        assertThat(g.logFile()).isEqualTo(Path.of("run.log"));
        assertThat(g.rest()).containsExactly("detect", "--demo", "two-moons", "--format", "json");
        assertThat(g.desktop()).isFalse();
        // after --, everything is the command's
        assertThat(GlobalOptions.parse(new String[] {"inspect", "--", "--verbose"}).rest())
                .containsExactly("inspect", "--", "--verbose");
        // --gpu is the gpu command's --install
        assertThat(GlobalOptions.parse(new String[] {"--verbose", "--gpu"}).rest()).containsExactly("gpu", "--install");
    }

    @Test
    void aProjectFileAloneOpensTheAppOnItAsTheFileManagerRunsIt() {
        GlobalOptions g = GlobalOptions.parse(new String[] {"/home/a/study.shiftscope.json"});
        assertThat(g.desktop()).isTrue();
        assertThat(g.desktopArgs()).containsExactly("--project", "/home/a/study.shiftscope.json");
        assertThat(GlobalOptions.parse(new String[] {"--device=cpu"}).desktop()).isTrue();
        assertThat(GlobalOptions.parse(new String[] {"--device=cpu"}).desktopArgs()).isEmpty();
        assertThat(GlobalOptions.parse(new String[] {"--project", "p.json", "--verbose"}).desktopArgs())
                .containsExactly("--project", "p.json");
        assertThat(GlobalOptions.parse(new String[] {"data.json"}).desktop()).isFalse(); // not a project: a command
    }

    @Test
    void aBadDeviceOrAMissingLogFileIsOneLineAndExitTwo() {
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"--device", "tpu"})).isInstanceOf(DataException.class)
                .hasMessage("--device 'tpu' is not a device; use auto, cpu or gpu");
        CliRun.Result r = CliRun.run("detect", "--device");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --device needs a value; use auto, cpu or gpu\n");
        assertThat(CliRun.run("--log-file=", "gpu").err()).isEqualTo("error: --log-file needs a file name\n");
    }

    @Test
    void gpuSaysWhatIsInstalledAndWhereTheEnginesRun() throws Exception {
        System.setProperty("shiftscope.gpuPack", dir.resolve("pack").toString());
        CliRun.Result r = CliRun.run("gpu", "--format", "json");
        assertThat(r.code()).isEqualTo(0);
        JsonNode j = r.json();
        assertThat(j.get("schema").asText()).isEqualTo("shiftscope/gpu/v1");
        assertThat(j.get("pack").asText()).isEqualTo(dir.resolve("pack").toString());
        assertThat(j.get("pytorchCuda").asBoolean()).isFalse();
        assertThat(j.get("onnxRuntimeCuda").asBoolean()).isFalse();
        assertThat(j.get("engines").asText()).isEqualTo("cpu"); // no pack here, so never the GPU
        String text = CliRun.run("gpu").out();
        assertThat(text).contains("GPU pack:      " + dir.resolve("pack") + " (PyTorch CUDA not installed, ONNX"
                + " Runtime CUDA not installed)\n").contains("\nDevice: CPU");
    }

    @Test
    void installingFromARepositoryThatDoesNotAnswerSaysWhatAndWhere() {
        System.setProperty("shiftscope.gpuPack", dir.resolve("pack").toString());
        CliRun.Result r = CliRun.run("--gpu", "--repository", "http://127.0.0.1:9/");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: the GPU pack could not be installed: pytorch-native-cu124-2.5.1-"
                + "linux-x86_64.jar from http://127.0.0.1:9/ (");
        assertThat(Files.exists(dir.resolve("pack").resolve("pytorch-2.5.1-cu124"))).isFalse();
    }
}
