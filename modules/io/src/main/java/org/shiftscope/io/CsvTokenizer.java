package org.shiftscope.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;

/**
 * Splits delimited text into records following RFC 4180: fields may be quoted with {@code "}, a doubled quote
 * inside a quoted field stands for one quote, and quoted fields may span lines. Accepts LF, CRLF and CR line
 * ends and a last line without a line end. Unquoted fields are trimmed. Tracks physical line numbers so that
 * every error names the line it is on.
 */
final class CsvTokenizer {

    private static final int EOF = -1;

    private final Reader in;
    /** Most fields one line may hold (a table wider than this is not one the analyses can use). */
    static final int MAX_FIELDS = 100_000;

    private final char delimiter;
    private final int maxFieldChars;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;
    private long recordLine;
    private final StringBuilder field = new StringBuilder();

    CsvTokenizer(Reader in, char delimiter, int maxFieldChars, String file) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxFieldChars = maxFieldChars;
        this.file = file;
    }

    /** Line on which the record last returned by {@link #next()} starts. */
    long recordLine() {
        return recordLine;
    }

    /** Current physical line. */
    long line() {
        return line;
    }

    /**
     * The next record, or {@code null} at the end of the input. Quoted fields are returned as written between the
     * quotes; unquoted ones trimmed.
     */
    List<String> next() throws IOException {
        int c = peek();
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        List<String> record = new ArrayList<>();
        while (true) {
            c = read();
            field.setLength(0);
            if (c == '"') {
                readQuoted(record.size() + 1);
                c = read();
                if (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    // Allow whitespace between the closing quote and the delimiter.
                    while (c == ' ' || c == '\t' && delimiter != '\t') {
                        c = read();
                    }
                    if (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                        throw error(line, "field " + (record.size() + 1), "unexpected character '" + printable(c)
                                + "' after the closing quote; a quote inside a quoted field must be doubled (\"\")");
                    }
                }
                record.add(field.toString());
            } else {
                while (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    append((char) c, record.size() + 1);
                    c = read();
                }
                record.add(field.toString().strip());
            }
            if (c == delimiter) {
                if (record.size() >= MAX_FIELDS) {
                    throw error(recordLine, null, "a line has more than " + MAX_FIELDS + " fields; is the"
                            + " delimiter right, or is this not a table?");
                }
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                read();
            }
            if (c == '\n' || c == '\r') {
                line++;
            }
            return record;
        }
    }

    private void readQuoted(int fieldNo) throws IOException {
        long startLine = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw error(startLine, "field " + fieldNo,
                        "a quoted field opened here is never closed (the file ends inside quotes)");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    append('"', fieldNo);
                    continue;
                }
                return;
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            append((char) c, fieldNo);
        }
    }

    private void append(char c, int fieldNo) {
        if (c == 0) {
            throw error(line, null, "contains a NUL byte: this looks like a binary file, not a text table");
        }
        if (field.length() >= maxFieldChars) {
            throw error(recordLine, "field " + fieldNo, "a field is longer than " + maxFieldChars
                    + " characters (a huge line, or an unbalanced quote)");
        }
        field.append(c);
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (StrictDecodingReader.BadBytesException e) {
            throw error(line, "byte " + e.byteOffset, "bytes that are not valid in the file's encoding;"
                    + " re-save it as UTF-8 or choose its encoding (for example windows-1252)").about("encoding");
        }
    }

    private DataException error(long atLine, String place, String reason) {
        return new DataException(file, atLine, place, reason);
    }

    private static String printable(int c) {
        return c < 32 ? String.format("\\u%04x", c) : String.valueOf((char) c);
    }
}
