package dev.chronoscope.emulator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chronoscope.emulator.gpu.Communicator;
import dev.chronoscope.emulator.gpu.CudaOutOfMemoryException;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualEvent;
import dev.chronoscope.emulator.gpu.VirtualGraph;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.session.RecordedEmulation;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import dev.chronoscope.emulator.stream.event.StreamEvent.RunEnd;
import dev.chronoscope.emulator.stream.event.StreamEvent.TimeJump;
import dev.chronoscope.emulator.stream.sink.InMemorySink;
import dev.chronoscope.emulator.time.DeadlockException;
import dev.chronoscope.emulator.time.EmulatedThreadFailedException;
import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.ThreadSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Virtual-GPU semantics checked with host threads as real emulated threads under the emulator's
 * scheduler (the gpu package's own tests drive the devices from a test clock). Launch latency
 * L = 4 µs; kernels last num_tokens × 20 ns (attn_pre_proj), × 30 ns (attn_kv_cache_save),
 * × 40 ns (mlp_up_proj), × 10 ns (anything else).
 */
class GpuSemanticsUnderTheSchedulerTest {
    private static final Duration REAL_LIMIT = Duration.ofSeconds(20);
    private static final long GIB = 1L << 30;

    private final InMemorySink sink = new InMemorySink();

    private RecordedEmulation twoH100s(String runId) {
        return RecordedEmulation.builder(runId)
                .devices(DeviceCatalog.standard().get("h100-sxm"), 2)
                .predictor(new TokenRatePredictor())
                .launchLatencyNanos(4_000)
                .sink(sink)
                .build();
    }

    @Test
    void anEventHandedToAnotherThreadOrdersItsStreamBehindTheRecordedWork() throws Exception {
        AtomicLong elapsed = new AtomicLong();
        try (RecordedEmulation run = twoH100s("event-order")) {
            Emulation emulation = run.emulation();
            VirtualDevice gpu = run.cluster().device(0);
            VirtualStream producerStream = gpu.createStream("producer");
            VirtualStream consumerStream = gpu.createStream("consumer");
            BlockingQueue<VirtualEvent> handOff = new LinkedBlockingQueue<>();
            emulation.start("producer", () -> {
                VirtualEvent written = gpu.createEvent();
                gpu.launch(producerStream, "mlp_up_proj", Features.of("num_tokens", 1_000));   // [4,000, 44,000]
                gpu.record(written, producerStream);                                           // completes at 44,000
                handOff.add(written);
            });
            emulation.start("consumer", () -> {
                try {
                    VirtualEvent written = handOff.take();                                     // at 0
                    emulation.charge(1_000);
                    gpu.launch(consumerStream, "attn_pre_proj", Features.of("num_tokens", 1_000)); // not ordered: [5,000, 25,000]
                    gpu.waitEvent(consumerStream, written);
                    gpu.launch(consumerStream, "attn_kv_cache_save", Features.of("num_tokens", 1_000)); // after the event: [44,000, 74,000]
                    VirtualEvent saved = gpu.createEvent();
                    gpu.record(saved, consumerStream);                                         // completes at 74,000
                    gpu.synchronize(written);                                                  // jump 1,000 -> 44,000
                    assertThat(gpu.isComplete(consumerStream)).isFalse();
                    gpu.synchronize(consumerStream);                                           // jump 44,000 -> 74,000
                    elapsed.set(gpu.elapsedNanos(written, saved));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(run.run(REAL_LIMIT)).isEqualTo(74_000);
        }

        assertThat(kernels()).containsExactly(
                "rank 0 stream 1 mlp_up_proj [4000, 44000]",
                "rank 0 stream 2 attn_pre_proj [5000, 25000]",
                "rank 0 stream 2 attn_kv_cache_save [44000, 74000]");
        assertThat(jumps()).containsExactly(
                "consumer rank 0 event_sync 1000 -> 44000",
                "consumer rank 0 stream_sync 44000 -> 74000");
        assertThat(elapsed).hasValue(30_000);
    }

    @Test
    void aGraphReplayLastsTheSumOfItsKernelsPlusOneLaunchLatency() throws Exception {
        try (RecordedEmulation run = twoH100s("graph")) {
            Emulation emulation = run.emulation();
            VirtualDevice gpu = run.cluster().device(1);
            emulation.start("decode", () -> {
                try {
                    VirtualStream stream = gpu.createStream("decode");
                    gpu.beginCapture(stream);
                    // 1, 2, 3, 4 and 5 µs: 15 µs of kernels.
                    for (int tokens = 100; tokens <= 500; tokens += 100) gpu.launch(stream, "add", Features.of("num_tokens", tokens));
                    VirtualGraph graph = gpu.endCapture(stream);
                    emulation.charge(10_000);
                    gpu.launchGraph(graph, stream);     // 10,000 + L = 14,000 .. 14,000 + 15,000
                    gpu.synchronize(stream);
                    gpu.launchGraph(graph, stream);     // 29,000 + L = 33,000 .. 48,000
                    gpu.synchronize(stream);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(run.run(REAL_LIMIT)).isEqualTo(48_000);
        }

        List<Kernel> replayed = sink.events().stream().filter(Kernel.class::isInstance).map(Kernel.class::cast).toList();
        assertThat(replayed).hasSize(10).allSatisfy(k -> assertThat(k.graphId()).isNotEqualTo(Kernel.NO_GRAPH));
        assertThat(kernels()).containsExactly(
                "rank 1 stream 1 add [14000, 15000]", "rank 1 stream 1 add [15000, 17000]", "rank 1 stream 1 add [17000, 20000]",
                "rank 1 stream 1 add [20000, 24000]", "rank 1 stream 1 add [24000, 29000]",
                "rank 1 stream 1 add [33000, 34000]", "rank 1 stream 1 add [34000, 36000]", "rank 1 stream 1 add [36000, 39000]",
                "rank 1 stream 1 add [39000, 43000]", "rank 1 stream 1 add [43000, 48000]");
        // Each replay: from the host's launch to the stream's completion = 15 µs of kernels + L.
        assertThat(jumps()).containsExactly(
                "decode rank 1 stream_sync 10000 -> 29000",
                "decode rank 1 stream_sync 29000 -> 48000");
    }

    @Test
    void aCaughtOutOfMemoryChangesNothingAndAnUncaughtOneEndsTheRunWithItsMessage() throws Exception {
        AtomicLong inUseAfterCaughtOom = new AtomicLong();
        try (RecordedEmulation run = twoH100s("oom")) {
            Emulation emulation = run.emulation();
            VirtualDevice gpu = run.cluster().device(1);
            emulation.start("loader", () -> {
                try {
                    emulation.charge(7_000);
                    gpu.malloc(60 * GIB, "weights");
                    try {
                        gpu.malloc(30 * GIB, "kv_cache");
                    } catch (CudaOutOfMemoryException e) {
                        inUseAfterCaughtOom.set(gpu.memoryInUse());
                    }
                    gpu.malloc(15 * GIB, "kv_cache");
                    gpu.malloc(6 * GIB, "activations");      // 1 GiB too many: nobody catches this one
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThatThrownBy(() -> run.run(REAL_LIMIT))
                    .isInstanceOf(EmulatedThreadFailedException.class)
                    .hasMessageContaining("loader")
                    .cause().isInstanceOf(CudaOutOfMemoryException.class)
                    .hasMessage("CUDA out of memory. Tried to allocate 6.00 GiB. GPU 1 has a total capacity of 80.00 GiB of which "
                            + "5.00 GiB is free. Of the allocated memory 75.00 GiB is allocated by this process in 2 live allocations.");
        }

        assertThat(inUseAfterCaughtOom).hasValue(60 * GIB);
        assertThat(sink.events()).filteredOn(StreamEvent.Memory.class::isInstance).extracting(e -> ((StreamEvent.Memory) e).bytesInUse())
                .containsExactly(60 * GIB, 75 * GIB);
        RunEnd end = (RunEnd) sink.events().getLast();
        assertThat(end.time()).isEqualTo(7_000);
        assertThat(end.status()).isEqualTo("error");
        assertThat(end.message()).contains("emulated thread 'loader' failed at virtual time").contains("(7000 ns)")
                .contains("CUDA out of memory. Tried to allocate 6.00 GiB");
    }

    @Test
    void aRankThatNeverJoinsTheAllReduceIsReportedAsADeadlockNamingTheWaitingHost() throws Exception {
        try (RecordedEmulation run = twoH100s("deadlock")) {
            Emulation emulation = run.emulation();
            Communicator tp = run.cluster().communicatorOfAll();
            VirtualDevice gpu0 = run.cluster().device(0);
            VirtualDevice gpu1 = run.cluster().device(1);
            emulation.start("rank-0", () -> {
                try {
                    gpu0.launch(gpu0.defaultStream(), "mlp_up_proj", Features.of("num_tokens", 100));   // [4,000, 8,000]
                    tp.allReduce(gpu0.defaultStream(), 1 << 20);
                    gpu0.synchronize(gpu0.defaultStream());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            emulation.start("rank-1", () -> {
                try {
                    gpu1.launch(gpu1.defaultStream(), "mlp_up_proj", Features.of("num_tokens", 100));
                    gpu1.synchronize(gpu1.defaultStream());   // jump 0 -> 8,000, then ends without the all-reduce
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            DeadlockException deadlock = (DeadlockException) catchThrowable(() -> run.run(REAL_LIMIT));
            assertThat(deadlock).isNotNull();
            assertThat(deadlock.virtualTime()).isEqualTo(8_000);
            assertThat(deadlock.threads()).extracting(ThreadSnapshot::name).containsExactly("rank-0");
            assertThat(deadlock.threads().getFirst().stack())
                    .anySatisfy(frame -> assertThat(frame.getClassName() + "." + frame.getMethodName())
                            .isEqualTo("dev.chronoscope.emulator.gpu.VirtualDevice.synchronize"));
            assertThat(deadlock.getMessage()).contains("\"rank-0\" WAITING").contains("VirtualDevice.synchronize");
        }

        assertThat(jumps()).containsExactly("rank-1 rank 1 stream_sync 0 -> 8000");
        assertThat(sink.events()).noneMatch(StreamEvent.Collective.class::isInstance);
        RunEnd end = (RunEnd) sink.events().getLast();
        assertThat(end.status()).isEqualTo("error");
        assertThat(end.message()).startsWith("deadlock at virtual time");
    }

    private List<String> kernels() {
        return sink.events().stream().filter(Kernel.class::isInstance).map(Kernel.class::cast)
                .map(k -> "rank " + k.rank() + " stream " + k.stream() + " " + k.name() + " [" + k.time() + ", " + k.endTime() + "]")
                .toList();
    }

    private List<String> jumps() {
        return sink.events().stream().filter(TimeJump.class::isInstance).map(TimeJump.class::cast)
                .map(j -> j.thread() + " rank " + j.rank() + " " + j.cause() + " " + j.time() + " -> " + j.to())
                .toList();
    }
}
