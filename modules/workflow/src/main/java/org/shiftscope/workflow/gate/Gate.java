package org.shiftscope.workflow.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shiftscope.core.DataException;

/**
 * A condition that fails a pipeline: a quantity, a comparison and a threshold ("fpr_ratio>1.25",
 * "w2sq>=4", "selection_rate_ratio<0.8"), or a named verdict of the drift tests ("drift", "mmd", "classifier").
 *
 * @param quantity  what is compared: a disparity of the audit, "w2sq", or a drift verdict
 * @param op        "&gt;", "&gt;=", "&lt;", "&lt;=", or empty for a verdict
 * @param threshold the threshold (NaN for a verdict)
 */
public record Gate(String quantity, String op, double threshold) {

    private static final Pattern COMPARISON = Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*(>=|<=|>|<)\\s*([-+0-9.eE]+)\\s*");
    /** The verdicts of the drift tests a gate can name. */
    public static final List<String> VERDICTS = List.of("drift", "mmd", "classifier");

    /** A gate as written; a {@link DataException} says what a gate looks like. */
    public static Gate parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (VERDICTS.contains(t)) {
            return new Gate(t, "", Double.NaN);
        }
        Matcher m = COMPARISON.matcher(t);
        if (!m.matches()) {
            throw DataException.setting("fail-on", "'" + text + "' is not a gate: write a quantity, a comparison and"
                    + " a number (fpr_ratio>1.25, w2sq>=4), or drift, mmd or classifier");
        }
        double v;
        try {
            v = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw DataException.setting("fail-on", "'" + m.group(3) + "' in '" + text + "' is not a number");
        }
        return new Gate(m.group(1), m.group(2), v);
    }

    /** Gates separated by commas. */
    public static List<Gate> parseAll(List<String> texts) {
        List<Gate> out = new ArrayList<>();
        for (String t : texts) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
        }
        return out;
    }

    /** Whether {@code value} trips the gate (NaN never does: a quantity that cannot be computed is reported). */
    public boolean trips(double value) {
        return switch (op) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            default -> false;
        };
    }

    /** The gate as written: "fpr_ratio>1.25", "drift". */
    public String text() {
        return op.isEmpty() ? quantity : quantity + op + java.math.BigDecimal.valueOf(threshold).stripTrailingZeros()
                .toPlainString();
    }

    /**
     * What one gate found.
     *
     * @param failed whether it tripped
     * @param reason one line: which value, where, against which threshold
     */
    public record Verdict(Gate gate, boolean failed, String reason) {
    }
}
