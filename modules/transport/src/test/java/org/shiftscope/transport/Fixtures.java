package org.shiftscope.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shiftscope.core.Column;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.io.DataLoader;
import org.shiftscope.io.TestResources;

/** Inputs and reference values written by pot/make_fixtures.py (POT 0.8.2). */
final class Fixtures {

    private static Map<String, Double> expected;

    private Fixtures() {
    }

    static Path resource(String name) {
        return TestResources.path(Fixtures.class, "/pot/" + name);
    }

    static Points points(Dataset d) {
        return new Points(d.rowCount(), d.columns().size(), TestResources.rowMajor(d));
    }

    static Points caseX(String name) {
        return points(DataLoader.load(resource("case_" + name + "_x.npy")));
    }

    static Points caseY(String name) {
        return points(DataLoader.load(resource("case_" + name + "_y.npy")));
    }

    /** Reference value for (case, quantity, k). */
    static synchronized double expected(String kase, String quantity, int k) {
        if (expected == null) {
            expected = new HashMap<>();
            try {
                List<String> lines = Files.readAllLines(resource("expected.csv"));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    expected.put(f[0] + "/" + f[1] + "/" + f[2], Double.parseDouble(f[3]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Double v = expected.get(kase + "/" + quantity + "/" + k);
        if (v == null) {
            throw new IllegalArgumentException("no reference value " + kase + "/" + quantity + "/" + k);
        }
        return v;
    }

    /** Benign (class 2) and malignant (class 4) rows of breast-cancer-wisconsin.csv, '?' rows dropped. */
    static Points[] breastCancer() {
        Dataset d = DataLoader.load(org.shiftscope.io.SharedData.file("breast-cancer-wisconsin.csv"));
        double[] cls = ((NumericColumn) d.requireColumn("class")).values();
        List<Column> features = d.columns().stream()
                .filter(c -> !c.name().equals("id") && !c.name().equals("class")).toList();
        int[] complete = java.util.stream.IntStream.range(0, d.rowCount())
                .filter(i -> features.stream().noneMatch(c -> c.isMissing(i))).toArray();
        int[] benign = java.util.Arrays.stream(complete).filter(i -> cls[i] == 2).toArray();
        int[] malignant = java.util.Arrays.stream(complete).filter(i -> cls[i] == 4).toArray();
        List<String> names = features.stream().map(Column::name).toList();
        return new Points[] {points(d.selectRows(benign).selectColumns(names)),
                points(d.selectRows(malignant).selectColumns(names))};
    }
}
