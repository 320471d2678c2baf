package org.shiftscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.StringColumn;

class ImageAndParquetTest {

    @TempDir
    Path dir;

    private static void write(BufferedImage img, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, format, file.toFile());
    }

    private static BufferedImage solid(int type, int rgb) {
        BufferedImage img = new BufferedImage(6, 3, type);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 6; x++) {
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    // the stored sample itself: setRGB would map sRGB to Java's linear grey (64 -> 13)
                    img.getRaster().setSample(x, y, 0, rgb & 0xFF);
                } else {
                    img.setRGB(x, y, rgb);
                }
            }
        }
        return img;
    }

    @Test
    void imageFolderReadsClassesFromSubfolders() throws IOException {
        write(solid(BufferedImage.TYPE_BYTE_GRAY, 0x404040), "png", dir.resolve("cats/a.png"));
        write(solid(BufferedImage.TYPE_BYTE_GRAY, 0x808080), "png", dir.resolve("cats/b.PNG"));
        write(solid(BufferedImage.TYPE_INT_RGB, 0xFF0000), "png", dir.resolve("dogs/c.png"));
        write(solid(BufferedImage.TYPE_INT_RGB, 0x00FF00), "jpg", dir.resolve("dogs/d.jpg"));
        Files.writeString(dir.resolve("dogs/readme.txt"), "not an image");
        Dataset d = DataLoader.load(dir);
        assertThat(d.rowCount()).isEqualTo(4);
        assertThat(((StringColumn) d.requireColumn("label")).values()).containsExactly("cats", "cats", "dogs", "dogs");
        assertThat(((NumericColumn) d.requireColumn("mean_intensity")).values()[0]).isEqualTo(64.0);
        assertThat(d.images().get(0).channels()).isEqualTo(1);
        assertThat(d.images().get(2).channels()).isEqualTo(3);
        // pure red over 3 channels: (255 + 0 + 0) / 3
        assertThat(((NumericColumn) d.requireColumn("mean_intensity")).values()[2]).isEqualTo(85.0);
        assertThat(((NumericColumn) d.requireColumn("width")).values()).containsOnly(6.0);
    }

    @Test
    void truncatedJpegIsDamagedNotGrey() throws IOException {
        Path ok = dir.resolve("src/x.jpg");
        BufferedImage big = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            big.setRGB(i % 64, i / 64, i * 2654435761L > 0 ? (int) (i * 2654435761L) : i);
        }
        write(big, "jpg", ok);
        byte[] bytes = Files.readAllBytes(ok);
        Path broken = dir.resolve("set/cls/half.jpg");
        Files.createDirectories(broken.getParent());
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> DataLoader.load(dir.resolve("set")))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("cls/half.jpg: damaged");
    }

    @Test
    void emptyImageFolderExplainsTheLayout() {
        assertThatThrownBy(() -> DataLoader.load(dir)).hasMessageContaining("one subfolder per class");
    }

    @Test
    void parquetWrittenByDuckDbReadsBackWithTypes() throws Exception {
        Path file = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES (1, 2.5, 'a', true), (2, NULL, 'b', false), (3, -1.0, NULL, NULL))"
                    + " t(id, x, s, flag)) TO '" + file + "' (FORMAT PARQUET)");
        }
        Dataset d = DataLoader.load(file);
        assertThat(d.rowCount()).isEqualTo(3);
        assertThat(((NumericColumn) d.requireColumn("x")).values()).containsExactly(2.5, Double.NaN, -1.0);
        assertThat(d.requireColumn("s").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(d.requireColumn("s").missingCount()).isEqualTo(1);
        assertThat(d.requireColumn("flag").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(d.source().format()).isEqualTo("parquet");
    }

    @Test
    void aFileNameIsNeverAPattern() throws Exception {
        // d[1].parquet must read itself, not d1.parquet (which a glob would match)
        Path one = dir.resolve("d1.parquet");
        Path bracket = dir.resolve("d[1].parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1 AS which) TO '" + one + "' (FORMAT PARQUET)");
            st.execute("COPY (SELECT 2 AS which, 3 AS other) TO '" + dir.resolve("tmp.parquet") + "' (FORMAT PARQUET)");
        }
        java.nio.file.Files.move(dir.resolve("tmp.parquet"), bracket);
        Dataset d = DataLoader.load(bracket);
        assertThat(d.columnNames()).containsExactly("which", "other");
        assertThat(((NumericColumn) d.requireColumn("which")).values()).containsExactly(2.0);
        // and the temporary link is gone
        try (var left = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("shiftscope-read")).count()).isZero();
        }
    }

    @Test
    void truncatedParquetIsReported() throws Exception {
        Path file = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT range AS i FROM range(1000)) TO '" + file + "' (FORMAT PARQUET)");
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        assertThatThrownBy(() -> DataLoader.load(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("t.parquet: not a readable Parquet file");
    }
}
