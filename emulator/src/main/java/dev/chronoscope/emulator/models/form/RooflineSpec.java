package dev.chronoscope.emulator.models.form;

/**
 * The device figures a roofline needs. The device catalogue supplies these; {@code BuiltInDeviceSpecs}
 * holds public spec-sheet values as a fallback.
 *
 * @param device              catalogue name, e.g. {@code h100-sxm}
 * @param peakFlops           peak dense bf16/fp16 tensor FLOP/s
 * @param memoryBandwidth     device memory bandwidth, bytes/s
 * @param l2Bytes             last-level cache size, bytes (working sets beyond it run at memory speed)
 * @param linkBandwidth       per-device interconnect bandwidth for collectives, bytes/s, one direction
 * @param linkLatencyNanos    latency of one collective step, nanoseconds
 * @param source              where the figures come from
 */
public record RooflineSpec(String device, double peakFlops, double memoryBandwidth, double l2Bytes,
                           double linkBandwidth, double linkLatencyNanos, String source) {
    public RooflineSpec {
        if (peakFlops <= 0 || memoryBandwidth <= 0 || linkBandwidth <= 0 || l2Bytes < 0 || linkLatencyNanos < 0) {
            throw new IllegalArgumentException("roofline spec for " + device + ": figures must be positive");
        }
    }
}
