package org.shiftscope.workflow.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A Waterbirds-shaped image set made for tests: a metadata table (file, label, background, split) beside a folder
 * of PNG and JPEG images of mixed sizes (40 to 90 pixels a side). Each image is a bar on a background: label
 * "vertical" or "horizontal" (the object), background "water" (blue) or "land" (green-brown). In the train split
 * the background agrees with the label for {@code trainAgreement} of the rows (a spurious correlation); in the test
 * split background and label are independent, each group (label x background) a quarter.
 */
public final class WaterbirdsLike {

    private WaterbirdsLike() {
    }

    /** Writes {@code perSplit} images per split and metadata.csv into {@code dir}; returns the table's path. */
    public static Path write(Path dir, int perSplit, double trainAgreement, long seed) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("file,label,background,split\n");
        for (String split : new String[] {"train", "test"}) {
            for (int i = 0; i < perSplit; i++) {
                boolean vertical = i % 2 == 0;
                boolean water = split.equals("train") ? (r.nextDouble() < trainAgreement) == vertical
                        : (i / 2) % 2 == 0;
                int w = 40 + r.nextInt(51);
                int h = 40 + r.nextInt(51);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                int[] bg = water ? new int[] {40, 90, 200} : new int[] {120, 160, 60};
                int at = (vertical ? w : h) / 4 + r.nextInt((vertical ? w : h) / 2);
                int thick = Math.max(3, Math.min(w, h) / 8);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean bar = vertical ? Math.abs(x - at) < thick : Math.abs(y - at) < thick;
                        int[] c = bar ? new int[] {235, 225, 210} : bg;
                        int rgb = 0;
                        for (int k = 0; k < 3; k++) {
                            int v = (int) Math.max(0, Math.min(255, c[k] + 18 * r.nextGaussian()));
                            rgb = rgb << 8 | v;
                        }
                        img.setRGB(x, y, rgb);
                    }
                }
                String name = String.format("%s_%04d.%s", split, i, i % 3 == 0 ? "jpg" : "png");
                ImageIO.write(img, i % 3 == 0 ? "jpg" : "png", dir.resolve("images").resolve(name).toFile());
                csv.append("images/").append(name).append(',').append(vertical ? "vertical" : "horizontal")
                        .append(',').append(water ? "water" : "land").append(',').append(split).append('\n');
            }
        }
        Path table = dir.resolve("metadata.csv");
        Files.writeString(table, csv);
        return table;
    }
}
