package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `shiftscope snapshot` renders the real window headlessly (Monocle) into a PNG of the asked size. */
class SnapshotCommandTest {

    @Test
    void writesAPngOfTheDemoDataView(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("slides/data.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"snapshot", "--out", png.toString(), "--width", "1000", "--height", "700"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        assertThat(img.getHeight()).isEqualTo(700);
        // The reference bars are #0072b2 and the target bars #e69f00 (assets/css/shiftscope.css): both must appear
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        // (within a few levels a channel: the theme's bars blend their edge with the plot's background)
        assertThat(colours.stream().anyMatch(c -> near(c, 0x0072b2))).as("a reference bar").isTrue();
        assertThat(colours.stream().anyMatch(c -> near(c, 0xe69f00))).as("a target bar").isTrue();
    }

    private static boolean near(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)) > 6) {
                return false;
            }
        }
        return true;
    }

    @Test
    void writesEveryTourStepAsASlide(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"snapshot", "--tour", dir.toString(), "--presentation", "--width", "1280",
            "--height", "820"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        for (int i = 1; i <= org.shiftscope.ui.Tour.STEPS.size(); i++) {
            BufferedImage img = ImageIO.read(dir.resolve("step-" + i + ".png").toFile());
            assertThat(img.getWidth()).isEqualTo(1280);
            // the caption bar's colour (#fff4d6, assets/css/shiftscope.css) runs along the bottom of every slide
            int bar = 0;
            for (int y = img.getHeight() - 160; y < img.getHeight(); y++) {
                bar += (img.getRGB(img.getWidth() / 2, y) & 0xFFFFFF) == 0xfff4d6 ? 1 : 0;
            }
            assertThat(bar).as("step " + i).isGreaterThan(10);
        }
        // step 5 is the Lab on a covariate shift: both sides' points are drawn (blue and orange, 45 % alpha)
        BufferedImage lab = ImageIO.read(dir.resolve("step-5.png").toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < lab.getHeight(); y++) {
            for (int x = 0; x < lab.getWidth(); x++) {
                colours.add(lab.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours.size()).isGreaterThan(200);
    }
}
