package org.shiftscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aLinkPlantedAtTheTargetIsReplacedNotFollowed() throws Exception {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Path out = dir.resolve("out").resolve("map.csv");
        Files.createDirectories(out.getParent());
        Files.createSymbolicLink(out, victim);
        AtomicFile.writeString(out, "side,row\n");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(out)).isFalse();
        assertThat(Files.readString(out)).isEqualTo("side,row\n");
    }

    @Test
    void temporaryFilesOfAKilledWriterAreCleanedUp() throws Exception {
        Path target = dir.resolve("p.shiftscope.json");
        Path stale = dir.resolve(".p.shiftscope.json.123.tmp");
        Path fresh = dir.resolve(".p.shiftscope.json.456.tmp"); // a writer at work right now
        Path other = dir.resolve(".q.json.789.tmp");
        for (Path p : new Path[] {stale, fresh, other}) {
            Files.writeString(p, "half");
        }
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFile.STALE).minusSeconds(60)));
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(AtomicFile.STALE).minusSeconds(60)));
        AtomicFile.writeString(target, "{}");
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists(); // another file's leftovers are that file's writer's business
        assertThat(Files.readString(target)).isEqualTo("{}");
    }
}
