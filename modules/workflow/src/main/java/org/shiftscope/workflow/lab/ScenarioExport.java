package org.shiftscope.workflow.lab;

import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.scenarios.Scenario;

/**
 * Writes a generated scenario as ordinary files a student can open anywhere: tables as {@code reference.csv} and
 * {@code target.csv}, images as image folders {@code reference/} and {@code target/} (one subfolder per label,
 * file names carrying the image's group), plus a project file over those files ({@code NAME.shiftscope.json}).
 */
public final class ScenarioExport {

    private ScenarioExport() {
    }

    /** Writes the scenario into {@code dir}; returns the project file. */
    public static Path write(Scenario s, Path dir, TaskMonitor monitor) {
        try {
            Files.createDirectories(dir);
            boolean images = !s.reference().images().isEmpty();
            Path ref = dir.resolve(images ? "reference" : "reference.csv");
            Path tgt = dir.resolve(images ? "target" : "target.csv");
            if (images) {
                imageFolder(s.reference(), ref, monitor.range(0, 0.5));
                imageFolder(s.target(), tgt, monitor.range(0.5, 1));
            } else {
                csv(s.reference(), ref);
                csv(s.target(), tgt);
            }
            Path project = dir.resolve(s.id() + ".shiftscope.json");
            ProjectStore.save(new Project(new SplitDefinition(new SplitSource.TwoFiles(ref, tgt), List.of(),
                    MissingPolicy.DROP), "data"), project);
            org.shiftscope.core.AtomicFile.writeString(dir.resolve("README.txt"), s.title() + "\n\n"
                    + s.description() + "\n");
            return project;
        } catch (IOException e) {
            throw DataException.inFile(dir.toString(), "cannot write the scenario: " + e.getMessage());
        }
    }

    private static void csv(Dataset d, Path file) throws IOException {
        List<Column> cols = d.columns();
        org.shiftscope.core.AtomicFile.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(String.join(",", cols.stream().map(Column::name).map(org.shiftscope.core.CsvField::of).toList()));
            w.write('\n');
            for (int i = 0; i < d.rowCount(); i++) {
                for (int j = 0; j < cols.size(); j++) {
                    Column c = cols.get(j);
                    if (j > 0) {
                        w.write(',');
                    }
                    if (!c.isMissing(i)) {
                        w.write(c instanceof NumericColumn n ? Double.toString(n.get(i)) : org.shiftscope.core.CsvField.of(c.text(i)));
                    }
                }
                w.write('\n');
            }
            w.flush();
        });
    }


    /** One subfolder per label; files named by the row's group (or colour) and index so they sort stably. */
    private static void imageFolder(Dataset d, Path dir, TaskMonitor monitor) throws IOException {
        Column label = d.requireColumn("label");
        Column group = d.column("group").orElse(null);
        for (int i = 0; i < d.rowCount(); i++) {
            Path sub = dir.resolve(label.text(i));
            Files.createDirectories(sub);
            String name = (group == null ? "" : group.text(i).replace(" x ", "-").replace(' ', '_') + "_")
                    + String.format(Locale.ROOT, "%06d.png", i);
            png(d.images().get(i), sub.resolve(name));
            if (i % 256 == 0) {
                monitor.checkCancelled();
                monitor.progress((double) i / d.rowCount(), "writing images");
            }
        }
    }

    private static void png(RasterImage img, Path file) throws IOException {
        // a link planted where an image goes is refused (O_NOFOLLOW), not written through
        try (java.io.OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            org.shiftscope.io.PngWriter.write(img, out);
        }
    }
}
