package org.shiftscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;

/**
 * JSON Lines, JSON arrays, .npz, float16 .npy, Excel and folders of Parquet parts open as tables (corpus written by
 * make_corpus.py with numpy and openpyxl); formats we do not read are named, with how to convert them.
 */
class EverydayFormatsTest {

    @TempDir
    Path dir;

    /** The four rows make_corpus.py writes in every format: id 1..4, score 0.5, missing, -1.25, 1000. */
    private static void assertTheFourRows(Dataset d) {
        assertThat(d.rowCount()).isEqualTo(4);
        assertThat(((NumericColumn) d.requireColumn("id")).values()).containsExactly(1, 2, 3, 4);
        assertThat(((NumericColumn) d.requireColumn("score")).values()).containsExactly(0.5, Double.NaN, -1.25, 1000);
        assertThat(d.requireColumn("group").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(d.requireColumn("group").text(3)).isEqualTo("c");
        assertThat(d.requireColumn("ok").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(d.requireColumn("ok").text(0)).isEqualTo("true");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"table.jsonl", "table_array.json", "table.jsonl.gz"})
    void jsonLinesAndJsonArraysOpenAsTables(String file) {
        Dataset d = DataLoader.load(SharedData.corpus(file));
        assertTheFourRows(d);
        assertThat(d.source().format()).isEqualTo("json");
        assertThat(d.source().contentHash()).hasSize(64);
    }

    @Test
    void nestedJsonValuesArriveAsTheirText() {
        Dataset d = DataLoader.load(SharedData.corpus("nested.jsonl"));
        assertThat(d.rowCount()).isEqualTo(2);
        assertThat(d.requireColumn("meta").text(0)).contains("camera").contains("A");
        assertThat(d.requireColumn("tags").text(0)).contains("x").contains("y");
    }

    @Test
    void excelFirstSheetOpensWithStoredValues() {
        Dataset d = DataLoader.load(SharedData.corpus("table.xlsx"));
        // four rows, the empty row skipped, and a fifth whose formula has no stored result (missing)
        assertThat(d.rowCount()).isEqualTo(5);
        Dataset four = d.selectRows(new int[] {0, 1, 2, 3});
        assertTheFourRows(four);
        assertThat(((NumericColumn) d.requireColumn("score")).values()[4]).isNaN();
        assertThat(d.source().format()).isEqualTo("xlsx");
    }

    @Test
    void npzArraysBecomeColumnsSideBySide() {
        Dataset d = DataLoader.load(SharedData.corpus("table.npz"));
        assertThat(d.columnNames()).containsExactly("X_0", "X_1", "y");
        assertThat(((NumericColumn) d.requireColumn("X_1")).values()).containsExactly(2, 4, 6);
        assertThat(((NumericColumn) d.requireColumn("y")).values()).containsExactly(0, 1, 1);
        // one 2-D array alone reads as its .npy would
        Dataset single = DataLoader.load(SharedData.corpus("single.npz"));
        assertThat(single.columnNames()).containsExactly("dim_0", "dim_1");
        assertThat(((NumericColumn) single.requireColumn("dim_1")).values()).containsExactly(-2.0, 4.0);
    }

    @Test
    void float16NpyReadsAtHalfPrecision() {
        Dataset d = DataLoader.load(SharedData.corpus("emb_f16.npy"));
        // the nearest half-precision values: 0.5, -2, 65504 (the largest half) and 1e-3 -> 0.0010004043579101562
        assertThat(((NumericColumn) d.requireColumn("dim_0")).values()).containsExactly(0.5, 65504.0);
        assertThat(((NumericColumn) d.requireColumn("dim_1")).values()).containsExactly(-2.0, 0.0010004043579101562);
    }

    @Test
    void aFolderOfParquetPartsIsOneTable() throws Exception {
        // a Hugging Face dataset's layout: data/train-0000N-of-00002.parquet, the second part with an extra column
        Path data = Files.createDirectories(dir.resolve("civil").resolve("data"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES ('good', 0), ('bad', 1)) t(text, label)) TO '"
                    + data.resolve("train-00000-of-00002.parquet") + "' (FORMAT PARQUET)");
            st.execute("COPY (SELECT * FROM (VALUES ('fine', 0, 'x')) t(text, label, extra)) TO '"
                    + data.resolve("train-00001-of-00002.parquet") + "' (FORMAT PARQUET)");
        }
        Files.writeString(dir.resolve("civil").resolve("README.md"), "a dataset card\n");
        Dataset d = DataLoader.load(dir.resolve("civil"));
        assertThat(d.rowCount()).isEqualTo(3);
        assertThat(d.requireColumn("text").text(2)).isEqualTo("fine");
        assertThat(((NumericColumn) d.requireColumn("label")).values()).containsExactly(0, 1, 0);
        assertThat(d.requireColumn("extra").missingCount()).isEqualTo(2);
        assertThat(d.source().format()).isEqualTo("parquet-folder");
        // the hash covers every part: changing one changes it
        String before = d.source().contentHash();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES ('fine', 1, 'x')) t(text, label, extra)) TO '"
                    + data.resolve("train-00001-of-00002.parquet") + "' (FORMAT PARQUET)");
        }
        assertThat(DataLoader.load(dir.resolve("civil")).source().contentHash()).isNotEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "data.pkl      | data.pkl: a Python pickle: it is never opened, since loading a pickle runs code from it",
        "data.h5       | data.h5: an HDF5 file; convert it to Parquet or CSV",
        "data.feather  | data.feather: an Arrow / Feather file; convert it to Parquet or CSV",
        "old.xls       | old.xls: an old Excel .xls (or other OLE) file; save it as .xlsx or CSV",
        "archive.zip   | archive.zip: a zip archive; unpack it",
        "mystery.bin   | mystery.bin: a binary file of a format ShiftScope does not read",
        "mismatch.npz  | mismatch.npz: array 'y' has shape (2,) but 'X' has (3, 2); every array must have the same",
        "broken.jsonl  | broken.jsonl: not a readable JSON / JSON Lines file",
    })
    void formatsWeDoNotReadAreNamedNeverSentToTheCsvReader(String file, String expected) {
        assertThatThrownBy(() -> DataLoader.load(SharedData.corpus(file)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void aHuggingFaceSaveToDiskFolderIsExplained() throws Exception {
        Path ds = Files.createDirectories(dir.resolve("hf"));
        Files.write(ds.resolve("data-00000-of-00001.arrow"), new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, 1, 2, 3});
        Files.writeString(ds.resolve("dataset_info.json"), "{}");
        assertThatThrownBy(() -> DataLoader.load(ds))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("save_to_disk").hasMessageContaining("to_parquet");
    }
}
