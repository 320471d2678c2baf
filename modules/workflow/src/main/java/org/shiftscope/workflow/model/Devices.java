package org.shiftscope.workflow.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.ComputeDevice;
import org.shiftscope.embedding.CudaDriver;
import org.shiftscope.embedding.GpuPack;

/**
 * The compute device as the user sees it: what was chosen (auto, cpu, gpu), whether the GPU pack and a CUDA driver
 * are present, which device the engines use, and installing the pack. One use case for the CLI's {@code gpu} command
 * and the app's status bar.
 */
public final class Devices {

    private Devices() {
    }

    /**
     * @param choice   auto, cpu or gpu
     * @param pack     the GPU pack's folder
     * @param pytorch  whether PyTorch's CUDA natives are installed there
     * @param onnx     whether ONNX Runtime's CUDA build is installed there
     * @param driver   the CUDA driver found, or null
     * @param engines  "gpu" when the engines load the GPU natives, else "cpu"
     * @param note     why the engines run on the CPU although a GPU was wanted, or null
     */
    public record Status(String choice, Path pack, boolean pytorch, boolean onnx, String driver, String engines,
                         String note) {

        /** "CPU" or "GPU (CUDA 12.4)", with the fallback's reason: what provenance records. */
        public String label() {
            return (engines.equals("gpu") ? "GPU (CUDA 12.4)" : "CPU") + (note == null ? "" : " (" + note + ")");
        }

        /** One line for a status bar: "Device: " and the {@link #label()}. */
        public String line() {
            return "Device: " + label();
        }
    }

    /** "auto", "cpu" or "gpu" for those words in any case; null for anything else. */
    public static String normalize(String choice) {
        ComputeDevice.Choice c = ComputeDevice.Choice.parse(choice);
        return c == null ? null : ComputeDevice.name(c);
    }

    /** Where the engines run, as provenance records it: "CPU", "GPU (CUDA 12.4)", with a fallback's reason. */
    public static String current() {
        return status().label();
    }

    /** Sets the choice for this process; false when the engines have loaded already (it applies at next start). */
    public static boolean choose(String choice) {
        ComputeDevice.Choice c = ComputeDevice.Choice.parse(choice);
        if (c == null) {
            throw org.shiftscope.core.DataException.setting("device", "'" + choice + "' is not a device; use auto,"
                    + " cpu or gpu");
        }
        return ComputeDevice.choose(c);
    }

    /** Where things stand; decides the device (from then on the choice is fixed for this process). */
    public static Status status() {
        boolean gpu = ComputeDevice.gpuNatives();
        return new Status(ComputeDevice.name(ComputeDevice.choice()), GpuPack.folder(), GpuPack.pytorchInstalled(),
                GpuPack.onnxRuntimeInstalled(), CudaDriver.find().orElse(null), gpu ? "gpu" : "cpu",
                ComputeDevice.note().orElse(null));
    }

    /** Fetches the GPU pack's parts not yet installed (see {@link GpuPack#install}); one line per part. */
    public static List<String> installPack(URI repository, TaskMonitor monitor) {
        return GpuPack.install(repository == null ? GpuPack.repository() : repository, monitor);
    }
}
