package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.stream.event.StreamEvent.Memory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Allocation accounting on an 80 GiB H100: capacity enforced, CUDA/PyTorch-shaped errors, nothing half-done. */
class MemoryAccountingTest {
    private static final long GIB = 1L << 30;
    private final Gpus gpus = new Gpus(2);
    private final VirtualDevice gpu = gpus.device(1);

    @Test
    void allocationsAndFreesAreAccountedAndReported() {
        long weights = gpu.malloc(14 * GIB, "weights");
        long kv = gpu.malloc(50 * GIB, "kv_cache");
        assertThat(weights).isNotEqualTo(kv).isNotZero();
        assertThat(gpu.memoryInUse()).isEqualTo(64 * GIB);
        assertThat(gpu.memoryFree()).isEqualTo(16 * GIB);

        gpu.free(kv);
        gpu.free(0);  // cudaFree(NULL) does nothing

        assertThat(gpu.memoryInUse()).isEqualTo(14 * GIB);
        assertThat(gpus.sink.of(Memory.class)).containsExactly(
                new Memory(0, 1, 14 * GIB, 14 * GIB, "weights"),
                new Memory(0, 1, 50 * GIB, 64 * GIB, "kv_cache"),
                new Memory(0, 1, -50 * GIB, 14 * GIB, "kv_cache"));
    }

    @Test
    void outOfMemoryReadsLikePyTorchsAndAllocatesNothing() {
        gpu.malloc(70 * GIB, "weights");

        assertThatThrownBy(() -> gpu.malloc(20 * GIB, "kv_cache"))
                .isInstanceOfSatisfying(CudaOutOfMemoryException.class, e -> {
                    assertThat(e.errorName()).isEqualTo("cudaErrorMemoryAllocation");
                    assertThat(e.error().code()).isEqualTo(2);
                    assertThat(e.requestedBytes()).isEqualTo(20 * GIB);
                    assertThat(e.freeBytes()).isEqualTo(10 * GIB);
                })
                .hasMessage("CUDA out of memory. Tried to allocate 20.00 GiB. GPU 1 has a total capacity of 80.00 GiB "
                        + "of which 10.00 GiB is free. Of the allocated memory 70.00 GiB is allocated by this process in 1 live allocation.");

        assertThat(gpu.memoryInUse()).isEqualTo(70 * GIB);
        assertThat(gpus.sink.of(Memory.class)).hasSize(1);
        assertThat(gpu.malloc(10 * GIB, "fits exactly")).isNotZero();
        assertThat(gpu.memoryFree()).isZero();
    }

    @Test
    void smallSizesAreWrittenInTheUnitPyTorchUses() {
        gpu.malloc(80 * GIB - 1_000, "almost all");
        assertThatThrownBy(() -> gpu.malloc(1_500_000, "activations"))
                .hasMessageStartingWith("CUDA out of memory. Tried to allocate 1.43 MiB. GPU 1 has a total capacity of 80.00 GiB of which 1000 bytes is free.");
    }

    @Test
    void negativeSizesAndUnknownPointersAreRejectedWithoutSideEffects() {
        assertThatThrownBy(() -> gpu.malloc(-1, "weights"))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorInvalidValue))
                .hasMessage("cudaMalloc: size must be ≥ 0 bytes but was -1 (allocation 'weights')");

        long p = gpu.malloc(1024, "scratch");
        assertThatThrownBy(() -> gpu.free(p + 512))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorInvalidValue))
                .hasMessage(String.format("cudaFree: 0x%x is not the start of a live allocation on rank 1 (never allocated here, or already freed)", p + 512));
        gpu.free(p);
        assertThatThrownBy(() -> gpu.free(p)).hasMessageContaining("already freed");
        assertThatThrownBy(() -> gpus.device(0).free(gpu.malloc(8, "other device's")))
                .as("a pointer of rank 1 is unknown on rank 0").isInstanceOf(CudaException.class);
        assertThat(gpus.device(0).memoryInUse()).isZero();
    }
}
