package org.shiftscope.app;

import java.util.Map;

/**
 * Where a setting named by a library problem ({@link org.shiftscope.core.DataException#setting()}) is changed on
 * the command line: library messages say what is wrong in words, the CLI adds the option to change.
 */
final class Options {

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("group", "--group COL"),
            Map.entry("classifier", "--classifier mlp|gbt"),
            Map.entry("permutations", "--permutations N"),
            Map.entry("demo rows", "--demo-rows N"),
            Map.entry("resamples", "--resamples N"),
            Map.entry("epochs", "--epochs N"),
            Map.entry("dim", "--dim N"),
            Map.entry("batch", "--batch N"),
            Map.entry("encoding", "--encoding NAME"),
            Map.entry("solver", "--solver exact|sinkhorn|auto"),
            Map.entry("kmax", "--kmax K"),
            Map.entry("epsilon", "--epsilon E"),
            Map.entry("missing", "--missing drop"),
            Map.entry("standardize", "--standardize none|zscore|reference; --columns"),
            Map.entry("pairing", "--pairing paired|reference"),
            Map.entry("discrete", "--discrete auto|none"),
            Map.entry("repeats", "--repeats R"),
            Map.entry("clusters", "--clusters K"),
            Map.entry("model-output", "--model-output K"),
            Map.entry("threshold", "--threshold T"),
            Map.entry("positive-label", "--positive-label V"),
            Map.entry("image-column", "--image-column COL"),
            Map.entry("image-root", "--image-root DIR"),
            Map.entry("preprocess", "--preprocess imagenet|none, --resize, --crop, --mean, --std"),
            Map.entry("decision-values", "--positive-prediction V, --negative-prediction V or --threshold T"));

    private Options() {
    }

    /** " (--option ...)" for a setting, or "" for none. */
    static String hint(String setting) {
        return setting == null ? "" : " (" + FLAGS.getOrDefault(setting, "--" + setting.replace(' ', '-')) + ")";
    }
}
