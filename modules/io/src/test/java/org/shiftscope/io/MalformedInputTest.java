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

    /** A .npy file: the version-1 header for {@code shape} (float64, C order), then {@code data}. */
    private static byte[] npy(String shape, byte[] data) {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        header = header + " ".repeat(63 - (header.length() + 10) % 64) + "\n";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.writeBytes(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a 176-byte file declaring 10^10 values is refused from its header, before anything is allocated
        "(100000, 100000) | 64 | x.npy: array of shape (100000, 100000) is too large to load",
        "(40000, 20000)   | 64 | x.npy: truncated: the header promises shape (40000, 20000) (6400000000 bytes of data)"
            + " but the file holds only 64 bytes of data",
        "(-3, 2)          | 48 | x.npy: the .npy header's shape (-3, 2) has a negative size; the file is damaged",
        "('three', 2)     | 48 | x.npy: the .npy header's shape ('three', 2) is not a list of sizes; the file is"
            + " damaged",
        // more data than the shape declares is not silently accepted
        "(2, 2)           | 48 | x.npy: holds 16 bytes more than its shape (2, 2) declares (32 bytes of data); the"
            + " file is damaged or its header is wrong",
    })
    void anNpyHeaderIsCheckedAgainstTheFileBeforeAllocating(String shape, int bytes, String expected,
                                                            @TempDir Path dir) throws IOException {
        Path p = dir.resolve("x.npy");
        Files.write(p, npy(shape, new byte[bytes]));
        assertThatThrownBy(() -> DataLoader.load(p)).isInstanceOf(DataException.class).hasMessage(expected);
    }

    @Test
    void anIdxHeaderDeclaringBillionsIsRefusedBeforeAllocating(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("big-labels-idx1-ubyte");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(72);
        b.putInt(0x00000801).putInt(Integer.MAX_VALUE);
        Files.write(p, b.array());
        assertThatThrownBy(() -> DataLoader.load(p)).isInstanceOf(DataException.class)
                .hasMessage("big-labels-idx1-ubyte: truncated: the header declares 2147483647 values (2147483647 bytes)"
                        + " but the file holds only 64 bytes after its header");
    }

    @Test
    void aLineWithMillionsOfFieldsIsRefused(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("wide.csv");
        Files.writeString(p, "1,".repeat(2_000_000) + "1\n");
        assertThatThrownBy(() -> DataLoader.load(p)).isInstanceOf(DataException.class)
                .hasMessage("wide.csv, line 1: a line has more than 100000 fields; is the delimiter right, or is this"
                        + " not a table?");
    }

    @Test
    void aDecompressionBombIsStopped(@TempDir Path dir) throws IOException {
        // 96 MB of one repeated line gzip to about 100 kB: real tables never compress that well
        Path p = dir.resolve("bomb.csv.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("a\n".getBytes());
            byte[] block = "0\n".repeat(1 << 19).getBytes();
            for (int i = 0; i < 96; i++) {
                out.write(block);
            }
        }
        assertThat(Files.size(p)).isLessThan(1 << 20);
        assertThatThrownBy(() -> DataLoader.load(p)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("bomb.csv.gz: inflates to more than 250 times its compressed size");
    }

    @Test
    void aPipeIsRefusedAtOnceInsteadOfWaitingForever(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available here");
        assertThatThrownBy(() -> DataLoader.load(fifo)).isInstanceOf(DataException.class)
                .hasMessage("pipe.csv: not a regular file (a pipe, device or socket); save the data to a file first");
    }
}
