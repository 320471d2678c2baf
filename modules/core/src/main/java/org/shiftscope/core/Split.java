package org.shiftscope.core;

import java.util.List;
import java.util.Objects;

/**
 * Reference and target, restricted to the analysed columns, after the missing-value policy.
 *
 * @param reference      reference rows used by analyses
 * @param target         target rows used by analyses
 * @param columns        the analysed columns, present in both sides with the same type
 * @param referenceRows  reference rows before the missing-value policy (rows matched by the filter)
 * @param targetRows     target rows before the missing-value policy
 * @param policy         what was done with missing values
 * @param description    how the split was defined, for provenance and the UI
 */
public record Split(Dataset reference, Dataset target, List<String> columns, int referenceRows, int targetRows,
                    MissingPolicy policy, String description) {

    public Split {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(target, "target");
        columns = List.copyOf(columns);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(description, "description");
    }

    public int referenceDropped() {
        return referenceRows - reference.rowCount();
    }

    public int targetDropped() {
        return targetRows - target.rowCount();
    }
}
