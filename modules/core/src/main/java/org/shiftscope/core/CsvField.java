package org.shiftscope.core;

/** A value as one CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
public final class CsvField {

    private CsvField() {
    }

    public static String of(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
