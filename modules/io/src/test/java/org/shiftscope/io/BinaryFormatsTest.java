package org.shiftscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.StringColumn;

/** .npy and IDX files against the values make_corpus.py wrote into them. */
class BinaryFormatsTest {

    private static double[] col(Dataset d, String name) {
        return ((NumericColumn) d.requireColumn(name)).values();
    }

    @Test
    void float32NpyBecomesDimensionColumns() {
        Dataset d = DataLoader.load(SharedData.corpus("emb_f32.npy"));
        assertThat(d.columnNames()).containsExactly("dim_0", "dim_1");
        assertThat(col(d, "dim_0")).containsExactly(1.5, 0.25, 3.0);
        assertThat(col(d, "dim_1")[2]).isEqualTo((double) 1e-3f);
    }

    @Test
    void bigEndianFloat64AndIntegerArrays() {
        assertThat(col(DataLoader.load(SharedData.corpus("emb_f64_be.npy")), "dim_2")).containsExactly(3.0, 6.0);
        assertThat(col(DataLoader.load(SharedData.corpus("labels_i64.npy")), "value")).containsExactly(3, -1, 7, 0);
        assertThat(col(DataLoader.load(SharedData.corpus("u8.npy")), "dim_1")).containsExactly(255, 1);
    }

    @Test
    void fortranOrderNpyReadsColumnAfterColumn() {
        // np.asfortranarray(np.arange(6).reshape(2, 3)): rows (0, 1, 2) and (3, 4, 5), stored 0, 3, 1, 4, 2, 5
        Dataset d = DataLoader.load(SharedData.corpus("fortran.npy"));
        assertThat(d.columnNames()).containsExactly("dim_0", "dim_1", "dim_2");
        assertThat(col(d, "dim_0")).containsExactly(0, 3);
        assertThat(col(d, "dim_1")).containsExactly(1, 4);
        assertThat(col(d, "dim_2")).containsExactly(2, 5);
    }

    @Test
    void npyWriterRoundTrips(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.npy");
        NpyWriter.write(f, 2, 3, new double[] {1, 2, 3, 4.5, -5, 6e-9});
        Dataset d = DataLoader.load(f);
        assertThat(d.columnNames()).containsExactly("dim_0", "dim_1", "dim_2");
        assertThat(col(d, "dim_2")).containsExactly(3, 6e-9);
        // the header is padded so that the data starts on a 64-byte boundary, as NumPy writes it
        assertThat((Files.size(f) - 48) % 64).isZero();
    }

    @Test
    void idxImagesPairWithTheirLabels() {
        for (String name : new String[] {"tiny-images-idx3-ubyte", "tinygz-images-idx3-ubyte.gz"}) {
            Dataset d = DataLoader.load(SharedData.corpus(name));
            assertThat(d.rowCount()).isEqualTo(3);
            assertThat(d.hasImages()).isTrue();
            RasterImage second = d.images().get(1);
            assertThat(second.width()).isEqualTo(5);
            assertThat(second.height()).isEqualTo(4);
            assertThat(second.pixels()[0] & 0xFF).isEqualTo(20); // np.arange: image 1 starts at 4*5
            assertThat(((StringColumn) d.requireColumn("label")).values()).containsExactly("7", "2", "7");
            // mean of 0..19 is 9.5
            assertThat(col(d, "mean_intensity")[0]).isEqualTo(9.5);
        }
    }

    @Test
    void fashionMnistWhenInstalled() {
        Path f = SharedData.fashionMnist("t10k-images-idx3-ubyte.gz");
        Dataset d = DataLoader.load(f);
        assertThat(d.rowCount()).isEqualTo(10_000);
        assertThat(d.images().get(0).width()).isEqualTo(28);
        StringColumn labels = (StringColumn) d.requireColumn("label");
        assertThat(labels.type()).isEqualTo(ColumnType.CATEGORICAL);
        long nines = java.util.Arrays.stream(labels.values()).filter("9"::equals).count();
        assertThat(nines).isEqualTo(1000); // the test split is balanced: 1,000 per class
    }
}
