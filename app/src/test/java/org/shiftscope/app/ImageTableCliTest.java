package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.app.CliRun.Result;

/** A metadata table of images on the command line: --image-column, --image-root, --preprocess and its steps. */
class ImageTableCliTest {

    private static final String CNN = "../modules/embedding/src/test/resources/preprocess/cnn.onnx";

    /** 24 images of two sizes (blue or green, a side each), one row naming a file that is not there. */
    private static Path table(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pics"));
        StringBuilder csv = new StringBuilder("path,colour,side\n");
        for (int i = 0; i < 24; i++) {
            int w = i % 2 == 0 ? 50 : 70;
            BufferedImage img = new BufferedImage(w, 60, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < w; x++) {
                    img.setRGB(x, y, i % 3 == 0 ? 0x2040C0 : 0x60A040);
                }
            }
            ImageIO.write(img, "png", dir.resolve("pics/p" + i + ".png").toFile());
            csv.append("p").append(i).append(".png,").append(i % 3 == 0 ? "blue" : "green").append(',')
                    .append(i < 12 ? "ref" : "tgt").append('\n');
        }
        csv.append("gone.png,blue,tgt\n");
        Path t = dir.resolve("meta.csv");
        Files.writeString(t, csv);
        return t;
    }

    @Test
    void aMetadataTableOfImagesSplitsMapsAndEmbeds(@TempDir Path dir) throws Exception {
        String meta = table(dir).toString();
        String root = dir.resolve("pics").toString();
        Result split = run("split", "--data", meta, "--image-column", "path", "--image-root", root,
                "--reference-where", "side=ref", "--target-where", "side=tgt", "--format", "json");
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.json().get("reference").get("rows").asInt()).isEqualTo(12);
        assertThat(split.json().get("target").get("rows").asInt()).isEqualTo(12); // 'gone.png' left out
        assertThat(split.err()).contains("note: meta.csv: 1 row(s) left out for a missing or unreadable image"
                + " (gone.png: no such file)");
        assertThat(split.json().get("columns")).hasSize(1); // colour: the path column and the filter's are not features

        Result map = run("map", "--data", meta, "--image-column", "path", "--image-root", root, "--reference-where",
                "side=ref", "--target-where", "side=tgt", "--model", CNN, "--preprocess", "imagenet", "--resize", "64",
                "--crop", "56", "--clusters", "2", "--no-tests", "--format", "json");
        assertThat(map.code()).as(map.err()).isZero();
        JsonNode j = map.json();
        assertThat(j.get("n_reference").asInt()).isEqualTo(12);
        assertThat(j.get("clusters")).hasSize(2);

        // the transport explanation in the model's embedding space, with each cluster's example images
        Result explain = run("explain", "--data", meta, "--image-column", "path", "--image-root", root,
                "--reference-where", "side=ref", "--target-where", "side=tgt", "--model", CNN, "--preprocess",
                "imagenet", "--kmax", "2", "--exemplars", "3", "--format", "json");
        assertThat(explain.code()).as(explain.err()).isZero();
        JsonNode cluster = explain.json().get("clusters").get(0);
        JsonNode refExemplars = cluster.get("exemplars").get("reference");
        assertThat(refExemplars.size()).isBetween(1, 3);
        assertThat(refExemplars.get(0).get("file").asText()).matches("p\\d+\\.png");
        assertThat(refExemplars.get(0).get("row").asInt()).isBetween(1, 12);
        assertThat(explain.json().get("curve")).hasSize(2);

        Path out = dir.resolve("emb.npy");
        Result embed = run("embed", "--data", meta, "--image-column", "path", "--image-root", root, "--model", CNN,
                "--preprocess", "imagenet", "--resize", "64", "--crop", "56", "--out", out.toString(), "--format",
                "json");
        assertThat(embed.code()).as(embed.err()).isZero();
        assertThat(embed.json().get("rows").asInt()).isEqualTo(24);
        assertThat(embed.json().get("dimensions").asInt()).isEqualTo(16);
        assertThat(embed.err()).contains("1 row(s) left out");

        // the model declares 3 x 56 x 56: the ImageNet steps are sized to it (resize 64, crop 56) ...
        Result sized = run("embed", "--data", meta, "--image-column", "path", "--image-root", root, "--model", CNN,
                "--preprocess", "imagenet", "--out", out.toString(), "--format", "json");
        assertThat(sized.code()).as(sized.err()).isZero();
        // ... but images as they are do not fit it, and the message names both shapes
        Result raw = run("embed", "--data", meta, "--image-column", "path", "--image-root", root, "--model", CNN,
                "--out", out.toString());
        assertThat(raw.code()).isEqualTo(2);
        assertThat(raw.err()).contains("cnn.onnx: takes inputs of shape [3, 56, 56] per image, but the"
                + " preprocessing (no resize, channels as stored, 0-1, mean [0.0], std [1.0], NCHW) gives [3, 60, 50]");
        Result preset = run("embed", "--data", meta, "--image-column", "path", "--image-root", root, "--model", CNN,
                "--preprocess", "vgg", "--out", out.toString());
        assertThat(preset.code()).isEqualTo(2);
        assertThat(preset.err()).contains("unknown preprocessing 'vgg' (use imagenet or none)");
        Result rootless = run("split", "--data", meta, "--image-column", "path", "--reference-where", "side=ref",
                "--target-where", "side=tgt");
        assertThat(rootless.code()).isEqualTo(2); // the images are not beside the table
        assertThat(rootless.err()).contains("no row of column 'path' names a readable image");
    }
}
