package org.shiftscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.TaskMonitor;

/** Reads CSV/TSV (optionally gzipped) into a {@link Dataset}, inferring column types. */
public final class CsvReader {

    private static final char[] CANDIDATE_DELIMITERS = {',', '\t', ';', '|'};

    private CsvReader() {
    }

    public static Dataset read(Path path, LoadOptions options, TaskMonitor monitor) {
        String file = path.getFileName().toString();
        SourceBytes source = SourceBytes.open(path);
        if (source.size() == 0) {
            throw DataException.inFile(file, "the file is empty");
        }
        byte[] head = source.head(1 << 16);
        Charset charset = charset(options.encoding(), head, file);
        char delimiter = options.delimiter() != null ? options.delimiter() : sniffDelimiter(head, charset, file);
        try (InputStream raw = source.stream(monitor, "Reading " + file);
             Reader reader = new StrictDecodingReader(raw, charset)) {
            CsvTokenizer tokens = new CsvTokenizer(reader, delimiter, options.maxFieldChars(), file);
            List<String> first = nextNonBlank(tokens);
            if (first == null) {
                throw DataException.inFile(file, "the file has no rows (only blank lines)");
            }
            if (!first.isEmpty() && first.get(0).startsWith("\uFEFF")) {
                first.set(0, first.get(0).substring(1).strip());
            }
            int width = first.size();
            long firstLine = tokens.recordLine();
            ColumnCells cells = new ColumnCells(width, options.missingTokens(), expectedRows(source, head, width));
            while (true) {
                cells.begin();
                int fields = tokens.next(cells);
                if (fields < 0) {
                    break;
                }
                if (cells.blank(fields)) {
                    continue;
                }
                if (fields != width) {
                    throw new DataException(file, tokens.recordLine(), null, "expected " + width
                            + " fields (as on line " + firstLine + "), found " + fields);
                }
                cells.commit();
            }
            boolean header = switch (options.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case AUTO -> looksLikeHeader(first, cells);
            };
            List<String> names;
            if (header) {
                names = uniqueNames(first);
            } else {
                cells.addFirst(first);
                names = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    names.add("column_" + i);
                }
            }
            List<Column> columns = new ArrayList<>(width);
            for (int j = 0; j < width; j++) {
                monitor.checkCancelled();
                columns.add(cells.column(j, names.get(j)));
            }
            String format = delimiter == '\t' ? "tsv" : "csv";
            return new Dataset(file, DataSource.ofFile(path, format, source.hash()), columns);
        } catch (IOException e) {
            throw DataException.inFile(file, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * The rows the file likely has, from its size and its first 64 KB's line length, when the columns' numbers fit in
     * a tenth of the heap at that size (a guess: numeric columns start that large instead of growing by copies);
     * 1,024 otherwise and for gzipped files.
     */
    static int expectedRows(SourceBytes source, byte[] head, int width) {
        int lines = 0;
        for (byte b : head) {
            lines += b == '\n' ? 1 : 0;
        }
        if (source.gzip() || lines < 2 || head.length < 1 << 12) {
            return 1024;
        }
        double rows = (double) source.size() / head.length * lines * 1.05;
        double bytes = rows * width * 9;
        return bytes < Runtime.getRuntime().maxMemory() / 10.0 && rows < 100_000_000 ? (int) rows : 1024;
    }

    private static List<String> nextNonBlank(CsvTokenizer tokens) throws IOException {
        List<String> r;
        do {
            r = tokens.next();
        } while (r != null && r.size() == 1 && r.get(0).isEmpty());
        return r;
    }

    static Charset charset(String name, byte[] head, String file) {
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw DataException.inFile(file, "unknown encoding '" + name + "'");
            }
        }
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            return StandardCharsets.UTF_16;
        }
        for (int i = 0; i < Math.min(head.length, 8192); i++) {
            if (head[i] == 0) {
                throw new DataException(file, 0, "byte " + i,
                        "contains a NUL byte: this looks like a binary file, not a text table");
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Picks the candidate delimiter that occurs most often, outside quotes, on the first line. */
    static char sniffDelimiter(byte[] head, Charset charset, String file) {
        String text = new String(head, charset);
        int[] counts = new int[CANDIDATE_DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATE_DELIMITERS.length; k++) {
                    if (c == CANDIDATE_DELIMITERS[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        boolean tsvName = file.endsWith(".tsv") || file.endsWith(".tsv.gz") || file.endsWith(".tab");
        return counts[best] == 0 && tsvName ? '\t' : CANDIDATE_DELIMITERS[best];
    }

    /**
     * The first row is a header when none of its cells is a number or empty, and either some column holds numbers
     * below it, or none of its cells occurs again in its column (a data row would usually repeat somewhere).
     */
    static boolean looksLikeHeader(List<String> first, ColumnCells cells) {
        Set<String> seen = new HashSet<>();
        for (String s : first) {
            if (s.isEmpty() || ColumnInference.isNumber(s) || !seen.add(s)) {
                return false;
            }
        }
        if (cells.rows() == 0) {
            return true;
        }
        for (int j = 0; j < first.size(); j++) {
            if (cells.mostlyNumeric(j)) {
                return true;
            }
        }
        for (int j = 0; j < first.size(); j++) {
            if (cells.contains(j, first.get(j))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> uniqueNames(List<String> header) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            String base = header.get(j).isEmpty() ? "column_" + (j + 1) : header.get(j);
            int n = counts.merge(base, 1, Integer::sum);
            names.add(n == 1 ? base : base + "." + (n - 1));
        }
        return names;
    }
}
