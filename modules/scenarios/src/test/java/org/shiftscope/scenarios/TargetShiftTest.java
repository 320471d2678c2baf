package org.shiftscope.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.DataException;
import org.shiftscope.core.DataSource;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;

class TargetShiftTest {

    private static double[][] csv(String name) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(TargetShiftTest.class.getResource("/reference/" + name).toURI()));
        double[][] out = new double[lines.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        return out;
    }

    @Test
    void blurMatchesScipy() throws Exception {
        double[][] in = csv("blur_in.csv");
        double[][] expected = csv("blur_out.csv");
        int h = in.length;
        int w = in[0].length;
        byte[] p = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = (byte) in[y][x];
            }
        }
        RasterImage out = TargetShift.blur(new RasterImage(w, h, 1, p), 1.0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // scipy keeps floats; we round once to 8 bits
                assertThat((double) (out.pixels()[y * w + x] & 0xFF)).isCloseTo(expected[y][x], within(0.5 + 1e-9));
            }
        }
    }

    @Test
    void brightnessAddsAndClips() {
        RasterImage img = new RasterImage(3, 1, 1, new byte[] {0, (byte) 100, (byte) 250});
        RasterImage out = TargetShift.brightness(img, 0.1 * 255);
        assertThat(out.pixels()).containsExactly(26, 126 - 256, 255 - 256); // 25.5 rounds to 26; 275.5 clips to 255
    }

    @Test
    void noiseHasTheAskedStandardDeviation() {
        byte[] grey = new byte[100 * 100];
        java.util.Arrays.fill(grey, (byte) 128);
        RasterImage out = TargetShift.noise(new RasterImage(100, 100, 1, grey), 0.1 * 255, new SplittableRandom(1));
        double sum = 0;
        double sq = 0;
        for (byte b : out.pixels()) {
            double v = (b & 0xFF) - 128;
            sum += v;
            sq += v * v;
        }
        int n = grey.length;
        double sd = Math.sqrt(sq / n - (sum / n) * (sum / n));
        // 10,000 draws: the sample sd is within 3 % of 25.5 far beyond 4 standard errors (0.7 %); rounding adds 1/12
        assertThat(sd).isCloseTo(Math.sqrt(25.5 * 25.5 + 1.0 / 12), within(0.03 * 25.5));
        assertThat(sum / n).isCloseTo(0, within(4 * 25.5 / Math.sqrt(n)));
    }

    @Test
    void reweightKeepsEachClassInProportionToItsWeight() {
        int n = 20_000;
        double[] label = new double[n];
        List<RasterImage> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            label[i] = i % 4;
            images.add(new RasterImage(1, 1, 1, new byte[] {(byte) i}));
        }
        Dataset d = new Dataset("toy", DataSource.ofFile(Path.of("toy.idx"), "idx", ""),
                List.of(new NumericColumn("label", label)), images);
        Dataset out = TargetShift.parse("reweight=label:0=0.1,3=2", 5).apply(d);
        int[] count = new int[4];
        NumericColumn kept = (NumericColumn) out.requireColumn("label");
        for (int i = 0; i < out.rowCount(); i++) {
            count[(int) kept.get(i)]++;
            // images follow their rows: row r holds the pixel r mod 256 and the label r mod 4
            assertThat((out.images().get(i).pixels()[0] & 0xFF) % 4).isEqualTo((int) kept.get(i));
        }
        // keep probabilities w / max w: 0.05, 0.5, 0.5, 1 of 5,000 rows each; binomial sd at most 35
        assertThat(count[3]).isEqualTo(5000);
        assertThat((double) count[0]).isCloseTo(250, within(4 * Math.sqrt(5000 * 0.05 * 0.95)));
        assertThat((double) count[1]).isCloseTo(2500, within(4 * Math.sqrt(5000 * 0.25)));
        assertThat((double) count[2]).isCloseTo(2500, within(4 * Math.sqrt(5000 * 0.25)));
        assertThat(TargetShift.parse("reweight=label:0=0.1,3=2", 5).apply(d).rowCount()).isEqualTo(out.rowCount());
    }

    @Test
    void badStepsAreNamed() {
        assertThatThrownBy(() -> TargetShift.parse("noise=0.2;fog=1", 0)).isInstanceOf(DataException.class)
                .hasMessageContaining("step 'fog=1': unknown step 'fog'");
        assertThatThrownBy(() -> TargetShift.parse("noise=2", 0)).hasMessageContaining("2 is outside [0.0, 1.0]");
        assertThatThrownBy(() -> TargetShift.parse("reweight=label", 0)).hasMessageContaining("expected reweight=COLUMN");
        Dataset tabular = new Dataset("t.csv", DataSource.ofFile(Path.of("t.csv"), "csv", ""),
                List.of(new NumericColumn("x", new double[] {1, 2})));
        assertThatThrownBy(() -> TargetShift.parse("blur=1", 0).apply(tabular))
                .hasMessageContaining("t.csv has no images: blur applies to image data only");
    }

    @Test
    void contrastPullsPixelsTowardsTheMean() {
        // mean 100: 0 -> 50, 200 -> 150 at half contrast
        RasterImage img = new RasterImage(2, 1, 1, new byte[] {0, (byte) 200});
        assertThat(TargetShift.contrast(img, 0.5).pixels()).containsExactly(50, 150);
        assertThat(TargetShift.contrast(img, 1).pixels()).containsExactly(img.pixels());
    }

    @Test
    void rotatingByAQuarterTurnMovesEveryPixelExactly() {
        // a quarter turn lands every pixel on a pixel: out[y][x] = in[x][w - 1 - y] (counter-clockwise on screen)
        int w = 5;
        byte[] px = new byte[w * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 10);
        }
        RasterImage out = TargetShift.rotate(new RasterImage(w, w, 1, px), 90);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                assertThat(out.pixels()[y * w + x]).as(x + "," + y).isEqualTo(px[x * w + (w - 1 - y)]);
            }
        }
        assertThat(TargetShift.rotate(new RasterImage(w, w, 1, px), 360).pixels()).containsExactly(px);
    }

    @Test
    void theLadderNamesFamiliesAndSeverities() {
        TargetShift t = TargetShift.parse("corrupt=contrast:3;corrupt=noise:5;corrupt=rotate:2", 0);
        assertThat(t.steps()).containsExactly(new TargetShift.Contrast(0.2), new TargetShift.Noise(0.38),
                new TargetShift.Rotate(20));
        assertThatThrownBy(() -> TargetShift.parse("corrupt=fog:2", 0)).hasMessageContaining(
                "the corruption ladder has families [blur, contrast, noise, rotate] at severities 1..5, not fog:2");
        assertThatThrownBy(() -> TargetShift.parse("corrupt=blur:7", 0)).hasMessageContaining("7 is outside [1.0, 5.0]");
    }
}
