package org.shiftscope.io;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;

/**
 * Test fixtures on the class path (reference results saved by the scripts next to them), shared by the modules'
 * tests through this module's test jar.
 */
public final class TestResources {

    private TestResources() {
    }

    /** The file of a class-path resource, e.g. {@code "/sklearn/gmm_x.npy"}. */
    public static Path path(Class<?> owner, String resource) {
        URL url = owner.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource + " (run the fixture script next to it)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A numeric table (e.g. a 2-D .npy array) as one row-major array. */
    public static double[] rowMajor(Dataset d) {
        int n = d.rowCount();
        int k = d.columns().size();
        double[] v = new double[n * k];
        for (int j = 0; j < k; j++) {
            double[] col = ((NumericColumn) d.columns().get(j)).values();
            for (int i = 0; i < n; i++) {
                v[i * k + j] = col[i];
            }
        }
        return v;
    }

    /** Whole numbers saved as floating point (e.g. labels in a .npy fixture) as ints. */
    public static int[] ints(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /** A 2-D .npy resource, row-major. */
    public static double[] matrix(Class<?> owner, String resource) {
        return rowMajor(DataLoader.load(path(owner, resource)));
    }
}
