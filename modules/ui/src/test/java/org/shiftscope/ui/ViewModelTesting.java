package org.shiftscope.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.ui.tasks.TaskRunner;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.data.DataAnalysis;
import org.shiftscope.workflow.data.DataResult;

/** What view-model tests share: a runner that runs jobs at once on the test's thread, and small splits. */
public final class ViewModelTesting {

    /** Titles of the jobs that went to the error dialog. */
    public final List<String> dialogs = new ArrayList<>();
    /** Jobs run synchronously: a view model's result is published before its call returns. */
    public final TaskRunner tasks = new TaskRunner((title, problem) -> dialogs.add(title), Runnable::run);

    /** Two CSV files (header line first) as a split, loaded like the Data view does. */
    public static DataResult split(Path dir, String reference, String target) throws Exception {
        Path r = dir.resolve("reference.csv");
        Path t = dir.resolve("target.csv");
        Files.writeString(r, reference);
        Files.writeString(t, target);
        return DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), new SplitDefinition(
                new SplitSource.TwoFiles(r, t), List.of(), org.shiftscope.core.MissingPolicy.DROP), TaskMonitor.NONE);
    }

    /** Writes a PNG of one colour (0xRRGGBB) at {@code file}, its folder made when missing. */
    public static void solidPng(Path file, int width, int height, int rgb) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        javax.imageio.ImageIO.write(img, "png", file.toFile());
    }

    /** A metadata table whose column {@code file} names each row's image, split by two filters, as the Data view loads it. */
    public static DataResult imageTable(Path table, String referenceWhere, String targetWhere) {
        return DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), new SplitDefinition(
                new SplitSource.FilteredFile(table, referenceWhere, targetWhere), List.of(),
                org.shiftscope.core.MissingPolicy.DROP, null, new SplitDefinition.ImageColumn("file", null)),
                TaskMonitor.NONE);
    }
}
