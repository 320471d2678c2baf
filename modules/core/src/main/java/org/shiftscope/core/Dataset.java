package org.shiftscope.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable table of equally long columns, with optional images row-aligned to it: decoded (image folders and
 * IDX files; the table then holds per-image columns such as label and mean intensity), or files on disk decoded on
 * demand ({@link ImageFiles}: a metadata table's path column).
 */
public record Dataset(String name, DataSource source, List<Column> columns, List<RasterImage> images) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        columns = List.copyOf(columns);
        images = images == null ? List.of() : images instanceof ImageFiles ? images : List.copyOf(images);
        int rows = columns.isEmpty() ? images.size() : columns.get(0).size();
        Map<String, Column> seen = new LinkedHashMap<>();
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows, expected " + rows);
            }
            if (seen.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
            }
        }
        if (!images.isEmpty() && images.size() != rows) {
            throw new IllegalArgumentException(images.size() + " images for " + rows + " rows");
        }
    }

    public Dataset(String name, DataSource source, List<Column> columns) {
        this(name, source, columns, List.of());
    }

    public int rowCount() {
        return columns.isEmpty() ? images.size() : columns.get(0).size();
    }

    public boolean hasImages() {
        return !images.isEmpty();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The named column, or a {@link DataException} naming this dataset's file and the columns it does have. */
    public Column requireColumn(String columnName) {
        return column(columnName).orElseThrow(() -> DataException.inFile(source.displayName(),
                "no column '" + columnName + "' (columns: " + String.join(", ", columnNames()) + ")"));
    }

    /** A dataset holding the given rows, in order (images follow their rows). */
    public Dataset selectRows(int[] rows) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(rows));
        }
        if (images instanceof ImageFiles files) {
            return new Dataset(name, source, out, files.select(rows));
        }
        List<RasterImage> imgs = new ArrayList<>();
        if (hasImages()) {
            for (int r : rows) {
                imgs.add(images.get(r));
            }
        }
        return new Dataset(name, source, out, imgs);
    }

    /** A dataset holding only the named columns, in the given order. */
    public Dataset selectColumns(List<String> names) {
        List<Column> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(requireColumn(n));
        }
        return new Dataset(name, source, out, images);
    }
}
