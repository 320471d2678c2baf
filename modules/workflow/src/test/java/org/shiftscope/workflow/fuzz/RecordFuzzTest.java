package org.shiftscope.workflow.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.adapt.AdaptationRunJson;
import org.shiftscope.workflow.project.ProjectStore;

/**
 * Fuzz targets of the files ShiftScope reads back: project files and stored run records either load or fail with a
 * {@link DataException}; anything else is a finding. Regression tests by default (RecordFuzzTestInputs/), fuzzers
 * under JAZZER_FUZZ=1 (bench/fuzz/run.sh).
 */
class RecordFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    @FuzzTest(maxDuration = "2m")
    void project(byte[] bytes) throws IOException {
        Path f = DIR.resolve("p.shiftscope.json");
        Files.write(f, bytes);
        try {
            ProjectStore.load(f);
        } catch (DataException expected) {
            if (!expected.getMessage().startsWith("p.shiftscope.json")) {
                throw new AssertionError("a message that does not name the file: " + expected.getMessage());
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void runRecord(byte[] bytes) {
        JsonNode j;
        try {
            j = JSON.readTree(bytes);
        } catch (IOException notJson) {
            return; // the store keeps what it wrote as JSON; a damaged text fails before the record is read
        }
        if (j == null) {
            return;
        }
        try {
            AdaptationRunJson.read(j);
        } catch (DataException expected) {
            // a clean refusal
        }
    }
}
