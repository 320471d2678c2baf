package org.shiftscope.workflow.data;

import java.util.List;
import java.util.stream.IntStream;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.TaskMonitor;

/**
 * Per-image statistics that reveal the common image shifts (a darker or washed-out camera, another colour cast,
 * other sizes): brightness (mean of every channel, 0-1), contrast (standard deviation of the luma, 0-1), width,
 * height, and the mean of each of red, green and blue (0-1; grey images have all three equal). Computed on up to
 * {@value #MAX_IMAGES} images a side, spread evenly over the rows, so the Data view can chart and test them like
 * columns.
 */
public final class ImageStatistics {

    private ImageStatistics() {
    }

    /** Most images a side whose statistics are computed (decoded in parallel). */
    public static final int MAX_IMAGES = 2000;

    /** The statistics' column names, in order. */
    public static final List<String> COLUMNS = List.of("image brightness", "image contrast", "image width",
            "image height", "image red", "image green", "image blue");

    /** One side's images as a table of their statistics (a sample of at most {@value #MAX_IMAGES} rows). */
    public static Dataset of(Dataset side, TaskMonitor monitor) {
        int n = side.rowCount();
        int m = Math.min(n, MAX_IMAGES);
        double[][] v = new double[COLUMNS.size()][m];
        IntStream.range(0, m).parallel().forEach(i -> {
            monitor.checkCancelled();
            RasterImage img = side.images().get((int) ((long) i * n / m));
            int c = img.channels();
            int pixels = img.width() * img.height();
            byte[] p = img.pixels();
            double[] channel = new double[3];
            double luma = 0;
            double lumaSq = 0;
            for (int q = 0; q < pixels; q++) {
                double r = (p[q * c] & 0xFF) / 255.0;
                double g = c == 3 ? (p[q * c + 1] & 0xFF) / 255.0 : r;
                double b = c == 3 ? (p[q * c + 2] & 0xFF) / 255.0 : r;
                channel[0] += r;
                channel[1] += g;
                channel[2] += b;
                double y = 0.299 * r + 0.587 * g + 0.114 * b;
                luma += y;
                lumaSq += y * y;
            }
            double mean = luma / pixels;
            v[0][i] = (channel[0] + channel[1] + channel[2]) / (3.0 * pixels);
            v[1][i] = Math.sqrt(Math.max(0, lumaSq / pixels - mean * mean));
            v[2][i] = img.width();
            v[3][i] = img.height();
            for (int k = 0; k < 3; k++) {
                v[4 + k][i] = channel[k] / pixels;
            }
        });
        List<Column> cols = IntStream.range(0, COLUMNS.size())
                .mapToObj(k -> (Column) new NumericColumn(COLUMNS.get(k), v[k])).toList();
        return new Dataset(side.name() + " (image statistics)", new DataSource(side.source().location(),
                "image-statistics", side.source().contentHash()), cols);
    }
}
