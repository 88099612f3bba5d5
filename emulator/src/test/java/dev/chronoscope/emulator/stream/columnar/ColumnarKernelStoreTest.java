package dev.chronoscope.emulator.stream.columnar;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.codec.StreamFormatException;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnarKernelStoreTest {

    @TempDir
    Path dir;

    /** Kernels on two ranks × two streams; mostly back to back, some long ones that overlap later kernels. */
    private static List<Kernel> randomKernels(Random random, int perTrack) {
        String[] names = {"mlp_up_proj", "attn_decode", "all_reduce", "sampler"};
        List<Kernel> kernels = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            for (int stream = 0; stream < 2; stream++) {
                long t = random.nextInt(1000);
                for (int i = 0; i < perTrack; i++) {
                    t += random.nextInt(50);
                    long duration = random.nextInt(20) == 0 ? 5_000 + random.nextInt(5_000) : random.nextInt(100);
                    Features f = random.nextInt(10) == 0 ? null : Features.of("num_tokens", random.nextInt(4) * 128, "tp", 2);
                    String version = random.nextBoolean() ? "v" + random.nextInt(3) : null;
                    kernels.add(new Kernel(t, t + duration, rank, stream, names[random.nextInt(names.length)], f, version,
                            random.nextInt(7) == 0, random.nextInt(5) - 1));
                }
            }
        }
        return kernels;
    }

    @Test
    void rangeQueriesReturnExactlyTheOverlappingKernels() {
        Random random = new Random(7);
        List<Kernel> kernels = randomKernels(random, 500);
        try (ColumnarKernelSink sink = new ColumnarKernelSink(dir, 7)) {
            kernels.forEach(sink::accept);
            sink.accept(new StreamEvent.Request(0, "ignored", StreamEvent.RequestPhase.ARRIVED, 1));
        }

        try (KernelStore store = KernelStore.open(dir)) {
            assertThat(store.tracks()).extracting(t -> t.rank() + "/" + t.stream()).containsExactly("0/0", "0/1", "1/0", "1/1");
            for (KernelTrack track : store.tracks()) {
                List<Kernel> expectedTrack = kernels.stream().filter(k -> k.rank() == track.rank() && k.stream() == track.stream()).toList();
                assertThat(track.size()).isEqualTo(expectedTrack.size());
                for (int i = 0; i < expectedTrack.size(); i++) assertThat(track.kernel(i)).isEqualTo(expectedTrack.get(i));

                for (int q = 0; q < 300; q++) {
                    long t0 = random.nextInt(30_000) - 500;
                    long t1 = t0 + random.nextInt(q % 3 == 0 ? 20 : 3_000);
                    List<Kernel> expected = expectedTrack.stream().filter(k -> k.time() <= t1 && k.endTime() >= t0).toList();
                    KernelSlices found = track.query(t0, t1);
                    List<Kernel> actual = new ArrayList<>();
                    for (int i = 0; i < found.size(); i++) {
                        assertThat(found.start()[i]).isEqualTo(track.start(found.index()[i]));
                        actual.add(track.kernel(found.index()[i]));
                    }
                    assertThat(actual).as("[%d, %d] on %d/%d", t0, t1, track.rank(), track.stream()).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void queriesOutsideTheTrackAreEmpty() {
        try (ColumnarKernelSink sink = new ColumnarKernelSink(dir, 4)) {
            for (int i = 0; i < 10; i++) sink.accept(new Kernel(100 + 10L * i, 105 + 10L * i, 0, 0, "k", null, null, false, -1));
        }
        try (KernelStore store = KernelStore.open(dir)) {
            KernelTrack track = store.track(0, 0).orElseThrow();
            assertThat(track.query(0, 99).size()).isZero();
            assertThat(track.query(196, 1_000).size()).isZero();
            assertThat(track.query(105, 110).index()).containsExactly(0, 1);
            assertThat(track.firstStartingAfter(150)).isEqualTo(6);
        }
    }

    @Test
    void kernelsOutOfStartOrderOnAStreamAreRejected() {
        try (ColumnarKernelSink sink = new ColumnarKernelSink(dir)) {
            sink.accept(new Kernel(100, 200, 0, 3, "k", null, null, false, -1));
            assertThatThrownBy(() -> sink.accept(new Kernel(50, 60, 0, 3, "k", null, null, false, -1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rank 0 stream 3 starts at 50 ns, before the previous kernel's start 100 ns");
        }
    }

    @Test
    void anUnfinishedStoreLeavesOnlyPartialFiles() throws IOException {
        ColumnarKernelSink sink = new ColumnarKernelSink(dir, 4);
        for (int i = 0; i < 10; i++) sink.accept(new Kernel(i, i + 1, 0, 0, "k", null, null, false, -1));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("rank-0-stream-0.col.partial");
        }
        sink.close();
    }

    @Test
    void aTruncatedColumnFileIsRejectedWithItsOffset() throws IOException {
        try (ColumnarKernelSink sink = new ColumnarKernelSink(dir, 4)) {
            for (int i = 0; i < 10; i++) sink.accept(new Kernel(i, i + 1, 0, 0, "k", null, null, false, -1));
        }
        Path file = dir.resolve("rank-0-stream-0.col");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> KernelStore.open(dir))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("rank-0-stream-0.col: byte offset " + (bytes.length - 5 - 32 + 24))
                .hasMessageContaining("expected end magic");
    }
}
