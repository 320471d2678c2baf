package org.shiftscope.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;

/**
 * Tabular rows as vectors without a model: numeric columns standardised (pooled mean and standard deviation of the
 * datasets it is fitted on), categorical columns one-hot encoded (one 0/1 feature per category seen in fitting, the
 * {@value #MAX_CATEGORIES} most frequent at most, plus "(other)" when more exist; a category not seen in fitting or a
 * missing cell encodes as all zeros). Feature names are the column name, or {@code column=category}.
 */
public final class TabularEncoding {

    /** Categories per column beyond which the rarest share one "(other)" feature. */
    public static final int MAX_CATEGORIES = 30;
    static final String OTHER = "(other)";

    private final List<String> columns;
    private final double[] mean;
    private final double[] sd;
    private final List<Map<String, Integer>> categories;
    private final List<String> features;

    private TabularEncoding(List<String> columns, double[] mean, double[] sd, List<Map<String, Integer>> categories,
                            List<String> features) {
        this.columns = columns;
        this.mean = mean;
        this.sd = sd;
        this.categories = categories;
        this.features = features;
    }

    /** Fits on the rows of all the given datasets together (e.g. reference and target). */
    public static TabularEncoding fit(List<String> columns, Dataset... data) {
        int c = columns.size();
        double[] mean = new double[c];
        double[] sd = new double[c];
        List<Map<String, Integer>> categories = new ArrayList<>();
        List<String> features = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            String name = columns.get(k);
            Column first = data[0].requireColumn(name);
            if (first instanceof NumericColumn) {
                double sum = 0;
                double sq = 0;
                long n = 0;
                for (Dataset d : data) {
                    NumericColumn col = numeric(d, name);
                    for (int i = 0; i < col.size(); i++) {
                        if (!col.isMissing(i)) {
                            sum += col.get(i);
                            n++;
                        }
                    }
                }
                mean[k] = n == 0 ? 0 : sum / n;
                for (Dataset d : data) {
                    NumericColumn col = numeric(d, name);
                    for (int i = 0; i < col.size(); i++) {
                        if (!col.isMissing(i)) {
                            sq += (col.get(i) - mean[k]) * (col.get(i) - mean[k]);
                        }
                    }
                }
                double s = n == 0 ? 0 : Math.sqrt(sq / n);
                sd[k] = s > 0 ? s : 1;
                categories.add(null);
                features.add(name);
            } else {
                Map<String, Integer> count = new HashMap<>();
                for (Dataset d : data) {
                    Column col = d.requireColumn(name);
                    for (int i = 0; i < col.size(); i++) {
                        if (!col.isMissing(i)) {
                            count.merge(col.text(i), 1, Integer::sum);
                        }
                    }
                }
                List<String> ordered = new ArrayList<>(count.keySet());
                ordered.sort(Comparator.<String>comparingInt(count::get).reversed().thenComparing(s -> s));
                Map<String, Integer> index = new LinkedHashMap<>();
                boolean other = ordered.size() > MAX_CATEGORIES;
                for (int j = 0; j < ordered.size(); j++) {
                    index.put(ordered.get(j), Math.min(j, other ? MAX_CATEGORIES - 1 : j));
                }
                int width = other ? MAX_CATEGORIES : ordered.size();
                for (int j = 0; j < width; j++) {
                    features.add(name + "=" + (other && j == width - 1 ? OTHER : ordered.get(j)));
                }
                categories.add(index);
            }
        }
        return new TabularEncoding(List.copyOf(columns), mean, sd, categories, List.copyOf(features));
    }

    public List<String> features() {
        return features;
    }

    /** The rows of {@code data} encoded, row-major (n x features().size()). */
    public double[] encode(Dataset data) {
        int n = data.rowCount();
        int d = features.size();
        double[] out = new double[Math.multiplyExact(n, d)];
        int offset = 0;
        for (int k = 0; k < columns.size(); k++) {
            String name = columns.get(k);
            Map<String, Integer> index = categories.get(k);
            if (index == null) {
                NumericColumn col = numeric(data, name);
                for (int i = 0; i < n; i++) {
                    out[i * d + offset] = col.isMissing(i) ? 0 : (col.get(i) - mean[k]) / sd[k];
                }
                offset++;
            } else {
                Column col = data.requireColumn(name);
                int width = index.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
                for (int i = 0; i < n; i++) {
                    Integer j = col.isMissing(i) ? null : index.get(col.text(i));
                    if (j != null) {
                        out[i * d + offset + j] = 1;
                    }
                }
                offset += width;
            }
        }
        return out;
    }

    private static NumericColumn numeric(Dataset d, String name) {
        if (d.requireColumn(name) instanceof NumericColumn nc) {
            return nc;
        }
        throw DataException.inFile(d.source().displayName(), "column '" + name + "' is numeric on one side and not"
                + " on the other");
    }
}
