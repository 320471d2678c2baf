package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.ImagePreprocessing;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.ImageDecoder;
import org.shiftscope.io.SharedData;

/**
 * ResNet-18 (torchvision's architecture, random seeded weights) exported to ONNX and TorchScript by
 * bench/resnet/make_resnet.py, fed sixteen images of mixed sizes (160 to 640 pixels, JPEG and PNG, some grey) through
 * the ImageNet preprocessing: every embedding must match torch + torchvision's of the same files (cosine > 0.9999).
 */
class ResNetParityTest {

    @Test
    void resnet18EmbedsMixedSizeImagesAsTorchvisionDoes() throws Exception {
        Path dir = SharedData.resnetFixture();
        List<String> lines = Files.readAllLines(dir.resolve("metadata.csv"));
        int k = 16;
        int per = 3 * 224 * 224;
        float[] input = new float[k * per];
        for (int i = 0; i < k; i++) {
            String file = lines.get(i + 1).split(",")[0];
            RasterImage img = ImageDecoder.decode(Files.readAllBytes(dir.resolve(file)), file);
            ImagePreprocessing.IMAGENET.apply(img, input, i * per);
        }
        float[] torch = Fixtures.float32(dir.resolve("expected.npy"), k * 512);
        for (String model : List.of("resnet18.onnx", "resnet18.pt")) {
            try (ModelEmbedder m = ModelEmbedder.load(dir.resolve(model))) {
                Embeddings e = m.embed(input, k, new long[] {3, 224, 224}, 0, 8, TaskMonitor.NONE);
                assertThat(e.d()).isEqualTo(512);
                assertThat(Fixtures.worstCosine(e.values(), torch, k, 512)).as(model).isGreaterThan(0.9999);
            }
        }
    }
}
