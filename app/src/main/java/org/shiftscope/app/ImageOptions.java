package org.shiftscope.app;

import java.nio.file.Path;
import org.shiftscope.workflow.SplitDefinition;
import picocli.CommandLine.Option;

/** A metadata table's image path column: the options every command that reads data takes. */
final class ImageOptions {

    @Option(names = "--image-column", paramLabel = "COL", description = "The column of the data file that names each"
            + " row's image file (a metadata table: CSV, Parquet, JSON Lines ... beside a folder of images).")
    String column;

    @Option(names = "--image-root", paramLabel = "DIR", description = "The folder relative image paths resolve"
            + " against (default: the data file's folder).")
    Path root;

    /** The image column these options name, or null. */
    SplitDefinition.ImageColumn column() {
        if (column == null) {
            if (root != null) {
                throw org.shiftscope.core.DataException.setting("image-column", "--image-root needs the column that"
                        + " names the images");
            }
            return null;
        }
        return new SplitDefinition.ImageColumn(column, root);
    }
}
