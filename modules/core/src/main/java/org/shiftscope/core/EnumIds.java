package org.shiftscope.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The names of enum constants on the command line and in project files: the constant's name in lower case with
 * underscores as hyphens ({@code BBSE_SOFT -> "bbse-soft"}), read back case-insensitively, with a message listing the choices when nothing matches.
 */
public final class EnumIds {

    private EnumIds() {
    }

    /** {@code TSNE -> "tsne"}. */
    public static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant whose id is {@code text} (ignoring case and surrounding blanks).
     *
     * @param what how the message names the value, e.g. "projection method"
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (id(e).equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        throw DataException.of("unknown " + what + " '" + text + "' (use " + Arrays.stream(type.getEnumConstants())
                .map(EnumIds::id).collect(Collectors.joining(", ")) + ")");
    }
}
