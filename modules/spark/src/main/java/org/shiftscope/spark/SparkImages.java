package org.shiftscope.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.shiftscope.core.DataException;
import org.shiftscope.core.ImagePreprocessing;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.embedding.Embeddings;
import org.shiftscope.embedding.ModelEmbedder;
import org.shiftscope.io.ImageDecoder;
import org.shiftscope.workflow.model.EmbeddingAnalysis;

/**
 * Images for {@code spark embed}: each row names an image file, which the executor reads through Hadoop's file
 * systems (local paths, a shared mount, hdfs://, s3a:// as the cluster configures them), decodes (PNG, JPEG) and
 * preprocesses as the desktop's embed does (torchvision's conventions, {@link ImagePreprocessing}), a batch at a time.
 */
final class SparkImages {

    private SparkImages() {
    }

    /** What the first image says: the preprocessing fitted to the model, the input shape, the embedding's width. */
    record Probe(ImagePreprocessing preprocessing, long[] shape, int width) {
    }

    /** Reads the first row's image on the driver and runs the model on it. */
    static Probe probe(Dataset<Row> shaped, String root, ImagePreprocessing pre, Path model, int output) {
        String column = shaped.columns()[shaped.columns().length - 1];
        List<Row> first = shaped.select(shaped.col("`" + column + "`")).where(shaped.col("`" + column + "`")
                .isNotNull()).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw DataException.setting("--image-column", "no row names an image");
        }
        String path = first.get(0).getString(0);
        RasterImage img = ImageDecoder.decode(read(root, path), path);
        try (ModelEmbedder m = ModelEmbedder.load(model)) {
            ImagePreprocessing fitted = EmbeddingAnalysis.fitToModel(pre, m, img);
            long[] shape = fitted.shape(img);
            float[] x = new float[(int) (shape[0] * shape[1] * shape[2])];
            fitted.apply(img, x, 0);
            int d = m.embed(x, 1, shape, output, 1, TaskMonitor.NONE).d();
            return new Probe(fitted, shape, d);
        }
    }

    /** One batch of rows' images through the model. */
    record ImageBatch(String shipped, ImagePreprocessing pre, long[] shape, String root, int output, int batch)
            implements SparkEmbed.Batch {

        @Override
        public Embeddings run(List<Row> in, int at, List<String> inputs) {
            int per = (int) (shape[0] * shape[1] * shape[2]);
            float[] x = new float[in.size() * per];
            for (int i = 0; i < in.size(); i++) {
                Row r = in.get(i);
                if (r.isNullAt(at)) {
                    throw DataException.setting("--image-column", "a row names no image in column '" + inputs.get(0)
                            + "' (leave such rows out with --where)");
                }
                String path = r.getString(at);
                RasterImage img = ImageDecoder.decode(read(root, path), path);
                long[] s = pre.shape(img);
                if (!java.util.Arrays.equals(s, shape)) {
                    throw DataException.inFile(path, "preprocessed to " + java.util.Arrays.toString(s) + ", not "
                            + java.util.Arrays.toString(shape) + " like the first image: images of different sizes"
                            + " need a resize and crop (the imagenet preprocessing, or --resize N --crop N)");
                }
                pre.apply(img, x, i * per);
            }
            return SparkEmbed.model(shipped).embed(x, in.size(), shape, output, batch, TaskMonitor.NONE);
        }
    }

    /** The file's bytes, a relative path resolved against {@code root}; a file that cannot be read is named. */
    static byte[] read(String root, String path) {
        String full = root == null || path.startsWith("/") || path.contains("://") ? path
                : root.endsWith("/") ? root + path : root + "/" + path;
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(full);
        try {
            FileSystem fs = p.getFileSystem(new Configuration());
            try (InputStream in = fs.open(p)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw DataException.inFile(path, "cannot be read (" + full + ": " + e.getMessage() + ")");
        }
    }
}
