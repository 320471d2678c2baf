package org.shiftscope.workflow.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.StringColumn;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.DataLoader;
import org.shiftscope.scenarios.Scenario;

class ScenarioExportTest {

    /** Grey images (Fashion-MNIST's ladder) leave as PNG files holding their very pixel values, and read back so. */
    @Test
    void greyAndColourImagesRoundTripToTheByte(@TempDir Path dir) {
        byte[] grey = new byte[4 * 3];
        byte[] rgb = new byte[4 * 3 * 3];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) (i * 21); // 0, 21, ..., 231: values a gamma mapping would move
        }
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (255 - i * 7);
        }
        Dataset ref = new Dataset("ref", new DataSource("ref", "test", "0"), List.of(new StringColumn("label",
                ColumnType.CATEGORICAL, new String[] {"a"})), List.of(new RasterImage(4, 3, 1, grey)));
        Dataset tgt = new Dataset("tgt", new DataSource("tgt", "test", "1"), List.of(new StringColumn("label",
                ColumnType.CATEGORICAL, new String[] {"b"})), List.of(new RasterImage(4, 3, 3, rgb)));
        ScenarioExport.write(new Scenario("t", "t", "t", ref, tgt), dir, TaskMonitor.NONE);
        assertThat(DataLoader.load(dir.resolve("reference")).images().get(0).pixels()).containsExactly(grey);
        assertThat(DataLoader.load(dir.resolve("target")).images().get(0).pixels()).containsExactly(rgb);
    }
}
