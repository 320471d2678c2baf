package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.ImagePreprocessing;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.ImageDecoder;
import org.shiftscope.io.NpyReader;

/**
 * Decoding and preprocessing against PyTorch + torchvision on the same files (preprocess/make_fixtures.py: twelve
 * images of mixed sizes and modes; torchvision's Resize, CenterCrop, ToTensor, Normalize on Pillow's decoding), and
 * a user's CNN (ONNX and TorchScript) fed through it against torch's own embeddings.
 */
class ImagePreprocessingTest {

    private static final Path DIR = Path.of("src/test/resources/preprocess");
    private static final List<String> FILES = List.of("rgb_wide.png", "rgb_tall.png", "grey.png", "rgba.png",
            "palette.png", "grey_alpha.png", "grey16.png", "small.png", "baseline.jpg", "progressive.jpg", "grey.jpg",
            "cmyk.jpg");
    /** torchvision's Resize(64) + CenterCrop(56) + ToTensor + Normalize(ImageNet) of an RGB image. */
    private static final ImagePreprocessing SMALL = new ImagePreprocessing(64, false, 56, 3, false, false, false,
            ImagePreprocessing.IMAGENET.mean(), ImagePreprocessing.IMAGENET.std());

    private static RasterImage image(String name) throws Exception {
        return ImageDecoder.decode(Files.readAllBytes(DIR.resolve("images").resolve(name)), name);
    }

    /** Row-major values of an .npy fixture (n rows of the flattened tensor). */
    private static float[] npy(String name, int perRow) {
        Dataset d = NpyReader.read(DIR.resolve(name), TaskMonitor.NONE);
        int n = d.rowCount();
        float[] out = new float[n * perRow];
        for (int j = 0; j < perRow; j++) {
            double[] col = ((NumericColumn) d.columns().get(j)).values();
            for (int i = 0; i < n; i++) {
                out[i * perRow + j] = (float) col[i];
            }
        }
        return out;
    }

    @Test
    void resizeCropAndNormaliseMatchTorchvisionOnEveryImage() throws Exception {
        int per = 3 * 56 * 56;
        float[] expected = npyFlat("expected_small.npy", FILES.size(), per);
        for (int i = 0; i < FILES.size(); i++) {
            RasterImage img = image(FILES.get(i));
            assertThat(SMALL.shape(img)).containsExactly(3, 56, 56);
            float[] ours = new float[per];
            SMALL.apply(img, ours, 0);
            double worst = 0;
            for (int k = 0; k < per; k++) {
                worst = Math.max(worst, Math.abs(ours[k] - expected[i * per + k]));
            }
            // lossless files decode to Pillow's pixels exactly, and the resize is Pillow's to the byte: only float
            // rounding remains. The JDK's JPEG decoder matched libjpeg-turbo's pixels exactly on these files too
            // (worst difference 0); one grey level is allowed there, for other JDKs' decoders.
            double tolerance = FILES.get(i).endsWith(".png") ? 1e-6 : 1 / 255.0 / 0.224 + 1e-6;
            assertThat(worst).as(FILES.get(i)).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void exactResizeChannelsLastWithoutNormalisationMatchesToo() throws Exception {
        ImagePreprocessing exact = new ImagePreprocessing(40, true, 0, 3, false, true, false, new double[] {0},
                new double[] {1});
        int per = 40 * 40 * 3;
        float[] expected = npyFlat("expected_exact.npy", FILES.size(), per);
        for (int i = 0; i < FILES.size(); i++) {
            if (!FILES.get(i).endsWith(".png")) {
                continue;
            }
            RasterImage img = image(FILES.get(i));
            assertThat(exact.shape(img)).containsExactly(40, 40, 3);
            float[] ours = new float[per];
            exact.apply(img, ours, 0);
            for (int k = 0; k < per; k++) {
                assertThat((double) Math.abs(ours[k] - expected[i * per + k])).as(FILES.get(i) + " value " + k)
                        .isLessThanOrEqualTo(1e-6);
            }
        }
    }

    @Test
    void aUsersCnnEmbedsTheImagesAsTorchDoes() throws Exception {
        int per = 3 * 56 * 56;
        float[] input = new float[FILES.size() * per];
        for (int i = 0; i < FILES.size(); i++) {
            SMALL.apply(image(FILES.get(i)), input, i * per);
        }
        float[] torch = npy("cnn_embeddings.npy", 16);
        for (String model : List.of("cnn.onnx", "cnn.pt")) {
            try (ModelEmbedder m = ModelEmbedder.load(DIR.resolve(model))) {
                Embeddings e = m.embed(input, FILES.size(), new long[] {3, 56, 56}, 0, 5, TaskMonitor.NONE);
                assertThat(e.d()).isEqualTo(16);
                assertThat(Fixtures.worstCosine(e.values(), torch, FILES.size(), 16)).as(model)
                        .isGreaterThan(0.9999);
            }
        }
    }

    @Test
    void aModelExportedWithAFixedBatchOfOneRunsImageByImage() throws Exception {
        int per = 3 * 56 * 56;
        float[] input = new float[FILES.size() * per];
        for (int i = 0; i < FILES.size(); i++) {
            SMALL.apply(image(FILES.get(i)), input, i * per);
        }
        float[] torch = npy("cnn_embeddings.npy", 16);
        try (ModelEmbedder m = ModelEmbedder.load(DIR.resolve("cnn_batch1.onnx"))) {
            assertThat(m.fixedBatch()).isEqualTo(1);
            assertThat(m.inputShape()).containsExactly(3, 56, 56);
            // asked for batches of 5: it runs 12 batches of one, and every row matches torch's
            Embeddings e = m.embed(input, FILES.size(), new long[] {3, 56, 56}, 0, 5, TaskMonitor.NONE);
            for (int k = 0; k < torch.length; k++) {
                assertThat((double) e.values()[k]).isCloseTo(torch[k], org.assertj.core.api.Assertions.within(1e-4));
            }
        }
        try (ModelEmbedder dynamic = ModelEmbedder.load(DIR.resolve("cnn.onnx"))) {
            assertThat(dynamic.fixedBatch()).isZero();
        }
    }

    @Test
    void weightsAndPicklesAreRefusedUnreadWithHowToExport(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelEmbedder.load(DIR.resolve("state_dict.pt")))
                .isInstanceOf(org.shiftscope.core.DataException.class)
                .hasMessageStartingWith("state_dict.pt: saved with torch.save (a state dict or a pickled module")
                .hasMessageContaining("torch.jit.trace(model, example).save('model.pt')");
        for (String name : List.of("model.safetensors", "pytorch_model.bin", "model.pkl", "legacy.pt")) {
            Path f = tmp.resolve(name);
            Files.write(f, new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm'});
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelEmbedder.load(f))
                    .isInstanceOf(org.shiftscope.core.DataException.class)
                    .hasMessageStartingWith(name + ": ").hasMessageContaining("torch.onnx.export");
        }
    }

    @Test
    void batchNormAdaptationOfAUsersTorchScriptCnnMatchesTorchsTrainModePasses() throws Exception {
        // make_fixtures.py: the last six images darkened, passed through the network in train mode in batches of
        // 3, four times (8 batches); then every image embedded in eval mode
        int per = 3 * 56 * 56;
        float[] darker = Fixtures.float32(DIR.resolve("darker.npy"), FILES.size() * per);
        float[] torch = Fixtures.float32(DIR.resolve("cnn_bn_adapted.npy"), FILES.size() * 16);
        float[] before = Fixtures.float32(DIR.resolve("cnn_embeddings.npy"), FILES.size() * 16);
        long[] shape = {3, 56, 56};
        try (ModelEmbedder m = ModelEmbedder.load(DIR.resolve("cnn_scripted.pt"), true)) {
            m.adaptBatchNorm((start, count, into) -> System.arraycopy(darker, (6 + start) * per, into, 0,
                    count * per), 6, shape, 3, 8, TaskMonitor.NONE);
            Embeddings e = m.embed(darker, FILES.size(), shape, 0, 5, TaskMonitor.NONE);
            assertThat(Fixtures.worstCosine(e.values(), torch, FILES.size(), 16)).isGreaterThan(0.9999);
            for (int k = 0; k < torch.length; k++) {
                assertThat((double) e.values()[k]).isCloseTo(torch[k], org.assertj.core.api.Assertions.within(1e-4));
            }
        }
        // the statistics really moved: the first six (unchanged) images embed differently than before adaptation
        assertThat(Fixtures.worstCosine(torch, before, 6, 16)).isLessThan(0.999);
        // a traced network has its batch norm fixed in evaluation mode: nothing moves, and that is said
        try (ModelEmbedder traced = ModelEmbedder.load(DIR.resolve("cnn.pt"), true)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> traced.adaptBatchNorm((start, count, into) ->
                    System.arraycopy(darker, (6 + start) * per, into, 0, count * per), 6, shape, 3, 8,
                    TaskMonitor.NONE)).hasMessageContaining("torch.jit.script");
        }
        try (ModelEmbedder onnx = ModelEmbedder.load(DIR.resolve("cnn.onnx"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> onnx.adaptBatchNorm((s, c, into) -> { }, 6, shape,
                    3, 1, TaskMonitor.NONE)).hasMessageContaining("needs its TorchScript export");
        }
    }

    /** The presets say what they are. */
    @Test
    void presetsAreNamedAndDescribed() {
        assertThat(ImagePreprocessing.preset("ImageNet")).isEqualTo(ImagePreprocessing.IMAGENET);
        assertThat(ImagePreprocessing.IMAGENET.describe()).isEqualTo("resize shorter side to 256, centre crop 224,"
                + " RGB, 0-1, mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225], NCHW");
        assertThat(SMALL.name()).isEqualTo("custom");
        // sized to a model's fixed 56 x 56 input, ImageNet's steps keep their ratio: 256 / 224 x 56 = 64
        assertThat(ImagePreprocessing.IMAGENET.forSide(56)).isEqualTo(SMALL);
        assertThat(ImagePreprocessing.NONE.forSide(56)).isEqualTo(ImagePreprocessing.NONE);
        assertThat(ImagePreprocessing.IMAGENET.shape(new RasterImage(500, 300, 1, new byte[500 * 300])))
                .containsExactly(3, 224, 224);
    }

    /** An .npy of shape (n, ...) flattened (NpyReader reads 2-D only). */
    private static float[] npyFlat(String name, int n, int per) throws Exception {
        return Fixtures.float32(DIR.resolve(name), n * per);
    }
}
