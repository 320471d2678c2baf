package org.shiftscope.scenarios;

import org.shiftscope.core.Dataset;

/** A generated reference/target pair with a shift of known form. */
public record Scenario(String id, String title, String description, Dataset reference, Dataset target) {
}
