package org.shiftscope.workflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.embedding.Embeddings;

/** The embedding cache serves what it stored, never a damaged or tampered entry, and never fails a run. */
class EmbeddingCacheTest {

    @TempDir
    Path dir;

    private static Embeddings twoRows(float v) {
        return new Embeddings(2, 2, new float[] {v, 2, 3, 4}, "cpu()");
    }

    @Test
    void aTamperedEntryIsRecomputed() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir);
        AtomicInteger runs = new AtomicInteger();
        Embeddings first = cache.getOrCompute("k", 2, () -> {
            runs.incrementAndGet();
            return twoRows(1);
        });
        Embeddings again = cache.getOrCompute("k", 2, () -> {
            runs.incrementAndGet();
            return twoRows(9);
        });
        assertThat(runs).hasValue(1);
        assertThat(again.values()).containsExactly(first.values());
        assertThat(again.device()).isEqualTo("cpu() (cached)");
        // someone rewrites the stored array: its checksum no longer matches, so the model runs again
        Path npy = dir.resolve("k.npy");
        byte[] bytes = Files.readAllBytes(npy);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(npy, bytes);
        Embeddings recomputed = cache.getOrCompute("k", 2, () -> {
            runs.incrementAndGet();
            return twoRows(5);
        });
        assertThat(runs).hasValue(2);
        assertThat(recomputed.values()[0]).isEqualTo(5f);
        // an entry without its checksum (written by an older version, or half written) is not trusted either
        Files.delete(dir.resolve("k.sha256"));
        assertThat(cache.get("k", 2)).isEmpty();
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsTime() throws Exception {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        EmbeddingCache cache = new EmbeddingCache(file.resolve("embeddings"));
        Embeddings e = cache.getOrCompute("k", 2, () -> twoRows(1));
        assertThat(e.values()[0]).isEqualTo(1f);
    }
}
