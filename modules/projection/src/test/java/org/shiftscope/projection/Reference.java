package org.shiftscope.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.io.DataLoader;

/** Inputs and reference values written by reference/make_fixtures.py (scikit-learn 1.2, umap-learn 0.5.3). */
final class Reference {

    private Reference() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Reference.class.getResource("/reference/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 2-D .npy array, row-major. */
    static double[] matrix(String name) {
        Dataset d = DataLoader.load(resource(name));
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

    static double value(String quantity) {
        try {
            Map<String, Double> m = new HashMap<>();
            for (String line : Files.readAllLines(resource("expected.csv")).subList(1, 9)) {
                String[] f = line.split(",");
                m.put(f[0], Double.parseDouble(f[1]));
            }
            return m.get(quantity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
