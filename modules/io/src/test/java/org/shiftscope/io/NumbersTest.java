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

    @Test
    void canonicalNumbersAreWrittenBackExactlyAndOthersAreNot() {
        SplittableRandom r = new SplittableRandom(7);
        for (int t = 0; t < 100_000; t++) {
            int decimals = r.nextInt(8);
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(9));
            String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
            int scale = Numbers.canonicalScale(s, 0, s.length());
            if (scale >= 0) {
                assertThat(Numbers.text(Numbers.parse(s, 0, s.length()), scale)).as(s).isEqualTo(s);
            } else {
                assertThat(s).as("only negative zeros are refused here").matches("-0(\\.0*)?");
            }
        }
        for (String s : new String[] {"+1", "007", "1e5", ".5", "5.", "-0", "-0.00", "1234567890123456", "1.5e0"}) {
            assertThat(Numbers.canonicalScale(s, 0, s.length())).as(s).isEqualTo(-1);
        }
    }

    @Test
    void aColumnThatTurnsOutNotNumericKeepsEveryCellsText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String[] cells = {"007", "1.50", "1e3", "+2", "-0.0", "3.14159", "12", ".5", "5.", "-7.250"};
        StringBuilder csv = new StringBuilder("c\n");
        for (int i = 0; i < 3000; i++) {
            csv.append(cells[i % cells.length]).append('\n');
        }
        csv.append("word\n");
        java.nio.file.Path f = dir.resolve("t.csv");
        java.nio.file.Files.writeString(f, csv);
        org.shiftscope.core.Dataset d = CsvReader.read(f, LoadOptions.defaults(), org.shiftscope.core.TaskMonitor.NONE);
        org.shiftscope.core.Column c = d.requireColumn("c");
        assertThat(c).isInstanceOf(org.shiftscope.core.StringColumn.class);
        for (int i = 0; i < 3000; i++) {
            assertThat(c.text(i)).isEqualTo(cells[i % cells.length]);
        }
        assertThat(c.text(3000)).isEqualTo("word");
    }
}
