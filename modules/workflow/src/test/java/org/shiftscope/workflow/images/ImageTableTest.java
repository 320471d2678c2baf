package org.shiftscope.workflow.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.Column;
import org.shiftscope.core.ImageFiles;
import org.shiftscope.core.ImagePreprocessing;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.adapt.AdaptRequest;
import org.shiftscope.workflow.adapt.AdaptationRun;
import org.shiftscope.workflow.adapt.AdaptationRunner;
import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.map.SubpopulationMap;
import org.shiftscope.workflow.data.DataAnalysis;
import org.shiftscope.workflow.data.DataResult;

/**
 * The practitioner's path on a Waterbirds-shaped set ({@link WaterbirdsLike}: metadata.csv with file, label,
 * background, split; PNG and JPEG images of mixed sizes): the table opens with its images, a user's CNN maps them
 * through ImageNet-style preprocessing, and GroupDRO by background improves the worst group.
 */
class ImageTableTest {

    @TempDir
    static Path dir;
    private static Path table;
    private static final Path CNN = Path.of("../embedding/src/test/resources/preprocess/cnn.onnx");

    @BeforeAll
    static void write() throws Exception {
        table = WaterbirdsLike.write(dir, 200, 0.95, 7);
    }

    private static SplitDefinition definition() {
        return new SplitDefinition(new SplitSource.FilteredFile(table, "split=train", "split=test"), List.of(),
                MissingPolicy.DROP, null, new SplitDefinition.ImageColumn("file", null));
    }

    @Test
    void theTableOpensWithItsImagesOnDiskAndMissingOnesAreCountedByPath() throws Exception {
        SplitBuilder.Sides sides = new SplitBuilder(new DatasetCatalog()).sides(definition(), TaskMonitor.NONE);
        assertThat(sides.reference().rowCount()).isEqualTo(200);
        assertThat(sides.reference().images()).isInstanceOf(ImageFiles.class).hasSize(200);
        assertThat(sides.notes()).isEmpty();
        // the path column is not a feature; the split's default columns are the metadata
        Split s = new SplitBuilder(new DatasetCatalog()).build(definition(), sides);
        assertThat(s.columns()).containsExactly("label", "background");
        // mixed sizes decode on demand
        assertThat(sides.reference().images().get(0).width()).isBetween(40, 90);

        // a copy of the set with one image deleted and one cut short: 399 rows, both named
        Path other = dir.resolve("damaged");
        Path copy = WaterbirdsLike.write(other, 200, 0.95, 7);
        Files.delete(other.resolve("images/train_0001.png"));
        Files.write(other.resolve("images/train_0002.png"), new byte[] {1, 2, 3});
        SplitBuilder.Sides damaged = new SplitBuilder(new DatasetCatalog()).sides(new SplitDefinition(
                new SplitSource.FilteredFile(copy, "split=train", "split=test"), List.of(), MissingPolicy.DROP, null,
                new SplitDefinition.ImageColumn("file", null)), TaskMonitor.NONE);
        assertThat(damaged.reference().rowCount()).isEqualTo(198);
        assertThat(damaged.notes()).hasSize(1);
        assertThat(damaged.notes().get(0)).contains("metadata.csv: 2 row(s) left out for a missing or unreadable"
                + " image").contains("images/train_0001.png: no such file").contains("images/train_0002.png: ");
        // the Data view's use case shows the same
        DataResult d = DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), definition(), TaskMonitor.NONE);
        assertThat(d.split().reference().hasImages()).isTrue();
    }

    @Test
    void aUsersCnnMapsTheImagesAndTheClustersFollowTheBackground() throws Exception {
        DataResult d = DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), definition(), TaskMonitor.NONE);
        ImagePreprocessing small = new ImagePreprocessing(64, false, 56, 3, false, false, false,
                ImagePreprocessing.IMAGENET.mean(), ImagePreprocessing.IMAGENET.std());
        MapSettings m = new MapSettings(MapSettings.Source.MODEL, CNN, null,
                org.shiftscope.projection.Projector.Method.PCA, MapAnalysis.Clustering.kmeans(2),
                org.shiftscope.workflow.TransportAnalysis.Standardize.ZSCORE, 0, small);
        SubpopulationMap.Mapped mapped = SubpopulationMap.run(d, m, TaskMonitor.NONE);
        MapAnalysis.Result r = mapped.result();
        assertThat(r.reference()).hasSize(2 * 200);
        // each cluster is (nearly) one background: purity over both sides
        // the embedded split holds the same rows as the data split, in order (no values missing here)
        assertThat(mapped.split().reference().rowCount()).isEqualTo(d.split().reference().rowCount());
        Column refBg = d.split().reference().requireColumn("background");
        Column tgtBg = d.split().target().requireColumn("background");
        Map<Integer, int[]> perCluster = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            perCluster.computeIfAbsent(r.referenceCluster()[i], k -> new int[2])[refBg.text(i).equals("water")
                    ? 0 : 1]++;
            perCluster.computeIfAbsent(r.targetCluster()[i], k -> new int[2])[tgtBg.text(i).equals("water")
                    ? 0 : 1]++;
        }
        int pure = perCluster.values().stream().mapToInt(c -> Math.max(c[0], c[1])).sum();
        assertThat((double) pure / 400).isGreaterThan(0.95);
    }

    @Test
    void groupDroByBackgroundImprovesTheWorstGroup() {
        Split s = new SplitBuilder(new DatasetCatalog()).build(definition(), TaskMonitor.NONE);
        AdaptationRun dro = AdaptationRunner.run(s, AdaptRequest.of("group-dro", 0.5, "label", "background", 0, 8,
                100, 2, null), null, TaskMonitor.NONE);
        double before = dro.before().worstGroup().value();
        double after = dro.after().worstGroup().value();
        // the ERM model leans on the background (95 % agreement in train): its worst test group is a
        // label x background minority; GroupDRO's (0.84 -> 0.93 when written)
        assertThat(after).isGreaterThan(before + 0.03);
    }

    @Test
    void theDataViewComparesImageBrightnessContrastSizeAndColour(@TempDir Path tmp) throws Exception {
        // reference: uniform grey 153 (0.6) images; target: grey 77 (0.302); same sizes on both sides (40 or 60 wide)
        Files.createDirectories(tmp.resolve("img"));
        StringBuilder csv = new StringBuilder("file,side\n");
        for (int i = 0; i < 80; i++) {
            boolean target = i >= 40;
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(i % 2 == 0 ? 40 : 60, 30,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            int v = target ? 77 : 153;
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, v * 0x010101);
                }
            }
            javax.imageio.ImageIO.write(img, "png", tmp.resolve("img/" + i + ".png").toFile());
            csv.append("img/").append(i).append(".png,").append(target ? "t" : "r").append('\n');
        }
        Path meta = tmp.resolve("meta.csv");
        Files.writeString(meta, csv);
        DataResult d = DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), new SplitDefinition(
                new SplitSource.FilteredFile(meta, "side=r", "side=t"), List.of(), MissingPolicy.DROP, null,
                new SplitDefinition.ImageColumn("file", null)), TaskMonitor.NONE);
        Map<String, org.shiftscope.analysis.ColumnDrift> drift = new TreeMap<>();
        d.drift().forEach(x -> drift.put(x.column(), x));
        assertThat(drift.keySet()).containsAll(org.shiftscope.workflow.data.ImageStatistics.COLUMNS);
        assertThat(drift.get("image brightness").drift()).isTrue();
        assertThat(drift.get("image width").drift()).isFalse();
        assertThat(drift.get("image height").drift()).isFalse();
        assertThat(d.comparisons()).extracting(c -> c.column()).contains("image brightness", "image blue");
        // a uniform image: brightness is its grey level / 255, contrast 0
        org.shiftscope.core.Dataset stats = org.shiftscope.workflow.data.ImageStatistics.of(d.split().reference(),
                TaskMonitor.NONE);
        assertThat(((org.shiftscope.core.NumericColumn) stats.requireColumn("image brightness")).get(0))
                .isCloseTo(153 / 255.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(((org.shiftscope.core.NumericColumn) stats.requireColumn("image contrast")).get(0))
                .isCloseTo(0, org.assertj.core.api.Assertions.within(1e-9));
    }
}
