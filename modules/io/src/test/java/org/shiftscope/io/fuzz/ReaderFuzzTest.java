package org.shiftscope.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shiftscope.core.DataException;
import org.shiftscope.io.DataLoader;
import org.shiftscope.io.LoadOptions;
import org.shiftscope.core.TaskMonitor;

/**
 * Fuzz targets of the readers: any bytes, named as each format, either load or fail with a {@link DataException};
 * anything else (another exception, an OutOfMemoryError, a hang) is a finding. By default they run as regression
 * tests over their inputs in src/test/resources (ReaderFuzzTestInputs/); with {@code -Pfuzz} (JAZZER_FUZZ=1) as
 * fuzzers for a set time each.
 */
class ReaderFuzzTest {

    /** Files a fuzzer writes go to memory where the system has it (/dev/shm), else the temporary folder. */
    private static final Path DIR = scratch();

    private static Path scratch() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.createTempDirectory(Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                    : Path.of(System.getProperty("java.io.tmpdir")), "shiftscope-fuzz");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Small limits, so that a fuzzer's input cannot legitimately need much memory or time. */
    private static final LoadOptions OPTIONS = LoadOptions.defaults().withMaxFieldChars(4096);

    private static void load(byte[] bytes, String name) throws IOException {
        Path f = DIR.resolve(name);
        Files.write(f, bytes);
        try {
            DataLoader.load(f, OPTIONS, TaskMonitor.NONE);
        } catch (DataException expected) {
            namesTheFile(expected, name);
        }
    }

    /** A clean refusal names the file. */
    private static void namesTheFile(DataException e, String name) {
        if (!e.getMessage().startsWith(name)) {
            throw new AssertionError("a message that does not name the file: " + e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "2m")
    void csv(byte[] bytes) throws IOException {
        load(bytes, "in.csv");
    }

    @FuzzTest(maxDuration = "2m")
    void npy(byte[] bytes) throws IOException {
        load(bytes, "in.npy");
    }

    @FuzzTest(maxDuration = "2m")
    void idx(byte[] bytes) throws IOException {
        load(bytes, "in-images-idx3-ubyte");
    }

    @FuzzTest(maxDuration = "2m")
    void gzipCsv(byte[] bytes) throws IOException {
        load(bytes, "in.csv.gz");
    }

    @FuzzTest(maxDuration = "2m")
    void npz(byte[] bytes) throws IOException {
        load(bytes, "in.npz");
    }

    @FuzzTest(maxDuration = "2m")
    void image(byte[] bytes) {
        try {
            org.shiftscope.io.ImageDecoder.decode(bytes, "in.png");
        } catch (DataException expected) {
            namesTheFile(expected, "in.png");
        }
    }
}
