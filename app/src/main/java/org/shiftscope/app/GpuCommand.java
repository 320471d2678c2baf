package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.model.Devices;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "Which device the engines use, and the opt-in GPU pack: PyTorch 2.5.1's CUDA 12.4 natives and"
                + " ONNX Runtime 1.20.0's CUDA build (~3 GB), fetched once from Maven Central (--install, or"
                + " `shiftscope --gpu`). With the pack and an NVIDIA driver, --device auto (the default) runs"
                + " embeddings on the GPU; without either it runs on the CPU and says why.")
final class GpuCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--install", description = "Fetch and unpack the GPU pack's parts not yet installed.")
    boolean install;

    @Option(names = "--repository", paramLabel = "URL", description = "The Maven repository to fetch from (default"
            + " SHIFTSCOPE_MAVEN_REPO, else Maven Central).")
    URI repository;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        boolean json = output.json();
        PrintWriter w = spec.commandLine().getOut();
        if (install) {
            TaskMonitor monitor = ConsoleProgress.forTerminal();
            java.util.List<String> lines = Devices.installPack(repository, monitor);
            ConsoleProgress.clear(monitor);
            if (!json) {
                lines.forEach(l -> w.println("installed " + l));
            }
        }
        Devices.Status s = Devices.status();
        if (json) {
            ObjectNode root = Json.object();
            root.put("choice", s.choice());
            root.put("pack", s.pack().toString());
            root.put("pytorchCuda", s.pytorch());
            root.put("onnxRuntimeCuda", s.onnx());
            root.put("cudaDriver", s.driver());
            root.put("engines", s.engines());
            root.put("note", s.note());
            Json.print(w, "gpu", root);
        } else {
            w.println("device choice: " + s.choice());
            w.println("GPU pack:      " + s.pack() + " (PyTorch CUDA " + (s.pytorch() ? "installed" : "not installed")
                    + ", ONNX Runtime CUDA " + (s.onnx() ? "installed" : "not installed") + ")");
            w.println("CUDA driver:   " + (s.driver() == null ? "none found" : s.driver()));
            w.println(s.line());
        }
        w.flush();
        return 0;
    }
}
