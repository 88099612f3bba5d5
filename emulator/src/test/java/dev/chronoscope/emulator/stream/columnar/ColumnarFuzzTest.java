package dev.chronoscope.emulator.stream.columnar;

import dev.chronoscope.emulator.stream.codec.StreamFormatException;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Corrupted column files and dictionaries are rejected with the format exception, never another one. */
class ColumnarFuzzTest {

    @TempDir
    Path dir;

    @Test
    void mutatedStoresOnlyEverRaiseTheFormatException() throws IOException {
        try (ColumnarKernelSink sink = new ColumnarKernelSink(dir, 5)) {
            for (int i = 0; i < 23; i++) sink.accept(new Kernel(10L * i, 10L * i + 7, 0, 0, "k" + (i % 3), null, "v" + (i % 2), false, -1));
        }
        Path col = dir.resolve("rank-0-stream-0.col");
        Path dictionary = dir.resolve(KernelDictionary.FILE_NAME);
        byte[] validCol = Files.readAllBytes(col);
        byte[] validDictionary = Files.readAllBytes(dictionary);
        Random random = new Random(11);
        int rejected = 0;
        for (int round = 0; round < 600; round++) {
            boolean mutateColumns = random.nextInt(4) != 0;
            byte[] b = (mutateColumns ? validCol : validDictionary).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                if (b.length > 0 && random.nextInt(6) == 0) b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
                if (b.length > 0) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            Files.write(mutateColumns ? col : dictionary, b);
            Files.write(mutateColumns ? dictionary : col, mutateColumns ? validDictionary : validCol);
            try (KernelStore store = KernelStore.open(dir)) {
                for (KernelTrack t : store.tracks()) {
                    t.query(Long.MIN_VALUE, Long.MAX_VALUE);
                    t.query(30, 60);
                    for (long i = 0; i < t.size(); i++) t.kernel(i);
                }
            } catch (StreamFormatException expected) {
                rejected++;
            } catch (RuntimeException unexpected) {
                throw new AssertionError("round " + round + ": " + unexpected, unexpected);
            }
        }
        assertThat(rejected).isGreaterThan(150);
    }
}
