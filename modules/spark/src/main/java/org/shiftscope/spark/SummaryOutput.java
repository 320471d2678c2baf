package org.shiftscope.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.shiftscope.core.AtomicFile;
import org.shiftscope.core.CsvField;
import org.shiftscope.core.DataException;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import org.shiftscope.workflow.summary.ScaleSummary;

/**
 * Writes {@code --out NAME.shiftscope.json}: a project whose split is the stratified sample, saved beside it as
 * {@code NAME.sample.csv} (side, spark_cluster, then the analysed columns; the reference side is
 * {@code side=reference}), and whose summary section holds what the run found on every row. The desktop app opens
 * it like any project: its views analyse the sample; its Full data view shows the summary.
 */
final class SummaryOutput {

    static final String SUFFIX = ".shiftscope.json";

    private SummaryOutput() {
    }

    /** Refuses an output name the app would not open as a project, before any work is done. */
    static Path check(String out) {
        if (!out.endsWith(SUFFIX)) {
            throw DataException.setting("--out", "'" + out + "' must end in " + SUFFIX + " (the app opens such files)");
        }
        return Path.of(out).toAbsolutePath().normalize();
    }

    static Path sampleFile(Path out) {
        String name = out.getFileName().toString();
        return out.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + ".sample.csv");
    }

    static void write(Path out, ScaleSummary summary, List<String> columns, List<Row> sample) {
        for (String reserved : List.of(SparkClusters.SIDE, SparkClusters.CLUSTER)) {
            if (columns.contains(reserved)) {
                throw DataException.setting("--columns", "a column named '" + reserved + "' would clash with the"
                        + " sample's own; leave it out of --columns");
            }
        }
        Path csv = sampleFile(out);
        try {
            AtomicFile.write(csv, stream -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                w.write(SparkClusters.SIDE + "," + SparkClusters.CLUSTER);
                for (String c : columns) {
                    w.write(',');
                    w.write(CsvField.of(c));
                }
                w.write('\n');
                for (Row r : sample) {
                    for (int i = 0; i < columns.size() + 2; i++) {
                        if (i > 0) {
                            w.write(',');
                        }
                        Object v = r.get(i);
                        w.write(v == null ? "" : CsvField.of(String.valueOf(v)));
                    }
                    w.write('\n');
                }
                w.flush();
            });
        } catch (IOException e) {
            throw DataException.inFile(csv.getFileName().toString(), "cannot be written: " + e.getMessage());
        }
        SplitDefinition split = new SplitDefinition(new SplitSource.FilteredFile(csv,
                SparkClusters.SIDE + "=reference", SparkClusters.SIDE + "=target"), columns, MissingPolicy.DROP);
        ProjectStore.save(new Project(split, "summary", MapSettings.defaults(), null, null, null, null, summary), out);
    }
}
