package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chronoscope.emulator.gpu.MicrosPredictor.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** A replayed batch of kernels is placed exactly as the same launches one by one at the same host time (launch latency 5 µs). */
class KernelBatchTest {

    private static List<String> described(Gpus gpus) {
        return gpus.sink.of(Kernel.class).stream()
                .map(k -> k.name() + "@" + k.time() + ".." + k.endTime() + " " + k.features() + " " + k.modelVersion()).toList();
    }

    @Test
    void aBatchPlacesItsKernelsAsSingleLaunchesAtTheSameHostTimeWould() {
        Gpus single = new Gpus(1);
        Gpus batched = new Gpus(1);
        VirtualStream s1 = single.device(0).createStream("compute");
        VirtualStream s2 = batched.device(0).createStream("compute");
        KernelBatch batch = batched.device(0).batch(List.of("attn_rope", "attn_decode", "add"), List.of(us(2), us(7), us(1)));
        for (long host : new long[]{0, 3_000, 100_000}) {
            single.clock.set(host);
            single.device(0).launch(s1, "attn_rope", us(2));
            single.device(0).launch(s1, "attn_decode", us(7));
            single.device(0).launch(s1, "add", us(1));
            batched.clock.set(host);
            batched.device(0).launch(s2, batch);
        }
        assertThat(described(batched)).isEqualTo(described(single)).hasSize(9);
        assertThat(described(batched).subList(3, 6)).containsExactly(
                "attn_rope@15000..17000 {us=2} test/h100-sxm/attn_rope",   // behind the first replay's 5 + 10 µs
                "attn_decode@17000..24000 {us=7} test/h100-sxm/attn_decode",
                "add@24000..25000 {us=1} test/h100-sxm/add");
    }

    @Test
    void aReplayPredictsOnlyTheSlotsWhoseFeaturesChanged() {
        Gpus gpus = new Gpus(1);
        VirtualDevice gpu = gpus.device(0);
        VirtualStream s = gpu.createStream("compute");
        KernelBatch batch = gpu.batch(List.of("attn_decode", "add"), List.of(us(3), us(1)));
        gpu.launch(s, batch);
        gpu.launch(s, batch);
        assertThat(gpus.predictor.calls).hasValue(2);
        batch.setFeatures(0, us(5));
        gpu.launch(s, batch);
        assertThat(gpus.predictor.calls).hasValue(3);
        assertThat(gpus.sink.of(Kernel.class)).extracting(Kernel::duration).containsExactly(3_000L, 1_000L, 3_000L, 1_000L, 5_000L, 1_000L);
    }

    @Test
    void aBatchWaitsBehindAnUnresolvedCollectiveLikeAnyLaunch() {
        Gpus gpus = new Gpus(2);
        Communicator pair = gpus.cluster.communicatorOfAll();
        VirtualDevice rank0 = gpus.device(0);
        pair.allReduce(rank0.defaultStream(), 0);
        rank0.launch(rank0.defaultStream(), rank0.batch(List.of("add"), List.of(us(1))));
        assertThat(gpus.sink.of(Kernel.class)).as("queued behind the all-reduce").isEmpty();
        gpus.clock.set(10_000);
        pair.allReduce(gpus.device(1).defaultStream(), 0);
        // The all-reduce starts at rank 1's arrival (10 + 5 µs) and lasts 2 µs; the kernel's host time was 0.
        assertThat(gpus.sink.of(Kernel.class)).extracting(Kernel::time, Kernel::endTime).containsExactly(
                tuple(17_000L, 18_000L));
    }

    @Test
    void badBatchesAreRefusedWithWhatIsWrong() {
        Gpus gpus = new Gpus(2);
        VirtualDevice rank0 = gpus.device(0);
        assertThatThrownBy(() -> rank0.batch(List.of("add", "mlp_act"), List.of(us(1))))
                .hasMessage("kernel batch: 2 kernel names but 1 feature sets");
        KernelBatch other = gpus.device(1).batch(List.of("add"), List.of(us(1)));
        assertThatThrownBy(() -> rank0.launch(rank0.defaultStream(), other))
                .hasMessageContaining("kernel batch of rank 1 cannot be launched on rank 0");
        assertThatThrownBy(() -> other.setFeatures(0, null)).hasMessage("kernel batch: launch 0 needs features");
    }
}
