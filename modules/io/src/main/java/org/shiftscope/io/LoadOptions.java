package org.shiftscope.io;

import java.util.Set;

/**
 * How to read a file. {@code null} for {@code encoding} or {@code delimiter} means: detect.
 *
 * @param encoding      charset name, or {@code null} for UTF-8 (a UTF-16 byte-order mark is honoured)
 * @param delimiter     field separator for text tables, or {@code null} to detect (comma, tab, semicolon, pipe)
 * @param header        whether the first row of a text table names the columns
 * @param missingTokens cell values read as missing (compared after trimming unquoted cells)
 * @param maxFieldChars longest field accepted; longer ones are reported as errors instead of exhausting memory
 */
public record LoadOptions(String encoding, Character delimiter, HeaderMode header, Set<String> missingTokens,
                          int maxFieldChars) {

    /** Missing-value spellings recognised by default. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "?", "NA", "N/A", "NaN", "nan", "null", "NULL");

    public enum HeaderMode { AUTO, PRESENT, ABSENT }

    public LoadOptions {
        header = header == null ? HeaderMode.AUTO : header;
        missingTokens = missingTokens == null ? DEFAULT_MISSING : Set.copyOf(missingTokens);
        if (maxFieldChars <= 0) {
            throw new IllegalArgumentException("maxFieldChars must be positive");
        }
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null, null, HeaderMode.AUTO, DEFAULT_MISSING, 1 << 20);
    }

    public LoadOptions withEncoding(String charset) {
        return new LoadOptions(charset, delimiter, header, missingTokens, maxFieldChars);
    }

    public LoadOptions withMaxFieldChars(int max) {
        return new LoadOptions(encoding, delimiter, header, missingTokens, max);
    }
}
