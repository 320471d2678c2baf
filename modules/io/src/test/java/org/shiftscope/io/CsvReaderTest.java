package org.shiftscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.ColumnType;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.StringColumn;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Dataset csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return DataLoader.load(p);
    }

    @Test
    void rfc4180QuotingEmbeddedDelimitersQuotesAndNewlines() throws IOException {
        Dataset d = csv("q.csv", "id,comment\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n");
        assertThat(d.rowCount()).isEqualTo(3);
        StringColumn c = (StringColumn) d.requireColumn("comment");
        assertThat(c.values()).containsExactly("a, b", "say \"hi\"", "two\nlines");
    }

    @Test
    void infersTypesAndMissingValues() throws IOException {
        Dataset d = csv("t.csv", "n,c,b,m\n1.5,x,true,?\n-2,y,FALSE,NA\n3e2,x,true,4\n,z,false,NaN\n");
        NumericColumn n = (NumericColumn) d.requireColumn("n");
        assertThat(n.values()).containsExactly(1.5, -2, 300, Double.NaN);
        assertThat(d.requireColumn("c").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(d.requireColumn("b").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(((StringColumn) d.requireColumn("b")).values()).containsExactly("true", "false", "true", "false");
        // '?', NA and NaN are missing, never read as numbers: the column stays numeric with three gaps.
        assertThat(d.requireColumn("m").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(d.requireColumn("m").missingCount()).isEqualTo(3);
        assertThat(d.requireColumn("n").missingCount()).isEqualTo(1);
    }

    @Test
    void longDistinctStringsAreText() throws IOException {
        StringBuilder sb = new StringBuilder("note\n");
        for (int i = 0; i < 50; i++) {
            sb.append("free text number ").append(i).append('\n');
        }
        assertThat(csv("text.csv", sb.toString()).requireColumn("note").type()).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void headerIsDetectedOrNot() throws IOException {
        assertThat(csv("h.csv", "a,b\n1,2\n").columnNames()).containsExactly("a", "b");
        Dataset noHeader = csv("nh.csv", "1,2\n3,4\n");
        assertThat(noHeader.columnNames()).containsExactly("column_1", "column_2");
        assertThat(noHeader.rowCount()).isEqualTo(2);
    }

    @Test
    void tabsSemicolonsAndGzipAreRecognised() throws IOException {
        assertThat(csv("t.tsv", "a\tb\n1\t2\n").columnNames()).containsExactly("a", "b");
        assertThat(csv("s.csv", "a;b\n1,5;2\n").columnNames()).containsExactly("a", "b");
        Path gz = dir.resolve("g.csv.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(DataLoader.load(gz).rowCount()).isEqualTo(2);
    }

    @Test
    void latin1FileReadsWithExplicitEncoding() {
        Dataset d = DataLoader.load(SharedData.corpus("latin1.csv"),
                LoadOptions.defaults().withEncoding("ISO-8859-1"), org.shiftscope.core.TaskMonitor.NONE);
        assertThat(((StringColumn) d.requireColumn("city")).values()).containsExactly("Zürich", "Bern");
    }

    @Test
    void headerOnlyFileHasNoRows() {
        Dataset d = DataLoader.load(SharedData.corpus("header_only.csv"));
        assertThat(d.rowCount()).isZero();
        assertThat(d.columnNames()).containsExactly("a", "b", "c");
    }

    @Test
    void adultMatchesPublishedCounts() {
        Dataset d = DataLoader.load(SharedData.file("adult.csv"));
        assertThat(d.rowCount()).isEqualTo(32561);
        assertThat(d.columns()).hasSize(15);
        assertThat(d.requireColumn("workclass").missingCount()).isEqualTo(1836);
        assertThat(d.requireColumn("occupation").missingCount()).isEqualTo(1843);
        assertThat(d.requireColumn("native-country").missingCount()).isEqualTo(583);
        assertThat(d.requireColumn("age").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(d.requireColumn("sex").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(d.source().contentHash()).hasSize(64);
    }

    @Test
    void breastCancerWithoutTrailingNewlineKeepsLastRowAndQuestionMarks() {
        Dataset d = DataLoader.load(SharedData.file("breast-cancer-wisconsin.csv"));
        assertThat(d.rowCount()).isEqualTo(699);
        NumericColumn bare = (NumericColumn) d.requireColumn("bare_nuclei");
        assertThat(bare.missingCount()).isEqualTo(16);
        NumericColumn cls = (NumericColumn) d.requireColumn("class");
        assertThat(cls.get(698)).isEqualTo(4.0);
    }
}
