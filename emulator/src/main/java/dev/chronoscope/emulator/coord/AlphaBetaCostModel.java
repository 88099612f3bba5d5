package dev.chronoscope.emulator.coord;

/**
 * Placeholder latency/bandwidth ("alpha-beta") costs until the network models of {@code emulator.gpu.net}
 * are plugged in: ring all-reduce takes {@code 2(n-1)} steps of {@code alpha + bytes/(n*beta)},
 * all-gather {@code n-1} such steps, anything else one {@code alpha + bytes/beta} transfer.
 *
 * @param alphaNanos          per-step latency in nanoseconds
 * @param bytesPerNanosecond  link bandwidth (1 byte/ns = 1 GB/s)
 */
public record AlphaBetaCostModel(long alphaNanos, double bytesPerNanosecond) implements CollectiveCostModel {

    /** Roughly one NVLink 4 link: 2 us per step, 100 GB/s. */
    public static final AlphaBetaCostModel NVLINK_PLACEHOLDER = new AlphaBetaCostModel(2_000, 100.0);

    public AlphaBetaCostModel {
        if (alphaNanos < 0 || !(bytesPerNanosecond > 0)) {
            throw new IllegalArgumentException("alpha must be >= 0 and bandwidth > 0, got " + alphaNanos + ", " + bytesPerNanosecond);
        }
    }

    @Override
    public long durationNanos(String op, long bytes, int ranks) {
        if (ranks == 1) {
            return 0;
        }
        return switch (op) {
            case "all_reduce" -> 2L * (ranks - 1) * step(bytes / (double) ranks);
            case "all_gather" -> (ranks - 1) * step(bytes / (double) ranks);
            default -> step(bytes);
        };
    }

    private long step(double bytes) {
        return alphaNanos + Math.round(bytes / bytesPerNanosecond);
    }
}
