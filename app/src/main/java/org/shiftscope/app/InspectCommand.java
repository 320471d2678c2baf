package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.LoadOptions;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.DatasetSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a file's rows, columns, inferred types and missing values.")
final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", converter = StdinPath.class, description = "CSV/TSV (optionally .gz),"
            + " Parquet, .npy, IDX file, or image folder; - reads standard input.")
    Path file;

    @Mixin
    FormatOption output;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "Text encoding (default UTF-8), e.g. windows-1252.")
    String encoding;

    @Override
    public Integer call() {
        boolean json = output.json();
        LoadOptions options = LoadOptions.defaults().withEncoding(encoding);
        DatasetSummary s = DatasetSummary.of(new DatasetCatalog(options).load(file, TaskMonitor.NONE));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("file", file.toString());
            root.put("format", s.format());
            root.put("sha256", s.sha256());
            root.put("rows", s.rows());
            ArrayNode cols = root.putArray("columns");
            for (DatasetSummary.ColumnSummary c : s.columns()) {
                cols.addObject().put("name", c.name()).put("type", c.type().label()).put("missing", c.missing());
            }
            Json.print(out, "inspect", root);
        } else {
            out.printf(Locale.ROOT, "%s (%s): %,d rows, %d columns%n", file, s.format(), s.rows(), s.columns().size());
            for (DatasetSummary.ColumnSummary c : s.columns()) {
                out.printf(Locale.ROOT, "  %-28s %-12s %,8d missing%n", c.name(), c.type().label(), c.missing());
            }
            out.flush();
        }
        return 0;
    }
}
