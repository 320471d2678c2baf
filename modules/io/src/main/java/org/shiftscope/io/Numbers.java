package org.shiftscope.io;

/**
 * Decimal numbers in a table's text without a String a cell: the grammar of {@link ColumnInference#isNumber}
 * ({@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?}) and the value {@link Double#parseDouble} gives, exactly: a
 * significand of at most 15 digits with a power of ten up to 22 is one correctly rounded multiplication or division
 * (both are exact doubles; Clinger's fast path), anything else goes to {@code Double.parseDouble}.
 */
final class Numbers {

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private Numbers() {
    }

    /**
     * The digits after the point when {@code s[from, to)} is a number in the form {@link #text(double, int)} writes
     * back exactly: an optional '-', an integer part without leading zeros, optionally '.' and at least one digit, no
     * exponent, at most 15 significant digits, not a negative zero; else -1 (the text must then be kept as it is).
     */
    static int canonicalScale(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && s.charAt(i) == '-') {
            i++;
        }
        int intStart = i;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 1 && s.charAt(intStart) == '0') {
            return -1;
        }
        int scale = 0;
        if (i < to) {
            if (s.charAt(i) != '.') {
                return -1;
            }
            i++;
            int fracStart = i;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            scale = i - fracStart;
            if (scale == 0 || i != to) {
                return -1;
            }
        }
        // significant digits: from the first non-zero digit on
        int significant = 0;
        boolean started = false;
        boolean nonZero = false;
        for (int k = intStart; k < to; k++) {
            char c = s.charAt(k);
            if (c == '.') {
                continue;
            }
            started |= c != '0';
            nonZero |= c != '0';
            if (started) {
                significant++;
            }
        }
        if (significant > 15 || s.charAt(from) == '-' && !nonZero) {
            return -1;
        }
        return scale;
    }

    /** The text of a number read in canonical form with {@code scale} digits after the point. */
    static String text(double v, int scale) {
        return new java.math.BigDecimal(v).setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The number {@code s[from, to)} spells, or NaN when it is not one by the grammar. */
    static double parse(CharSequence s, int from, int to) {
        int i = from;
        if (i == to) {
            return Double.NaN;
        }
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            negative = c == '-';
            if (++i == to) {
                return Double.NaN;
            }
        }
        long significand = 0;
        int digits = 0; // significant digits kept in significand
        int intDigits = 0;
        int fracDigits = 0;
        int dropped = 0; // integer digits beyond what significand holds
        boolean exact = true;
        while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
            if (digits < 18) {
                significand = significand * 10 + (c - '0');
                if (significand != 0) {
                    digits++;
                }
            } else {
                dropped++;
                exact = false;
            }
            intDigits++;
            i++;
        }
        int scale = 0; // digits after the point kept in significand
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
                if (digits < 18) {
                    significand = significand * 10 + (c - '0');
                    if (significand != 0) {
                        digits++;
                    }
                    scale++;
                } else {
                    exact = false;
                }
                fracDigits++;
                i++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < to && ((c = s.charAt(i)) == 'e' || c == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && ((c = s.charAt(i)) == '+' || c == '-')) {
                expNegative = c == '-';
                i++;
            }
            int expDigits = 0;
            while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (c - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            if (expNegative) {
                exponent = -exponent;
            }
        }
        if (i != to) {
            return Double.NaN;
        }
        int power = exponent - scale + dropped;
        if (exact && digits <= 15 && significand < (1L << 53) && Math.abs(power) <= 22) {
            double v = power >= 0 ? significand * POWERS[power] : significand / POWERS[-power];
            return negative ? -v : v;
        }
        return Double.parseDouble(s.subSequence(from, to).toString());
    }
}
