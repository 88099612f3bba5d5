package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.stream.event.StreamEvent.CopyKind;
import org.junit.jupiter.api.Test;

import static dev.chronoscope.emulator.gpu.MicrosPredictor.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Misuse of streams, events and graphs fails with CUDA's error and a message naming the handle. */
class BadInputTest {
    private final Gpus gpus = new Gpus(2);
    private final VirtualDevice gpu = gpus.device(0);

    @Test
    void aDestroyedStreamCannotBeUsedButItsQueuedWorkStillCounts() throws InterruptedException {
        VirtualStream s = gpu.createStream("compute");
        gpu.launch(s, "mlp_up_proj", us(10));
        gpu.destroyStream(s);

        assertThatThrownBy(() -> gpu.launch(s, "mlp_up_proj", us(10)))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.errorName()).isEqualTo("cudaErrorInvalidResourceHandle"))
                .hasMessage("stream 1 (\"compute\") of rank 0 was destroyed; create a new stream");
        assertThatThrownBy(() -> gpu.synchronize(s)).hasMessageContaining("was destroyed");
        assertThatThrownBy(() -> gpu.destroyStream(s)).hasMessageContaining("was destroyed");

        gpu.synchronizeDevice();
        assertThat(gpus.clock.now()).isEqualTo(15_000);
    }

    @Test
    void streamsAndEventsBelongToTheirDevice() {
        VirtualStream other = gpus.device(1).createStream("compute");
        assertThatThrownBy(() -> gpu.launch(other, "add", us(1)))
                .hasMessage("stream 1 (\"compute\") of rank 1 cannot be used on rank 0");
        assertThatThrownBy(() -> gpu.destroyStream(gpu.defaultStream()))
                .hasMessage("the default stream of rank 0 cannot be destroyed");
        VirtualEvent e = gpu.createEvent();
        assertThatThrownBy(() -> gpu.elapsedNanos(e, e))
                .isInstanceOfSatisfying(CudaException.class, x -> assertThat(x.error()).isEqualTo(CudaError.cudaErrorInvalidResourceHandle))
                .hasMessage("event 0 of rank 0 was never recorded");
        gpu.destroyEvent(e);
        assertThatThrownBy(() -> gpu.record(e, gpu.defaultStream())).hasMessage("event 0 of rank 0 was destroyed");
    }

    @Test
    void negativeCopySizesAreRejected() {
        assertThatThrownBy(() -> gpu.memcpyAsync(gpu.defaultStream(), CopyKind.HOST_TO_DEVICE, -4))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorInvalidValue))
                .hasMessage("memcpy on stream 0 (\"default\") of rank 0: size must be ≥ 0 bytes but was -4");
    }

    @Test
    void captureMisuseIsRefused() {
        VirtualStream s = gpu.createStream("decode");
        assertThatThrownBy(() -> gpu.endCapture(s))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorIllegalState));
        gpu.beginCapture(s);
        assertThatThrownBy(() -> gpu.beginCapture(s)).hasMessageContaining("is already capturing a graph");
        assertThatThrownBy(() -> gpu.synchronize(s))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorStreamCaptureUnsupported))
                .hasMessage("cudaStreamSynchronize on stream 1 (\"decode\") of rank 0 while it captures a graph: "
                        + "only kernel launches and collectives can be captured");
        assertThatThrownBy(() -> gpu.memcpyAsync(s, CopyKind.HOST_TO_DEVICE, 8))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorStreamCaptureUnsupported));
        VirtualGraph g = gpu.endCapture(s);
        assertThatThrownBy(() -> gpus.device(1).launchGraph(g, gpus.device(1).defaultStream()))
                .hasMessage("graph " + g.id() + " of rank 0 cannot be launched on rank 1");
    }

    @Test
    void clustersNeedAClockAPredictorAndAtLeastOneDevice() {
        assertThatThrownBy(() -> VirtualCluster.builder(Gpus.H100, 0))
                .hasMessage("virtual cluster: device count must be ≥ 1 but was 0");
        assertThatThrownBy(() -> VirtualCluster.builder(Gpus.H100, 1).predictor(new MicrosPredictor()).build())
                .hasMessage("virtual cluster: a virtual clock is required");
        assertThatThrownBy(() -> gpus.cluster.device(2))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorInvalidDevice))
                .hasMessage("no device 2: this process has 2 devices (0..1)");
    }
}
