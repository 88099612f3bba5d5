package dev.chronoscope.emulator.gpu.catalog;

/**
 * One catalogued device type (DESIGN §7). Every number traces to {@link #source()}: a vendor spec
 * sheet for GPUs, a measurement or a configuration for {@code cpu-local}.
 *
 * @param name             the catalogue name used on the command line, e.g. {@code h100-sxm}
 * @param marketingName    what the vendor calls it, e.g. "NVIDIA H100 SXM5 80GB"
 * @param smCount          streaming multiprocessors (cores for {@code cpu-local})
 * @param memoryBytes      device memory capacity, bytes
 * @param roofline         peak dense FLOP/s and memory bandwidth
 * @param interconnect     peer, host and network links
 * @param source           where the numbers come from
 */
public record DeviceSpec(String name, String marketingName, int smCount, long memoryBytes,
                         RooflinePeaks roofline, Interconnect interconnect, String source) {
    public DeviceSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("device spec: name is required");
        if (smCount < 1) throw new IllegalArgumentException("device spec " + name + ": smCount must be ≥ 1 but was " + smCount);
        if (memoryBytes < 1) throw new IllegalArgumentException("device spec " + name + ": memoryBytes must be ≥ 1 but was " + memoryBytes);
        if (roofline == null || !(roofline.denseBf16FlopsPerSec() > 0) || !(roofline.memoryBytesPerSec() > 0)) {
            throw new IllegalArgumentException("device spec " + name + ": roofline needs positive BF16 FLOP/s and memory bandwidth");
        }
        if (interconnect == null) throw new IllegalArgumentException("device spec " + name + ": interconnect is required");
        if (source == null || source.isBlank()) throw new IllegalArgumentException("device spec " + name + ": every spec must cite its source");
    }
}
