package org.shiftscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;

/** Every file in the malformed corpus fails with a message naming the file, the place and the reason. */
class MalformedInputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.csv                         | empty.csv: the file is empty",
        "blank_lines.csv                   | blank_lines.csv: the file has no rows",
        "ragged.csv                        | ragged.csv, line 3: expected 3 fields (as on line 1), found 2",
        "unclosed_quote.csv                | unclosed_quote.csv, line 2, field 2: a quoted field opened here is never closed",
        "after_quote.csv                   | after_quote.csv, line 2, field 2: unexpected character 'y' after the closing quote",
        "latin1.csv                        | latin1.csv, line 2, byte 13: bytes that are not valid in the file's encoding",
        "binary.csv                        | binary.csv, byte 0: contains a NUL byte",
        "truncated.npy                     | truncated.npy: truncated: the header promises shape (3, 2) (24 bytes of data) but the file holds only 19",
        "three_d.npy                       | three_d.npy: array of shape (2, 2, 2) has 3 dimensions",
        "complex.npy                       | complex.npy: the .npy header is not understood",
        "bad_magic.npy                     | bad_magic.npy: not a NumPy .npy file",
        "truncated-images-idx3-ubyte       | truncated-images-idx3-ubyte: truncated",
        "truncatedgz-images-idx3-ubyte.gz  | truncatedgz-images-idx3-ubyte.gz: truncated",
        "mismatch-images-idx3-ubyte        | mismatch-labels-idx1-ubyte: holds 2 labels, but mismatch-images-idx3-ubyte holds 3 images",
        "not_parquet.parquet               | not_parquet.parquet: not a Parquet file",
        "truncated.png                     | truncated.png: a single image; open the folder",
    })
    void corpusFileGivesClearMessage(String file, String expected) {
        assertThatThrownBy(() -> DataLoader.load(SharedData.corpus(file)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void hugeFieldIsRejectedWithoutReadingItAll() {
        Path p = SharedData.corpus("huge_field.csv");
        LoadOptions small = LoadOptions.defaults().withMaxFieldChars(1000);
        assertThatThrownBy(() -> DataLoader.load(p, small, TaskMonitor.NONE))
                .isInstanceOf(DataException.class)
                .hasMessage("huge_field.csv, line 2, field 2: a field is longer than 1000 characters"
                        + " (a huge line, or an unbalanced quote)");
    }

    @Test
    void hugeLineWithDefaultLimitIsRejected(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("huge.csv");
        Files.writeString(p, "a\n" + "y".repeat((1 << 20) + 10) + "\n");
        assertThatThrownBy(() -> DataLoader.load(p)).hasMessageStartingWith("huge.csv, line 2, field 1: a field is longer");
    }

    @Test
    void truncatedPngInAnImageFolderNamesTheImage(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cls"));
        Files.copy(SharedData.corpus("truncated.png"), dir.resolve("cls/broken.png"));
        assertThatThrownBy(() -> DataLoader.load(dir))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("cls/broken.png: damaged or truncated image");
    }

    @Test
    void unknownEncodingNameIsReported() {
        assertThatThrownBy(() -> DataLoader.load(SharedData.corpus("latin1.csv"),
                LoadOptions.defaults().withEncoding("klingon-8"), TaskMonitor.NONE))
                .hasMessage("latin1.csv: unknown encoding 'klingon-8'");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> DataLoader.load(Path.of("no-such-file.csv")))
                .hasMessageStartingWith("no-such-file.csv: no such file");
    }

    @Test
    void messagesNeverCarryJavaExceptionNames() {
        for (String f : new String[] {"truncated.npy", "truncatedgz-images-idx3-ubyte.gz", "binary.csv"}) {
            try {
                DataLoader.load(SharedData.corpus(f));
            } catch (DataException e) {
                assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("java.");
            }
        }
    }
}
