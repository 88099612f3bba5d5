package dev.chronoscope.engine.device;

import dev.chronoscope.engine.dist.InProcessGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.chronoscope.engine.device.KernelNames.*;
import static org.assertj.core.api.Assertions.assertThat;

class DeviceActivityTest {
    private final List<String> kernels = new CopyOnWriteArrayList<>();
    private final List<String> collectives = new CopyOnWriteArrayList<>();
    private final List<long[]> workerWakeUps = new CopyOnWriteArrayList<>();
    private final List<long[]> hostWakeUps = new CopyOnWriteArrayList<>();

    private final DeviceActivityListener recorder = new DeviceActivityListener() {
        @Override
        public void onKernel(int device, KernelLaunch kernel, long startNanos, long endNanos) {
            kernels.add(device + ":" + kernel.kernel() + new java.util.TreeMap<>(kernel.shape()) + (endNanos >= startNanos));
        }

        @Override
        public void onCollective(int device, String op, long bytes, int ranks, long startNanos, long endNanos) {
            collectives.add(device + ":" + op + " " + bytes + " bytes on " + ranks + (endNanos >= startNanos));
        }

        @Override
        public void onWorkerWakeUp(int device, long enqueuedNanos, long startedNanos) {
            workerWakeUps.add(new long[]{device, enqueuedNanos, startedNanos});
        }

        @Override
        public void onHostWakeUp(int device, long waitNanos, long doneNanos, long resumedNanos) {
            hostWakeUps.add(new long[]{device, waitNanos, doneNanos, resumedNanos});
        }
    };

    @AfterEach
    void stopRecording() { Devices.recordActivity(null); }

    /** An add and an all-reduce on device 3, then a blocking read-back. */
    private static float[] work() {
        try (DeviceRuntime rt = Devices.open(3, 1 << 20)) {
            Stream s = rt.createStream();
            DevicePtr a = rt.malloc(DType.F32, 3), out = rt.malloc(DType.F32, 3);
            rt.copyHostToDevice(new float[]{1, 2, 3}, 0, a, 3, s);
            rt.launch(new KernelLaunch(ADD, Map.of(NUM_TOKENS, 1L, N_EMBD, 3L), Map.of(), List.of(a, a, out)), s);
            rt.allReduce(rt.initCommunicator(new InProcessGroup(1).transport(0)), out, s);
            float[] host = new float[3];
            rt.copyDeviceToHost(out, host, 0, 3, s);
            return host;
        }
    }

    @Test
    void kernelsCollectivesAndBothHandOffsAreReportedInTheirOrder() {
        Devices.recordActivity(recorder);
        assertThat(work()).containsExactly(2, 4, 6);

        assertThat(kernels).containsExactly("3:add{n_embd=3, num_tokens=1}true");
        assertThat(collectives).containsExactly("3:all_reduce 12 bytes on 1true");
        assertThat(workerWakeUps).isNotEmpty().allSatisfy(w -> {
            assertThat(w[0]).isEqualTo(3);
            assertThat(w[2]).isGreaterThanOrEqualTo(w[1]);
        });
        assertThat(hostWakeUps).singleElement().satisfies(h -> {
            assertThat(h[0]).isEqualTo(3);
            assertThat(h[1]).as("waited before the work was done").isLessThanOrEqualTo(h[2]);
            assertThat(h[2]).as("and ran again after").isLessThanOrEqualTo(h[3]);
        });
    }

    @Test
    void nothingIsReportedOnceRecordingStops() {
        Devices.recordActivity(recorder);
        Devices.recordActivity(null);
        assertThat(work()).containsExactly(2, 4, 6);
        assertThat(kernels).isEmpty();
        assertThat(collectives).isEmpty();
        assertThat(workerWakeUps).isEmpty();
        assertThat(hostWakeUps).isEmpty();
    }
}
