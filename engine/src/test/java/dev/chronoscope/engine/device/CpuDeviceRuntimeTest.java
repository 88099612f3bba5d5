package dev.chronoscope.engine.device;

import dev.chronoscope.engine.dist.InProcessGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.chronoscope.engine.device.KernelNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuDeviceRuntimeTest {
    private final DeviceRuntime rt = Devices.open(0, 1 << 20);

    @AfterEach
    void close() { rt.close(); }

    private static KernelLaunch add(DevicePtr a, DevicePtr b, DevicePtr out, int n) {
        return new KernelLaunch(ADD, Map.of(NUM_TOKENS, 1L, N_EMBD, (long) n), Map.of(), List.of(a, b, out));
    }

    @Test
    void memoryIsAccountedInDeviceBytesAndCapacityIsEnforced() {
        DevicePtr half = rt.malloc(DType.BF16, 1000);
        DevicePtr ints = rt.malloc(DType.I64, 10);
        assertThat(rt.memoryInfo().usedBytes()).isEqualTo(2000 + 80);
        assertThatThrownBy(() -> rt.malloc(DType.F32, 1 << 18))
                .isInstanceOf(DeviceOutOfMemoryError.class)
                .hasMessageContaining("tried to allocate 1048576 bytes");
        rt.free(half);
        rt.free(ints);
        assertThat(rt.memoryInfo().freeBytes()).isEqualTo(1 << 20);
        assertThat(rt.properties().totalMemoryBytes()).isEqualTo(1 << 20);
    }

    @Test
    void kernelsRunOnTheStreamAndCopiesBackBlock() {
        Stream s = rt.createStream();
        DevicePtr a = rt.malloc(DType.F32, 3), b = rt.malloc(DType.F32, 3), out = rt.malloc(DType.F32, 3);
        rt.copyHostToDevice(new float[]{1, 2, 3}, 0, a, 3, s);
        rt.copyHostToDevice(new float[]{10, 20, 30}, 0, b, 3, s);
        rt.launch(add(a, b, out, 3), s);
        float[] host = new float[3];
        rt.copyDeviceToHost(out, host, 0, 3, s);
        assertThat(host).containsExactly(11, 22, 33);
    }

    @Test
    void theHostRunsAheadOfTheDeviceUntilItSynchronises() {
        InProcessGroup pair = new InProcessGroup(2);
        Communicator comm = rt.initCommunicator(pair.transport(1));
        Stream s = rt.createStream();
        DevicePtr buf = rt.malloc(DType.F32, 2), out = rt.malloc(DType.F32, 2);
        rt.recv(comm, buf, 0, s);
        rt.launch(add(buf, buf, out, 2), s);
        Event done = rt.createEvent();
        rt.recordEvent(done, s);
        // the launches returned although the device is blocked in recv: host and device overlap
        pair.transport(0).send(1, new float[]{4, 5}, 0, 2);
        rt.synchronizeEvent(done);
        float[] host = new float[2];
        rt.copyDeviceToHost(out, host, 0, 2, s);
        assertThat(host).containsExactly(8, 10);
    }

    @Test
    void eventsOrderWorkAcrossStreams() {
        Stream producer = rt.createStream(), consumer = rt.createStream();
        InProcessGroup pair = new InProcessGroup(2);
        Communicator comm = rt.initCommunicator(pair.transport(1));
        DevicePtr buf = rt.malloc(DType.F32, 1), out = rt.malloc(DType.F32, 1);
        rt.recv(comm, buf, 0, producer);
        Event ready = rt.createEvent();
        rt.recordEvent(ready, producer);
        rt.streamWaitEvent(consumer, ready);
        rt.launch(add(buf, buf, out, 1), consumer);
        pair.transport(0).send(1, new float[]{21}, 0, 1);
        float[] host = new float[1];
        rt.copyDeviceToHost(out, host, 0, 1, consumer);
        assertThat(host).containsExactly(42);
    }

    @Test
    void aFailedKernelIsReportedByEveryLaterSynchronisation() {
        Stream s = rt.createStream();
        DevicePtr ints = rt.malloc(DType.I32, 2), f = rt.malloc(DType.F32, 2);
        rt.launch(add(ints, f, f, 2), s);
        assertThatThrownBy(() -> rt.synchronizeStream(s)).isInstanceOf(DeviceException.class).hasMessageContaining("expected floating-point");
        assertThatThrownBy(() -> rt.synchronizeStream(s)).isInstanceOf(DeviceException.class);
    }

    @Test
    void capturedWorkRunsOnlyWhenReplayed() {
        Stream s = rt.createStream();
        DevicePtr a = rt.malloc(DType.F32, 2), out = rt.malloc(DType.F32, 2);
        rt.copyHostToDevice(new float[]{1, 2}, 0, a, 2, s);
        rt.beginCapture(s);
        rt.launch(add(a, a, out, 2), s);
        rt.launch(add(out, a, out, 2), s);
        assertThatThrownBy(() -> rt.copyDeviceToHost(out, new float[2], 0, 2, s)).hasMessageContaining("capturing");
        Graph g = rt.endCapture(s);
        assertThat(g.nodeCount()).isEqualTo(2);
        float[] host = new float[2];
        rt.copyDeviceToHost(out, host, 0, 2, s);
        assertThat(host).containsExactly(0, 0);
        rt.replayGraph(g, Map.of(), s);
        rt.copyDeviceToHost(out, host, 0, 2, s);
        assertThat(host).containsExactly(3, 6);
        rt.copyHostToDevice(new float[]{5, 5}, 0, a, 2, s);
        rt.replayGraph(g, Map.of(), s);
        rt.copyDeviceToHost(out, host, 0, 2, s);
        assertThat(host).containsExactly(15, 15);
    }

    @Test
    void aSeededShardHoldsTheSameValuesAsTheWholeTensor() {
        Stream s = rt.createStream();
        DevicePtr whole = rt.malloc(DType.F32, 6 * 4), shard = rt.malloc(DType.F32, 6 * 2);
        // a 4 × 6 (out × in) weight stored transposed (6 × 4); the shard holds output rows 2..3
        rt.fill(whole, new FillSpec.SeededUniform(5, 1f, 6, 4, 4, 0, 0, 1, 0, 6), s);
        rt.fill(shard, new FillSpec.SeededUniform(5, 1f, 6, 2, 2, 0, 0, 1, 2, 6), s);
        float[] w = new float[24], p = new float[12];
        rt.copyDeviceToHost(whole, w, 0, 24, s);
        rt.copyDeviceToHost(shard, p, 0, 12, s);
        for (int r = 0; r < 6; r++) {
            assertThat(p[r * 2]).isEqualTo(w[r * 4 + 2]);
            assertThat(p[r * 2 + 1]).isEqualTo(w[r * 4 + 3]);
        }
        assertThat(w[0]).isBetween(-1f, 1f).isNotEqualTo(w[1]);
    }

    @Test
    void allReduceSumsAcrossRanksInRankOrder() throws Exception {
        InProcessGroup group = new InProcessGroup(2);
        try (DeviceRuntime other = Devices.open(1, 1 << 20)) {
            DeviceRuntime[] devices = {rt, other};
            float[][] results = new float[2][2];
            Thread[] threads = new Thread[2];
            for (int r = 0; r < 2; r++) {
                int rank = r;
                threads[r] = Thread.ofPlatform().start(() -> {
                    DeviceRuntime d = devices[rank];
                    Stream s = d.createStream();
                    Communicator c = d.initCommunicator(group.transport(rank));
                    DevicePtr buf = d.malloc(DType.F32, 2);
                    d.copyHostToDevice(new float[]{rank + 1, 10 * (rank + 1)}, 0, buf, 2, s);
                    d.allReduce(c, buf, s);
                    d.copyDeviceToHost(buf, results[rank], 0, 2, s);
                });
            }
            for (Thread t : threads) t.join(30_000);
            assertThat(results[0]).containsExactly(3, 30);
            assertThat(results[1]).containsExactly(3, 30);
        }
    }
}
