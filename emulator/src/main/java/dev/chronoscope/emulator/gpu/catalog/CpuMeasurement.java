package dev.chronoscope.emulator.gpu.catalog;

/**
 * What the {@code cpu-local} device is made of: measured on this machine by {@link CpuLocalProbe},
 * or configured (for reproducible runs on another machine).
 *
 * @param cores             logical cores available to the JVM
 * @param memoryBytes       physical memory
 * @param flopsPerSec       float multiply-add throughput of all cores together
 * @param memoryBytesPerSec memory copy bandwidth (bytes read + written per second)
 * @param origin            "measured ..." or "configured ..."
 */
public record CpuMeasurement(int cores, long memoryBytes, double flopsPerSec, double memoryBytesPerSec, String origin) {

    public CpuMeasurement {
        if (cores < 1) throw new IllegalArgumentException("cpu-local: cores must be ≥ 1 but was " + cores);
        if (memoryBytes < 1) throw new IllegalArgumentException("cpu-local: memoryBytes must be ≥ 1 but was " + memoryBytes);
        if (!(flopsPerSec > 0)) throw new IllegalArgumentException("cpu-local: flopsPerSec must be positive but was " + flopsPerSec);
        if (!(memoryBytesPerSec > 0)) throw new IllegalArgumentException("cpu-local: memoryBytesPerSec must be positive but was " + memoryBytesPerSec);
    }

    /** The catalogue entry for this CPU. All ranks share one machine, so every link is memory. */
    DeviceSpec toSpec() {
        Interconnect memoryLinks = new Interconnect(LinkKind.SHARED_MEMORY, memoryBytesPerSec, Integer.MAX_VALUE,
                memoryBytesPerSec, memoryBytesPerSec, Integer.MAX_VALUE);
        return new DeviceSpec("cpu-local", "this machine's CPU (" + cores + " cores)", cores, memoryBytes,
                new RooflinePeaks(flopsPerSec, 0, memoryBytesPerSec), memoryLinks, origin);
    }
}
