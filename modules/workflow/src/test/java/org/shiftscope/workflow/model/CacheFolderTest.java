package org.shiftscope.workflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache folder's size is its files' bytes; clearing frees exactly those and keeps the folder. */
class CacheFolderTest {

    @TempDir
    Path dir;

    @Test
    void sizeCountsEveryFileAndClearLeavesAnEmptyFolder() throws Exception {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache.resolve("ab"));
        Files.write(cache.resolve("ab").resolve("k1.npy"), new byte[1000]);
        Files.write(cache.resolve("k2.device"), new byte[23]);
        assertThat(CacheFolder.size(cache)).isEqualTo(1023);
        assertThat(CacheFolder.clear(cache)).isEqualTo(1023);
        assertThat(cache).isDirectory().isEmptyDirectory();
        assertThat(CacheFolder.size(dir.resolve("none"))).isZero();
        assertThat(CacheFolder.clear(dir.resolve("none"))).isZero();
    }
}
