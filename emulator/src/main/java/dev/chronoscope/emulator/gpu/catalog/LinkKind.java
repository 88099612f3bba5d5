package dev.chronoscope.emulator.gpu.catalog;

/**
 * The kind of link a collective's ring crosses. The per-hop latencies are NCCL's own cost-model
 * constants for the ring algorithm (NVIDIA/nccl, src/graph/tuning.cc, table {@code hwLat}, microseconds,
 * protocols LL and Simple), so an alpha-beta prediction uses the latencies NCCL itself plans with.
 */
public enum LinkKind {
    NVLINK(470, 3_400),
    PCIE(1_000, 5_700),
    /** InfiniBand/RoCE between nodes: NCCL's NET constants. */
    NETWORK(2_700, 9_600),
    /**
     * Ranks as threads of one process on this CPU. NCCL has no constants for it; PCI's are used
     * until a profiled table for the machine replaces the alpha-beta model.
     */
    SHARED_MEMORY(1_000, 5_700);

    private final long lowLatencyHopNanos;
    private final long simpleHopNanos;

    LinkKind(long lowLatencyHopNanos, long simpleHopNanos) {
        this.lowLatencyHopNanos = lowLatencyHopNanos;
        this.simpleHopNanos = simpleHopNanos;
    }

    /** Latency of one ring step with NCCL's LL protocol (small messages). */
    public long lowLatencyHopNanos() { return lowLatencyHopNanos; }

    /** Latency of one ring step with NCCL's Simple protocol (large messages). */
    public long simpleHopNanos() { return simpleHopNanos; }
}
