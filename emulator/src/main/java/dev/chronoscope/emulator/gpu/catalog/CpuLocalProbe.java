package dev.chronoscope.emulator.gpu.catalog;

import java.lang.management.ManagementFactory;

/**
 * Measures this machine for the {@code cpu-local} device: cores and memory from the JVM, FLOP/s
 * and copy bandwidth from two short loops (about a quarter of a second in all). Best-of-N timing,
 * because a shared machine only ever makes a loop slower.
 */
public final class CpuLocalProbe {
    private static final int COPY_BYTES = 32 << 20;
    private static final int FLOP_LOOP = 4_000_000;
    private static final int ROUNDS = 5;

    private CpuLocalProbe() {}

    public static CpuMeasurement measure() {
        int cores = Runtime.getRuntime().availableProcessors();
        long memory = physicalMemoryBytes();
        double flops = bestFlopsPerCore() * cores;
        double bandwidth = bestCopyBandwidth();
        return new CpuMeasurement(cores, memory, flops, bandwidth,
                String.format("measured at startup by CpuLocalProbe: %d cores, %.1f GFLOP/s float multiply-add, %.1f GB/s copy",
                        cores, flops / 1e9, bandwidth / 1e9));
    }

    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static double bestCopyBandwidth() {
        byte[] from = new byte[COPY_BYTES];
        byte[] to = new byte[COPY_BYTES];
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            System.arraycopy(from, 0, to, 0, COPY_BYTES);
            best = Math.min(best, System.nanoTime() - t0);
        }
        // A copy reads and writes every byte.
        return 2.0 * COPY_BYTES * 1e9 / Math.max(best, 1);
    }

    private static double bestFlopsPerCore() {
        long best = Long.MAX_VALUE;
        float sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            sink += multiplyAddLoop(round);
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (Float.isNaN(sink)) throw new AssertionError("unreachable: keeps the loop alive");
        // Eight independent multiply-adds of two FLOPs each per iteration.
        return 16.0 * FLOP_LOOP * 1e9 / Math.max(best, 1);
    }

    private static float multiplyAddLoop(int seed) {
        float a0 = seed, a1 = 1, a2 = 2, a3 = 3, a4 = 4, a5 = 5, a6 = 6, a7 = 7;
        final float m = 0.999999f, c = 1e-7f;
        for (int i = 0; i < FLOP_LOOP; i++) {
            a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c;
            a4 = a4 * m + c; a5 = a5 * m + c; a6 = a6 * m + c; a7 = a7 * m + c;
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }
}
