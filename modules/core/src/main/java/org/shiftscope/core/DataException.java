package org.shiftscope.core;

/**
 * A problem with the user's input that they can act on. The message names the file, the place (line, column)
 * and the reason, e.g. {@code adult.csv, line 12, column 3: expected 15 fields, found 14}. It is shown to the
 * user as it is, never with a stack trace.
 */
public class DataException extends RuntimeException {

    private final String file;
    private final long line;
    private final String place;
    private final String reason;
    private final String setting;

    public DataException(String file, long line, String place, String reason, Throwable cause) {
        this(file, line, place, reason, cause, null);
    }

    private DataException(String file, long line, String place, String reason, Throwable cause, String setting) {
        super(compose(file, line, place, reason), cause);
        this.file = file;
        this.line = line;
        this.place = place;
        this.reason = reason;
        this.setting = setting;
    }

    public DataException(String file, long line, String place, String reason) {
        this(file, line, place, reason, null);
    }

    /** A problem with a whole file (no line). */
    public static DataException inFile(String file, String reason) {
        return new DataException(file, 0, null, reason);
    }

    /** A problem that is not tied to a file, such as a bad option value. */
    public static DataException of(String reason) {
        return new DataException(null, 0, null, reason);
    }

    /**
     * A problem the user fixes by changing one setting, named the way requests and project files name it (e.g.
     * "group", "solver"). The message says what is wrong in words; each front end says where to change it (the CLI
     * names its option, the app its field).
     */
    public static DataException setting(String setting, String reason) {
        return new DataException(null, 0, null, reason, null, setting);
    }

    /** This problem, fixed by changing {@code setting} (see {@link #setting(String, String)}). */
    public DataException about(String setting) {
        return new DataException(file, line, place, reason, getCause(), setting);
    }

    private static String compose(String file, long line, String place, String reason) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (line > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("line ").append(line);
        }
        if (place != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append(place);
        }
        return sb.isEmpty() ? reason : sb.append(": ").append(reason).toString();
    }

    /** The file (display name) the problem is in, or {@code null}. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** Further location such as {@code column 'age'} or {@code byte 1024}, or {@code null}. */
    public String place() {
        return place;
    }

    public String reason() {
        return reason;
    }

    /** The setting to change, or {@code null} (see {@link #setting(String, String)}). */
    public String setting() {
        return setting;
    }
}
