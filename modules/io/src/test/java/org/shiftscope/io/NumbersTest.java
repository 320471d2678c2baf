package org.shiftscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reader's number parser against the JDK's: the same grammar as ColumnInference's regular expression and the
 * same bits as Double.parseDouble, on hand-picked edge cases and 200,000 random strings.
 */
class NumbersTest {

    private static void same(String s) {
        double got = Numbers.parse(s, 0, s.length());
        if (ColumnInference.isNumber(s)) {
            assertThat(Double.doubleToRawLongBits(got)).as(s).isEqualTo(Double.doubleToRawLongBits(
                    Double.parseDouble(s)));
        } else {
            assertThat(got).as(s).isNaN();
        }
    }

    @Test
    void edgeCases() {
        for (String s : new String[] {"0", "-0", "+0", "1", "-1", "0.1", ".5", "5.", "-.5", "1e5", "1E-5", "1e+5",
            "123456789012345", "1234567890123456", "12345678901234567890", "9007199254740993", "0.30000000000000004",
            "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1.7976931348623157e308", "1e309", "2.2250738585072014E-308",
            "000123", "0.000000000000000000000000001", "123.456e-7", "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3",
            "1,5", " 1", "1 ", "NaN", "Infinity", "0x10", "1d", "1f", "--1", "1e5.5", "١٢"}) {
            same(s);
        }
    }

    @Test
    void randomStrings() {
        SplittableRandom r = new SplittableRandom(24);
        String alphabet = "0123456789.eE+-";
        for (int t = 0; t < 200_000; t++) {
            StringBuilder b = new StringBuilder();
            if (t % 2 == 0) {
                // mostly valid: sign, digits, point, digits, exponent
                if (r.nextInt(4) == 0) {
                    b.append(r.nextBoolean() ? '-' : '+');
                }
                int a = r.nextInt(20);
                for (int k = 0; k < a; k++) {
                    b.append((char) ('0' + r.nextInt(10)));
                }
                if (r.nextBoolean()) {
                    b.append('.');
                    int f = r.nextInt(20);
                    for (int k = 0; k < f; k++) {
                        b.append((char) ('0' + r.nextInt(10)));
                    }
                }
                if (r.nextInt(3) == 0) {
                    b.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(3) == 0 ? "-" : "").append(r.nextInt(330));
                }
            } else {
                int len = r.nextInt(8);
                for (int k = 0; k < len; k++) {
                    b.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            same(b.toString());
        }
    }

    @Test
    void partsOfALongerText() {
        String line = "ab,12.5,x";
        assertThat(Numbers.parse(line, 3, 7)).isEqualTo(12.5);
        assertThat(Numbers.parse(line, 2, 7)).isNaN();
    }
}
