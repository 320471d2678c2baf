package org.shiftscope.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.shiftscope.io.TestResources;

/** Inputs and reference values written by reference/make_fixtures.py (scikit-learn 1.2, umap-learn 0.5.3). */
final class Reference {

    private Reference() {
    }

    static Path resource(String name) {
        return TestResources.path(Reference.class, "/reference/" + name);
    }

    /** A 2-D .npy array, row-major. */
    static double[] matrix(String name) {
        return TestResources.matrix(Reference.class, "/reference/" + name);
    }

    /** The 6,000 points of full/make_full_umap.py (past the exact-neighbour limit), 10 columns. */
    static double[] fullPoints() {
        return full("points.npy");
    }

    /** A matrix written by the scripts in full/. */
    static double[] full(String name) {
        return TestResources.matrix(Reference.class, "/full/" + name);
    }

    /** umap-learn's trustworthiness on {@link #fullPoints()} (full/expected.csv). */
    static double fullTrust() {
        return fullValue("expected.csv");
    }

    /** The one value of a full/*.csv file. */
    static double fullValue(String csv) {
        try {
            return Double.parseDouble(Files.readAllLines(TestResources.path(Reference.class, "/full/" + csv))
                    .get(1).split(",")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
