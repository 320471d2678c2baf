package org.shiftscope.embedding;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.Optional;

/**
 * Which device the engines run on, chosen once per process before the first engine loads: {@code auto} (the GPU
 * when the {@link GpuPack} is installed and a {@link CudaDriver} is present, else the CPU), {@code cpu}, or
 * {@code gpu} (as auto, but says so when it cannot). Never an exception for a missing GPU: the CPU natives this build
 * ships are used instead, and {@link #note()} holds the one line that says why.
 */
public final class ComputeDevice {

    /** What the user asked for. */
    public enum Choice {
        AUTO, CPU, GPU;

        /** Parses "auto", "cpu" or "gpu" (any case); null for anything else. */
        public static Choice parse(String s) {
            for (Choice c : values()) {
                if (c.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return c;
                }
            }
            return null;
        }
    }

    private static volatile Choice choice = fromEnvironment();
    private static volatile Boolean gpuNatives; // null until prepared
    private static volatile String note;

    private ComputeDevice() {
    }

    private static Choice fromEnvironment() {
        Choice c = Choice.parse(System.getProperty("shiftscope.device", System.getenv("SHIFTSCOPE_DEVICE")));
        return c == null ? Choice.AUTO : c;
    }

    /**
     * Sets the choice; it takes effect when the first engine loads, so a later change returns false (the engines
     * keep their natives until the app restarts).
     */
    public static synchronized boolean choose(Choice c) {
        choice = c;
        return gpuNatives == null;
    }

    public static Choice choice() {
        return choice;
    }

    /** The line that explains a fallback to the CPU (or which GPU natives are used), if there is one. */
    public static Optional<String> note() {
        return Optional.ofNullable(note);
    }

    /**
     * Decides, once, whether the engines load the GPU pack's natives, and points them there: PyTorch through
     * {@code PYTORCH_LIBRARY_PATH} (which DJL searches for libtorch before its own jars) and the CUDA flavour, ONNX
     * Runtime through {@code onnxruntime.native.path}. Called before any engine loads.
     */
    static synchronized void prepare() {
        if (gpuNatives != null) {
            return;
        }
        boolean use = false;
        if (choice != Choice.CPU) {
            boolean packed = GpuPack.pytorchInstalled();
            Optional<String> driver = CudaDriver.find();
            if (!packed) {
                note = choice == Choice.GPU ? "GPU requested, but the GPU pack is not installed (shiftscope --gpu"
                        + " installs it); running on the CPU" : null;
            } else if (driver.isEmpty()) {
                note = "the GPU pack is installed, but this machine has no NVIDIA CUDA driver; running on the CPU";
            } else {
                use = true;
                note = null;
            }
        }
        if (use) {
            System.setProperty("PYTORCH_LIBRARY_PATH", GpuPack.pytorchDir().toString());
            System.setProperty("PYTORCH_FLAVOR", GpuPack.PYTORCH_FLAVOR);
            System.setProperty("PYTORCH_VERSION", GpuPack.PYTORCH_VERSION);
            if (GpuPack.onnxRuntimeInstalled() && System.getProperty("onnxruntime.native.path") == null) {
                System.setProperty("onnxruntime.native.path", GpuPack.onnxRuntimeDir().toString());
            }
        }
        if (!use && System.getenv("PYTORCH_LIBRARY_PATH") == null) {
            // an installed package carries PyTorch's CPU libraries as plain files (installers/PrepareJars.java)
            String bundled = System.getProperty("shiftscope.pytorchDir");
            if (bundled != null && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(bundled,
                    System.mapLibraryName("torch")))) {
                System.setProperty("PYTORCH_LIBRARY_PATH", bundled);
            }
        }
        gpuNatives = use;
    }

    /** Forgets the decision (tests only: the engines keep whatever natives they loaded). */
    static synchronized void reset() {
        gpuNatives = null;
        note = null;
        choice = fromEnvironment();
    }

    /** True when the engines were pointed at the GPU pack. */
    public static boolean gpuNatives() {
        prepare();
        return gpuNatives;
    }

    /**
     * The device to run the named engine on: its first GPU when the GPU natives are in use and the engine sees one,
     * else the CPU (and {@link #note()} says why, when a GPU was expected).
     */
    static Device device(String engineName) {
        ModelEmbedder.configureOffline();
        Engine engine;
        try {
            engine = Engine.getEngine(engineName);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            if (!gpuNatives) {
                throw e;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw org.shiftscope.core.DataException.of("the GPU pack's " + engineName + " libraries in "
                    + GpuPack.folder() + " do not load on this machine (" + root.getMessage() + "); run with"
                    + " --device cpu, or install the pack again (shiftscope --gpu)");
        }
        if (!gpuNatives) {
            return Device.cpu();
        }
        if (engine.getGpuCount() > 0) {
            return Device.gpu();
        }
        note = engineName.equals("OnnxRuntime") ? "ONNX Runtime's CUDA provider did not load (it needs the"
                + " system's CUDA 12 and cuDNN 9 libraries); ONNX models run on the CPU"
                : engineName + " was given the GPU natives but sees no GPU (the CUDA driver may be too old for CUDA"
                + " 12.4); running on the CPU";
        return Device.cpu();
    }

    /** How a result's device is shown: "cpu()", "gpu(0)"; with the fallback's reason when there was one. */
    public static String describe(String device) {
        String n = note;
        return n == null ? device : device + " (" + n + ")";
    }

    /** The choice as users type it. */
    public static String name(Choice c) {
        return c.name().toLowerCase(Locale.ROOT);
    }
}
