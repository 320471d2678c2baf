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

    /** Receives a record's fields as they are read, without a String per field. */
    interface Sink {

        /**
         * Field {@code index} (from 0) is {@code text[from, to)}: quoted fields as written between the quotes,
         * unquoted ones trimmed. The text is only valid during the call.
         */
        void field(int index, CharSequence text, int from, int to, boolean quoted);
    }

    /**
     * The next record, or {@code null} at the end of the input. Quoted fields are returned as written between the
     * quotes; unquoted ones trimmed.
     */
    List<String> next() throws IOException {
        List<String> record = new ArrayList<>();
        int fields = next((index, text, from, to, quoted) -> record.add(text.subSequence(from, to).toString()));
        return fields < 0 ? null : record;
    }

    /** Hands the next record's fields to {@code sink}; returns how many it had, or -1 at the end of the input. */
    int next(Sink sink) throws IOException {
        int c = peek();
        if (c == EOF) {
            return -1;
        }
        recordLine = line;
        int count = 0;
        while (true) {
            c = read();
            field.setLength(0);
            if (c == '"') {
                readQuoted(count + 1);
                c = read();
                if (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    // Allow whitespace between the closing quote and the delimiter.
                    while (c == ' ' || c == '\t' && delimiter != '\t') {
                        c = read();
                    }
                    if (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                        throw error(line, "field " + (count + 1), "unexpected character '" + printable(c)
                                + "' after the closing quote; a quote inside a quoted field must be doubled (\"\")");
                    }
                }
                sink.field(count++, field, 0, field.length(), true);
            } else {
                int fieldNo = count + 1;
                // the common case, a field within the buffer: scanned in place, then copied once
                while (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    int start = pos - 1;
                    int end = start;
                    while (end < limit) {
                        char ch = buf[end];
                        if (ch == delimiter || ch == '\n' || ch == '\r' || ch == 0) {
                            break;
                        }
                        end++;
                    }
                    if (end > start + 1) {
                        if (field.length() + (end - start) > maxFieldChars) {
                            throw error(recordLine, "field " + fieldNo, "a field is longer than " + maxFieldChars
                                    + " characters (a huge line, or an unbalanced quote)");
                        }
                        field.append(buf, start, end - start);
                        pos = end;
                    } else {
                        append((char) c, fieldNo);
                    }
                    c = read();
                }
                int from = 0;
                int to = field.length();
                while (from < to && Character.isWhitespace(field.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(field.charAt(to - 1))) {
                    to--;
                }
                sink.field(count++, field, from, to, false);
            }
            if (c == delimiter) {
                if (count >= MAX_FIELDS) {
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
            return count;
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
