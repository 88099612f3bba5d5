package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.stream.event.StreamEvent.CopyKind;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import dev.chronoscope.emulator.stream.event.StreamEvent.Memcpy;
import dev.chronoscope.emulator.stream.event.StreamEvent.RankRegistered;
import dev.chronoscope.emulator.stream.event.StreamEvent.StreamRegistered;
import dev.chronoscope.emulator.stream.event.StreamEvent.TimeJump;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chronoscope.emulator.gpu.Gpus.LATENCY;
import static dev.chronoscope.emulator.gpu.MicrosPredictor.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact nanosecond timelines of DESIGN §6 on one device (launch latency 5 µs). */
class StreamTimelineTest {
    private final Gpus gpus = new Gpus(1);
    private final VirtualDevice gpu = gpus.device(0);

    private List<long[]> kernelSpans() {
        return gpus.sink.of(Kernel.class).stream().map(k -> new long[]{k.time(), k.endTime()}).toList();
    }

    @Test
    void launchStartsAfterLaunchLatencyAndQueuesInOrderWhileTheHostRunsOn() {
        VirtualStream s = gpu.createStream("compute");
        gpu.launch(s, "mlp_up_proj", us(10));
        gpu.launch(s, "mlp_act", us(20));
        assertThat(gpus.clock.now()).as("launch never blocks the host").isZero();

        gpus.clock.set(100_000);
        gpu.launch(s, "mlp_down_proj", us(1));

        assertThat(kernelSpans()).containsExactly(
                new long[]{5_000, 15_000},     // max(0 + 5 µs, empty stream)
                new long[]{15_000, 35_000},    // behind the first: max(0 + 5 µs, 15 µs)
                new long[]{105_000, 106_000}); // idle stream again: 100 µs + 5 µs
        Kernel first = gpus.sink.of(Kernel.class).getFirst();
        assertThat(first.name()).isEqualTo("mlp_up_proj");
        assertThat(first.stream()).isEqualTo(s.id());
        assertThat(first.modelVersion()).isEqualTo("test/h100-sxm/mlp_up_proj");
        assertThat(first.graphId()).isEqualTo(Kernel.NO_GRAPH);
        assertThat(gpus.clock.now()).isEqualTo(100_000);
    }

    @Test
    void twoStreamsRunConcurrentlyAndAnEventWaitOrdersThem() {
        VirtualStream compute = gpu.createStream("compute");
        VirtualStream comm = gpu.createStream("comm");
        VirtualEvent done = gpu.createEvent();

        gpu.launch(compute, "attn_prefill", us(10));   // [5, 15] µs
        gpu.record(done, compute);                          // completes at 15 µs
        gpu.launch(comm, "add", us(3));                    // [5, 8] µs: beside the first, not behind it
        gpu.waitEvent(comm, done);
        gpu.launch(comm, "emb", us(2));                    // waits for the event: [15, 17] µs

        assertThat(kernelSpans()).containsExactly(
                new long[]{5_000, 15_000}, new long[]{5_000, 8_000}, new long[]{15_000, 17_000});
    }

    @Test
    void eventsMeasureElapsedTimeOnlyOnceCompleted() throws InterruptedException {
        VirtualStream s = gpu.createStream("compute");
        VirtualEvent start = gpu.createEvent();
        VirtualEvent end = gpu.createEvent();
        gpu.record(start, s);
        gpu.launch(s, "lm_head", us(10));
        gpu.record(end, s);

        assertThat(gpu.isComplete(end)).isFalse();
        assertThatThrownBy(() -> gpu.elapsedNanos(start, end))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorNotReady));

        gpu.synchronize(end);

        assertThat(gpus.clock.now()).isEqualTo(15_000);
        assertThat(gpu.isComplete(end)).isTrue();
        assertThat(gpu.elapsedNanos(start, end)).isEqualTo(10_000);
        assertThat(gpu.elapsedMillis(start, end)).isEqualTo(0.01f);
        assertThat(gpus.sink.of(TimeJump.class)).containsExactly(new TimeJump(0, 15_000, 0, Thread.currentThread().getName(), "event_sync"));
    }

    @Test
    void streamSynchronizeJumpsTheHostToTheStreamsEnd() throws InterruptedException {
        VirtualStream s = gpu.createStream("compute");
        gpu.launch(s, "mlp_up_proj", us(10));
        gpu.synchronize(s);
        assertThat(gpus.clock.now()).isEqualTo(15_000);

        gpu.launch(s, "mlp_up_proj", us(10));  // from 15 µs: [20, 30] µs
        gpu.synchronize(s);
        assertThat(gpus.clock.now()).isEqualTo(30_000);

        gpu.synchronize(s);                     // nothing left: no jump
        String thread = Thread.currentThread().getName();
        assertThat(gpus.sink.of(TimeJump.class)).containsExactly(
                new TimeJump(0, 15_000, 0, thread, "stream_sync"), new TimeJump(15_000, 30_000, 0, thread, "stream_sync"));
    }

    @Test
    void aCalibratedSyncLatencyWakesTheHostThatLongAfterTheWorkItWaitedFor() throws InterruptedException {
        TestClock clock = new TestClock();
        RecordingSink sink = new RecordingSink();
        VirtualDevice cpu = VirtualCluster.builder(Gpus.H100, 1).clock(clock).predictor(new MicrosPredictor()).sink(sink)
                .launchLatencyNanos(LATENCY).syncLatencyNanos(7_000).build().device(0);
        VirtualStream s = cpu.createStream("compute");
        cpu.launch(s, "mlp_up_proj", us(10));   // [5, 15] µs
        cpu.synchronize(s);
        assertThat(clock.now()).isEqualTo(22_000);
        cpu.synchronize(s);                     // done before the host waited: no wake-up to wait for
        assertThat(clock.now()).isEqualTo(22_000);
        assertThat(sink.of(TimeJump.class)).containsExactly(new TimeJump(0, 22_000, 0, Thread.currentThread().getName(), "stream_sync"));
    }

    @Test
    void deviceSynchronizeWaitsForTheLatestStream() throws InterruptedException {
        VirtualStream a = gpu.createStream("a");
        VirtualStream b = gpu.createStream("b");
        gpu.launch(a, "add", us(10));
        gpu.launch(b, "add", us(30));

        gpu.synchronizeDevice();

        assertThat(gpus.clock.now()).isEqualTo(35_000);
        assertThat(gpus.sink.of(TimeJump.class)).singleElement().extracting(TimeJump::cause).isEqualTo("device_sync");
    }

    @Test
    void blockingDeviceToHostCopyWaitsBehindTheKernelsAndTakesBytesOverPcie() throws InterruptedException {
        VirtualStream s = gpu.defaultStream();
        gpu.launch(s, "sampler", us(10));                          // [5, 15] µs
        gpu.memcpy(s, CopyKind.DEVICE_TO_HOST, 64_000_000);       // 64 MB at PCIe Gen5's 64 GB/s: 1 ms

        assertThat(gpus.sink.of(Memcpy.class)).containsExactly(new Memcpy(15_000, 1_015_000, 0, 0, CopyKind.DEVICE_TO_HOST, 64_000_000));
        assertThat(gpus.clock.now()).isEqualTo(1_015_000);
        assertThat(gpus.sink.of(TimeJump.class)).singleElement().satisfies(j -> {
            assertThat(j.time()).isZero();
            assertThat(j.to()).isEqualTo(1_015_000);
            assertThat(j.cause()).isEqualTo("memcpy_d2h");
        });
    }

    @Test
    void asyncCopiesDoNotBlockAndDeviceToDeviceCopiesReadAndWriteMemory() {
        VirtualStream s = gpu.createStream("copy");
        gpu.memcpyAsync(s, CopyKind.DEVICE_TO_DEVICE, 3_350_000);  // 2 × 3.35 MB at 3.35 TB/s: 2 µs
        assertThat(gpus.clock.now()).isZero();
        assertThat(gpus.sink.of(Memcpy.class)).containsExactly(new Memcpy(5_000, 7_000, 0, s.id(), CopyKind.DEVICE_TO_DEVICE, 3_350_000));
    }

    @Test
    void graphReplayPlacesItsKernelsBackToBackBehindOneLaunchLatency() {
        VirtualStream s = gpu.createStream("decode");
        gpu.beginCapture(s);
        gpu.launch(s, "attn_decode", us(10));
        gpu.launch(s, "mlp_up_proj", us(20));
        gpu.launch(s, "mlp_down_proj", us(5));
        VirtualGraph graph = gpu.endCapture(s);
        assertThat(gpus.sink.of(Kernel.class)).as("capture places nothing").isEmpty();
        assertThat(graph.size()).isEqualTo(3);

        gpus.clock.set(100_000);
        gpu.launchGraph(graph, s);

        assertThat(kernelSpans()).containsExactly(
                new long[]{105_000, 115_000}, new long[]{115_000, 135_000}, new long[]{135_000, 140_000});
        assertThat(gpus.sink.of(Kernel.class)).allSatisfy(k -> assertThat(k.graphId()).isEqualTo(graph.id()));
        long replay = gpus.sink.of(Kernel.class).getLast().endTime() - 100_000;
        assertThat(replay).as("sum of its kernels plus one launch latency").isEqualTo(10_000 + 20_000 + 5_000 + LATENCY);

        gpus.clock.set(200_000);
        gpu.launchGraph(graph, s);
        assertThat(gpus.sink.of(Kernel.class)).hasSize(6).last().extracting(Kernel::endTime).isEqualTo(240_000L);
    }

    @Test
    void devicesAndStreamsAnnounceThemselves() {
        gpu.createStream("comm");
        assertThat(gpus.sink.of(RankRegistered.class)).containsExactly(new RankRegistered(0, 0, 0, "h100-sxm", 0, 80L << 30));
        assertThat(gpus.sink.of(StreamRegistered.class)).containsExactly(
                new StreamRegistered(0, 0, 0, "default"), new StreamRegistered(0, 0, 1, "comm"));
    }

    @Test
    void predictionsAreMemoisedPerKernelAndFeatures() {
        VirtualStream s = gpu.createStream("compute");
        for (int i = 0; i < 5; i++) gpu.launch(s, "add", us(2));   // equal, freshly built features
        gpu.launch(s, "add", us(3));
        gpu.launch(s, "emb", us(2));
        assertThat(gpus.predictor.calls).hasValue(3);
        assertThat(gpus.sink.of(Kernel.class)).hasSize(7);
    }
}
