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
        byte[] bytes = Files.readAllBytes(dir.resolve("expected.npy"));
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        float[] torch = new float[k * 512];
        java.nio.ByteBuffer.wrap(bytes, 10 + headerLen, torch.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(torch);
        for (String model : List.of("resnet18.onnx", "resnet18.pt")) {
            try (ModelEmbedder m = ModelEmbedder.load(dir.resolve(model))) {
                Embeddings e = m.embed(input, k, new long[] {3, 224, 224}, 0, 8, TaskMonitor.NONE);
                assertThat(e.d()).isEqualTo(512);
                double worst = 1;
                for (int i = 0; i < k; i++) {
                    double dot = 0;
                    double a = 0;
                    double b = 0;
                    for (int j = 0; j < 512; j++) {
                        double x = e.values()[i * 512 + j];
                        double y = torch[i * 512 + j];
                        dot += x * y;
                        a += x * x;
                        b += y * y;
                    }
                    worst = Math.min(worst, dot / Math.sqrt(a * b));
                }
                assertThat(worst).as(model).isGreaterThan(0.9999);
            }
        }
    }
}
