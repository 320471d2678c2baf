package org.shiftscope.app;

import org.shiftscope.core.DataException;
import picocli.CommandLine.Option;

/** The {@code --format json|text} option every command shares. */
final class FormatOption {

    @Option(names = "--format", defaultValue = "text", paramLabel = "json|text",
            description = "json or text (default ${DEFAULT-VALUE}).")
    String format;

    /** True for JSON; throws a clear error for anything but json or text. */
    boolean json() {
        if (!format.equals("json") && !format.equals("text")) {
            throw DataException.of("unknown --format '" + format + "' (use json or text)");
        }
        return format.equals("json");
    }
}
