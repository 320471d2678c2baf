package org.shiftscope.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.TaskMonitor;

/**
 * Reads the first sheet of an Excel {@code .xlsx} workbook as a table: its first row names the columns, each further
 * row is a row (a row with no value at all is skipped). Cells are read as the values Excel stores (numbers at full
 * precision, not as displayed; formulas by their cached result; error cells as missing), then each column's type is
 * inferred as for a CSV file.
 */
public final class XlsxReader {

    private XlsxReader() {
    }

    public static Dataset read(Path path, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        String hash = source.hash();
        List<String> header = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        String sheetName;
        try (ReadableWorkbook wb = new ReadableWorkbook(path.toFile())) {
            Sheet sheet = wb.getFirstSheet();
            sheetName = sheet.getName();
            try (Stream<Row> stream = sheet.openStream()) {
                for (Row row : (Iterable<Row>) stream::iterator) {
                    if (header.isEmpty()) {
                        for (int c = 0; c < row.getCellCount(); c++) {
                            String name = text(row.getCell(c));
                            header.add(name == null || name.isBlank() ? "column_" + (c + 1) : name.strip());
                        }
                        continue;
                    }
                    String[] values = new String[header.size()];
                    boolean any = false;
                    for (int c = 0; c < Math.min(row.getCellCount(), header.size()); c++) {
                        values[c] = text(row.getCell(c));
                        any |= values[c] != null;
                    }
                    if (any) {
                        rows.add(values);
                    }
                    if ((rows.size() & 8191) == 0) {
                        monitor.checkCancelled();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.shiftscope.core.CancelledException c) {
                throw c;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw DataException.inFile(file, "not a readable Excel .xlsx workbook (" + msg + ")");
        }
        if (header.isEmpty()) {
            throw DataException.inFile(file, "sheet '" + sheetName + "' is empty; its first row must name the"
                    + " columns");
        }
        List<Column> columns = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = rows.get(r)[c];
            }
            columns.add(ColumnInference.infer(header.get(c), values));
        }
        return new Dataset(file, DataSource.ofFile(path, "xlsx", hash), columns);
    }

    /** A cell's stored value as text; null for an empty or error cell. */
    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getType();
        if (type == CellType.EMPTY || type == CellType.ERROR) {
            return null;
        }
        String raw = cell.getRawValue();
        if (type == CellType.BOOLEAN) {
            return "1".equals(raw) ? "true" : "false";
        }
        if (type == CellType.NUMBER || (type == CellType.FORMULA && cell.getValue() instanceof java.math.BigDecimal)) {
            return raw;
        }
        Object v = cell.getValue();
        return v == null ? null : v.toString();
    }
}
