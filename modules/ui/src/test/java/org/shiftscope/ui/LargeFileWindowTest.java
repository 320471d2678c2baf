package org.shiftscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A million rows load while the window stays responsive (the FX watchdog of {@link WindowTesting} checks it). */
class LargeFileWindowTest extends WindowTesting {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void aMillionRowsLoadWithoutFreezingTheWindow(FxRobot robot) throws Exception {
        waitFor(robot, "#row-counts", "Reference: 1,500 rows");
        Path csv = dir.resolve("million.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("side,x,y,z,g\n");
            for (int i = 0; i < 1_000_000; i++) {
                w.write((i % 2 == 0 ? "ref" : "tgt") + "," + (i % 997) * 0.01 + "," + (i % 991) * (i % 2 == 0 ? 0.02
                        : 0.03) + "," + (i % 983) + ",g" + (i % 7) + "\n");
            }
        }
        robot.interact(() -> {
            vm.data().load(new SplitDefinition(new SplitSource.FilteredFile(csv, "side=ref", "side=tgt"), List.of(),
                    MissingPolicy.DROP));
            vm.data().apply();
        });
        waitFor(robot, "#row-counts", "Reference: 500,000 rows");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.data().resultProperty().get() != null);
        assertThat(vm.data().resultProperty().get().split().target().rowCount()).isEqualTo(500_000);
        assertThat(errors).isEmpty();
    }
}
