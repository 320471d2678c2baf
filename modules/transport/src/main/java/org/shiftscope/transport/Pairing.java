package org.shiftscope.transport;

import java.util.Locale;
import org.shiftscope.core.DataException;

/** What a k-cluster explanation clusters. */
public enum Pairing {
    /**
     * The paired points [x, T(x)] (Kulinski and Inouye's choice): reference points that go to the same place belong
     * together, wherever they start.
     */
    PAIRED,
    /** The reference points x alone, so new points can be assigned to a cluster by their position. */
    REFERENCE;

    public static Pairing parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "paired" -> PAIRED;
            case "reference" -> REFERENCE;
            default -> throw DataException.setting("pairing", "unknown pairing '" + s + "' (use paired or reference)");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
