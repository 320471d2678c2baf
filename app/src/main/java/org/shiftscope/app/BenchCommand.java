package org.shiftscope.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.shiftscope.projection.Projector;
import org.shiftscope.projection.Trustworthiness;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.NpyWriter;
import org.shiftscope.transport.Explainer;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.transport.Points;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.embedding.ModelEmbedder;
import org.shiftscope.transport.SinkhornDivergence;
import org.shiftscope.transport.SinkhornSolver;
import org.shiftscope.transport.W2Estimator;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Benchmarks our transport engine against POT in one run, on the same seeded data: X ~ N(0, I_d), Y ~ N(0.5, 1.5^2 I_d).
 * The peer runs through Debian's python3-pot (the benchmark's only use of Python; the product never needs it).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark against the peers in one run: 'ot' vs POT (python3-pot), 'detect' vs NumPy,"
                + " 'embed' vs PyTorch, 'map' vs scikit-learn t-SNE and umap-learn, 'render' (a million points panned and"
                + " zoomed in the Map view's canvas) vs matplotlib, 'calibration' (false alarms of the two-sample tests"
                + " on real nulls, and their power).")
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE", description = "ot, detect, embed, map, render or calibration")
    String suite;

    @Option(names = "--case", split = ",", paramLabel = "NAME",
            description = "exact-5000, exact-10000, sinkhorn-2000, sinkhorn-10000, kcluster-10000, sinkhorn-100000"
                    + " (default: exact-5000, exact-10000, sinkhorn-10000, kcluster-10000)")
    List<String> cases = new ArrayList<>(List.of("exact-5000", "exact-10000", "sinkhorn-10000", "kcluster-10000"));

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "../shared/data",
            description = "calibration: the folder of the real tables (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--problems", paramLabel = "N", defaultValue = "60",
            description = "calibration: null problems per table (default ${DEFAULT-VALUE}; four tables).")
    int problems;

    @Option(names = "--python", paramLabel = "PATH", description = "Python with POT (default: /usr/bin/python3, then python3).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (!List.of("ot", "detect", "embed", "map", "render", "calibration").contains(suite)) {
            throw DataException.of("unknown benchmark suite '" + suite + "' (available: ot, detect, embed, map,"
                    + " render, calibration)");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (suite.equals("calibration")) {
            return CalibrationBench.run(out, dataDir, problems, 200);
        }
        Path dir = Files.createTempDirectory("shiftscope-bench");
        if (suite.equals("detect")) {
            return benchDetect(out, dir);
        }
        if (suite.equals("embed")) {
            return benchEmbed(out, dir);
        }
        if (suite.equals("map")) {
            return benchMap(out, dir);
        }
        if (suite.equals("render")) {
            return benchRender(out, dir);
        }
        String py = findPython();
        out.printf(Locale.ROOT, "ShiftScope %s, Java %s, %d cores; peer: %s%n", Cli.version(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                py == null ? "POT not available (apt-get install python3-pot)" : py + " with POT");
        warmUp(cases.stream().anyMatch(c -> c.startsWith("sinkhorn")));
        out.printf(Locale.ROOT, "%-16s %8s %12s %12s %8s %14s %14s %9s%n", "case", "n", "ours (s)", "POT emd (s)",
                "ratio", "ours W2^2", "POT W2^2", "rel.err");
        for (String c : cases) {
            String[] parts = c.split("-");
            int n = Integer.parseInt(parts[parts.length - 1]);
            Points x = gaussian(n, 10, 1, 0, 1);
            Points y = gaussian(n, 10, 2, 0.5, 1.5);
            JsonNode pot = null;
            if (py != null && !c.startsWith("kcluster") && n <= 12_000) {
                Path xf = dir.resolve("x.npy");
                Path yf = dir.resolve("y.npy");
                NpyWriter.write(xf, n, 10, x.values());
                NpyWriter.write(yf, n, 10, y.values());
                pot = runPot(py, dir, xf, yf);
            }
            long t = System.nanoTime();
            double ours;
            if (c.startsWith("exact")) {
                ours = W2Estimator.EXACT.w2sq(x, y, TaskMonitor.NONE);
            } else if (c.startsWith("sinkhorn")) {
                // the product's default: 0.3 % of E|x - y|^2 = 10 (1 + 1.5^2) + 10 * 0.5^2 = 35
                ours = new SinkhornDivergence(SinkhornSolver.Options.of(0.003 * 35)).w2sq(x, y, TaskMonitor.NONE);
            } else if (c.startsWith("kcluster")) {
                ours = new Explainer(W2Estimator.EXACT).explain(x, y, names(10), ExplanationMethod.KCLUSTER, 10, 0,
                        TaskMonitor.NONE).w2sq();
            } else {
                throw DataException.of("unknown case '" + c + "'");
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            double potSeconds = pot == null ? Double.NaN : pot.get("seconds").asDouble();
            double potW2 = pot == null ? Double.NaN : pot.get("w2sq").asDouble();
            out.printf(Locale.ROOT, "%-16s %8d %12.2f %12.2f %8.2f %14.8g %14.8g %9.2e%n", c, n, seconds, potSeconds,
                    seconds / potSeconds, ours, potW2, Math.abs(ours - potW2) / potW2);
            out.flush();
        }
        return 0;
    }

    /** MMD with n = 50,000 per side, 10 features, 500 permutations: ours vs the same test in NumPy. */
    private int benchDetect(PrintWriter out, Path dir) throws IOException, InterruptedException {
        int n = 50_000;
        int d = 10;
        Points x = gaussian(n, d, 1, 0, 1);
        Points y = gaussian(n, d, 2, 0.02, 1);
        double[] pooled = new double[2 * n * d];
        System.arraycopy(x.values(), 0, pooled, 0, n * d);
        System.arraycopy(y.values(), 0, pooled, n * d, n * d);
        String py = findPython(List.of("/usr/bin/python3", "python3"), "import numpy");
        out.printf(Locale.ROOT, "ShiftScope %s, Java %s, %d cores; peer: %s%n", Cli.version(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                py == null ? "NumPy not available" : py + " with NumPy");
        long t = System.nanoTime();
        org.shiftscope.analysis.MmdTest.Result ours = org.shiftscope.analysis.MmdTest.test(pooled, 2 * n, d, n, 500, 0,
                TaskMonitor.NONE);
        double seconds = (System.nanoTime() - t) / 1e9;
        JsonNode peer = null;
        if (py != null) {
            Path file = dir.resolve("pooled.npy");
            NpyWriter.write(file, 2 * n, d, pooled);
            peer = runScript(py, dir, "/bench/numpy_mmd.py", file.toString(), Integer.toString(n), "500");
        }
        out.printf(Locale.ROOT, "%-28s %10s %12s %10s%n", "case (n per side = 50,000)", "seconds", "MMD^2", "p-value");
        out.printf(Locale.ROOT, "%-28s %10.2f %12.4g %10.4g%n", "ours (" + ours.method() + ")", seconds,
                ours.statistic(), ours.pValue());
        if (peer != null) {
            out.printf(Locale.ROOT, "%-28s %10.2f %12.4g %10.4g%n", "NumPy, same test", peer.get("seconds").asDouble(),
                    peer.get("statistic").asDouble(), peer.get("p_value").asDouble());
        }
        out.flush();
        return 0;
    }

    /**
     * DJL embedding throughput against PyTorch's own on the same TorchScript CNN and the same 20,000 images (28 x 28,
     * batches of 256); the peer builds the model, so this suite needs python3-torch.
     */
    private int benchEmbed(PrintWriter out, Path dir) throws IOException, InterruptedException {
        int n = 20_000;
        int batch = 256;
        String py = findPython(List.of("/usr/bin/python3", "python3"), "import torch");
        if (py == null) {
            throw DataException.of("bench embed needs PyTorch for Python to build the model and time the peer"
                    + " (apt-get install python3-torch)");
        }
        JsonNode peer = runScript(py, dir, "/bench/torch_embed.py", dir.toString(), Integer.toString(n),
                Integer.toString(batch));
        Embeddings x = EmbeddingAnalysis.read(dir.resolve("x.npy"), TaskMonitor.NONE);
        Embeddings expected = EmbeddingAnalysis.read(dir.resolve("z.npy"), TaskMonitor.NONE);
        double seconds;
        Embeddings ours;
        String device;
        try (ModelEmbedder m = ModelEmbedder.load(dir.resolve("cnn.pt"))) {
            device = m.device();
            long[] shape = {1, 28, 28};
            m.embed(x.values(), n, shape, 0, batch, TaskMonitor.NONE);
            long t = System.nanoTime();
            ours = m.embed(x.values(), n, shape, 0, batch, TaskMonitor.NONE);
            seconds = (System.nanoTime() - t) / 1e9;
        }
        double diff = 0;
        for (int i = 0; i < ours.values().length; i++) {
            diff = Math.max(diff, Math.abs(ours.values()[i] - expected.values()[i]));
        }
        double peerSeconds = peer.get("seconds").asDouble();
        out.printf(Locale.ROOT, "ShiftScope %s, Java %s, %d cores; peer: PyTorch %s (%d threads)%n", Cli.version(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                peer.get("torch").asText(), peer.get("threads").asInt());
        out.printf(Locale.ROOT, "%-34s %10s %12s%n", "case (20,000 images, batch 256)", "seconds", "rows/s");
        out.printf(Locale.ROOT, "%-34s %10.2f %12.0f%n", "ours (DJL PyTorch, " + device + ")", seconds, n / seconds);
        out.printf(Locale.ROOT, "%-34s %10.2f %12.0f%n", "PyTorch, same TorchScript file", peerSeconds,
                n / peerSeconds);
        out.printf(Locale.ROOT, "ratio %.2f; largest difference of the 128-d embeddings: %.2e%n",
                seconds / peerSeconds, diff);
        out.flush();
        return 0;
    }

    /**
     * 100,000 points in 64 dimensions (12 Gaussian blobs, sd 2, centres uniform in [-10, 10]^64) mapped by our PCA,
     * t-SNE and UMAP (previews, then fitted on every point), against scikit-learn's
     * Barnes-Hut t-SNE (on the first 10,000: the whole set takes it far
     * longer) and umap-learn (on all 100,000). Every map is scored by the same trustworthiness (k = 10) on the same
     * seeded 1,000 of the points it maps.
     */
    private int benchMap(PrintWriter out, Path dir) throws IOException, InterruptedException {
        int n = 100_000;
        int nTsnePeer = 10_000;
        int d = 64;
        double[] x = blobs(n, d, 12, 2.0, 7);
        String py = findPython(List.of("/usr/bin/python3", "python3"), "import sklearn, umap");
        out.printf(Locale.ROOT, "ShiftScope %s, Java %s, %d cores; peers: %s%n", Cli.version(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                py == null ? "not available (apt-get install python3-sklearn umap-learn)"
                        : py + " with scikit-learn and umap-learn");
        Projector.project(java.util.Arrays.copyOf(x, 3000 * d), 3000, d,
                Projector.Options.of(Projector.Method.UMAP, 1), TaskMonitor.NONE); // warm-up
        out.printf(Locale.ROOT, "%-34s %8s %8s %10s %16s%n", "case", "points", "fitted", "seconds", "trustworthiness");
        for (Projector.Method m : Projector.Method.values()) {
            Projector.Result r = Projector.project(x, n, d, Projector.Options.of(m, 0), TaskMonitor.NONE);
            out.printf(Locale.ROOT, "%-34s %8d %8d %10.2f %16.4f%n", "ours " + m.id(), n, r.fitted(), r.seconds(),
                    trust(x, n, d, r.xy()));
            out.flush();
        }
        // fitted on every point: UMAP and t-SNE
        for (Projector.Options o : List.of(Projector.Options.fitting(Projector.Method.UMAP, 0, Projector.ALL),
                Projector.Options.fitting(Projector.Method.TSNE, 0, Projector.ALL))) {
            Projector.Result r = Projector.project(x, n, d, o, TaskMonitor.NONE);
            out.printf(Locale.ROOT, "%-34s %8d %8d %10.2f %16.4f%n", "ours " + o.method().id() + ", fit "
                    + (o.sample() == Projector.ALL ? "all" : Integer.toString(o.sample())),
                    n, r.fitted(), r.seconds(), trust(x, n, d, r.xy()));
            out.flush();
        }
        if (py != null) {
            Path file = dir.resolve("x.npy");
            NpyWriter.write(file, n, d, x);
            JsonNode peer = runScript(py, dir, "/bench/map_peers.py", file.toString(), dir.toString(),
                    Integer.toString(nTsnePeer), Integer.toString(n));
            double[] tsne = EmbeddingAnalysis.read(dir.resolve("tsne.npy"), TaskMonitor.NONE).toDoubles();
            double[] umap = EmbeddingAnalysis.read(dir.resolve("umap.npy"), TaskMonitor.NONE).toDoubles();
            out.printf(Locale.ROOT, "%-34s %8d %8d %10.2f %16.4f%n", "scikit-learn " + peer.get("sklearn").asText()
                    + " t-SNE", nTsnePeer, nTsnePeer, peer.get("tsne_seconds").asDouble(),
                    trust(x, nTsnePeer, d, tsne));
            out.printf(Locale.ROOT, "%-34s %8d %8d %10.2f %16.4f%n", "umap-learn " + peer.get("umap").asText(), n, n,
                    peer.get("umap_seconds").asDouble(), trust(x, n, d, umap));
        }
        out.flush();
        return 0;
    }

    /**
     * A million 2-D points (8 Gaussian clusters of unequal size and spread, coloured by cluster) in a 1280 x 800
     * canvas: the milliseconds per pan or zoom event of the Map view's canvas (on the JavaFX thread, headless,
     * software rendering) against matplotlib redrawing the same scatter after the same kind of pan (Agg backend,
     * 1-pixel markers), which is what a notebook user waits for on each pan.
     */
    private int benchRender(PrintWriter out, Path dir) throws IOException, InterruptedException {
        int n = 1_000_000;
        int frames = 60;
        java.util.Random rnd = new java.util.Random(3);
        float[] xy = new float[2 * n];
        int[] argb = new int[n];
        int[] cluster = new int[n];
        int[] palette = {0xff0072b2, 0xffe69f00, 0xff009e73, 0xffcc79a7, 0xff56b4e9, 0xffd55e00, 0xfff0e442,
            0xff000000};
        for (int i = 0; i < n; i++) {
            int c = Math.min(7, (int) Math.floor(8 * Math.pow(rnd.nextDouble(), 1.5)));
            double sd = 0.3 + 0.15 * c;
            xy[2 * i] = (float) (3 * Math.cos(c) + sd * rnd.nextGaussian());
            xy[2 * i + 1] = (float) (3 * Math.sin(c) + sd * rnd.nextGaussian());
            argb[i] = palette[c];
            cluster[i] = c;
        }
        String py = findPython(List.of("/usr/bin/python3", "python3"), "import matplotlib");
        out.printf(Locale.ROOT, "ShiftScope %s, Java %s, %d cores; peer: %s%n", Cli.version(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                py == null ? "not available (apt-get install python3-matplotlib)" : py + " with matplotlib");
        SnapshotCommand.startHeadlessToolkit();
        double[] ms;
        try {
            org.shiftscope.ui.map.RenderBenchmark.frameMillis(xy, argb, 1280, 800, 20); // warm-up
            ms = org.shiftscope.ui.map.RenderBenchmark.frameMillis(xy, argb, 1280, 800, frames);
        } finally {
            javafx.application.Platform.exit();
        }
        double[] sorted = ms.clone();
        java.util.Arrays.sort(sorted);
        out.printf(Locale.ROOT, "%-30s %9s %7s %12s %12s %10s%n", "case", "points", "events", "median (ms)",
                "p95 (ms)", "events/s");
        out.printf(Locale.ROOT, "%-30s %9d %7d %12.1f %12.1f %10.1f%n", "ours, Map view canvas", n, frames,
                sorted[frames / 2], sorted[(int) Math.ceil(0.95 * frames) - 1], 1000 / sorted[frames / 2]);
        if (py != null) {
            double[] v = new double[3 * n];
            for (int i = 0; i < n; i++) {
                v[3 * i] = xy[2 * i];
                v[3 * i + 1] = xy[2 * i + 1];
                v[3 * i + 2] = cluster[i];
            }
            Path file = dir.resolve("xy.npy");
            NpyWriter.write(file, n, 3, v);
            JsonNode peer = runScript(py, dir, "/bench/render_peer.py", file.toString());
            out.printf(Locale.ROOT, "%-30s %9d %7d %12.1f %12.1f %10.1f%n", "matplotlib " + peer.get("version")
                    .asText() + " Agg scatter", n, peer.get("events").asInt(), peer.get("median_ms").asDouble(),
                    peer.get("p95_ms").asDouble(), 1000 / peer.get("median_ms").asDouble());
        }
        out.flush();
        return 0;
    }

    /** The benchmark's one score for every map: trustworthiness at k = 10 on the same seeded 1,000 points. */
    private static double trust(double[] x, int n, int d, double[] xy) {
        return Trustworthiness.ofSample(x, n, d, xy, 10, 1000, 99);
    }

    static double[] blobs(int n, int d, int centres, double sd, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        double[] c = new double[centres * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = -10 + 20 * rnd.nextDouble();
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int b = rnd.nextInt(centres);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = c[b * d + j] + sd * rnd.nextGaussian();
            }
        }
        return x;
    }

    /** Compiles the hot loops before timing, as a session in the app would have by its second analysis. */
    private static void warmUp(boolean sinkhorn) {
        for (int rep = 0; rep < 3; rep++) {
            Points x = gaussian(1500, 10, 10 + rep, 0, 1);
            Points y = gaussian(1500, 10, 20 + rep, 0.5, 1.5);
            W2Estimator.EXACT.w2sq(x, y, TaskMonitor.NONE);
            W2Estimator.EXACT.w2sq(x, gaussian(1400, 10, 30, 0.5, 1.5), TaskMonitor.NONE);
            if (sinkhorn) {
                new SinkhornDivergence(SinkhornSolver.Options.of(0.1)).w2sq(gaussian(3000, 10, 40, 0, 1),
                        gaussian(3000, 10, 50, 0.5, 1.5), TaskMonitor.NONE);
            }
        }
    }

    static Points gaussian(int n, int d, long seed, double mean, double sd) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + sd * r.nextGaussian();
        }
        return new Points(n, d, v);
    }

    private static List<String> names(int d) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            out.add("x" + (j + 1));
        }
        return out;
    }

    private String findPython() {
        return findPython(python != null ? List.of(python) : List.of("/usr/bin/python3", "python3"), "import ot");
    }

    private String findPython(List<String> defaults, String probe) {
        List<String> candidates = python != null ? List.of(python) : defaults;
        for (String p : candidates) {
            try {
                Process proc = new ProcessBuilder(p, "-c", probe).redirectErrorStream(true).start();
                proc.getInputStream().readAllBytes();
                if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
                    return p;
                }
            } catch (IOException e) {
                // not installed under that name; try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static JsonNode runPot(String py, Path dir, Path x, Path y) throws IOException, InterruptedException {
        return runScript(py, dir, "/bench/pot_reference.py", x.toString(), y.toString());
    }

    private static JsonNode runScript(String py, Path dir, String resource, String... args)
            throws IOException, InterruptedException {
        Path script = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = BenchCommand.class.getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(py, script.toString()));
        command.addAll(List.of(args));
        Process proc = new ProcessBuilder(command).start();
        String stdout = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (proc.waitFor() != 0) {
            throw DataException.of("the peer failed: " + stderr.lines().reduce((a, b) -> b).orElse("exit " + proc.exitValue()));
        }
        return new ObjectMapper().readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());
    }
}
