package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.app.CliRun.Result;

/** A user's Hugging Face text model on the command line (its numbers: embedding's UserTextModelTest). */
class TextModelCliTest {

    @Test
    void embedAndMapATextColumnWithAUsersModelFolder(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("tiny"));
        Files.copy(Path.of("../modules/embedding/src/test/resources/text/tiny.onnx"), model.resolve("model.onnx"));
        try (InputStream tok = org.shiftscope.embedding.TextEncoder.class
                .getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            Files.copy(tok, model.resolve("tokenizer.json"));
        }
        StringBuilder csv = new StringBuilder("text,side\n");
        String[] words = {"river floods", "spring rain", "quarterly revenue", "stock prices"};
        for (int i = 0; i < 40; i++) {
            csv.append(words[i % 4]).append(" item ").append(i).append(',').append(i < 20 ? "a" : "b").append('\n');
        }
        Path data = dir.resolve("texts.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("t.npy");
        Result embed = run("embed", "--data", data.toString(), "--text", "text", "--text-model", model.toString(),
                "--pooling", "cls", "--out", out.toString(), "--format", "json");
        assertThat(embed.code()).as(embed.err()).isZero();
        assertThat(embed.json().get("dimensions").asInt()).isEqualTo(8);
        assertThat(embed.json().get("model").asText()).endsWith("tiny");
        Result map = run("map", "--data", data.toString(), "--reference-where", "side=a", "--target-where", "side=b",
                "--text", "text", "--text-model", model.toString(), "--clusters", "2", "--no-tests", "--format",
                "json");
        assertThat(map.code()).as(map.err()).isZero();
        assertThat(map.json().get("n_target").asInt()).isEqualTo(20);
        Result bad = run("embed", "--data", data.toString(), "--text", "text", "--text-model", dir.toString(),
                "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("has no tokenizer.json");
        Result pooling = run("embed", "--data", data.toString(), "--text", "text", "--pooling", "max", "--out",
                out.toString());
        assertThat(pooling.code()).isEqualTo(2);
        assertThat(pooling.err()).contains("pooling");
    }
}
