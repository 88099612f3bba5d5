package dev.chronoscope.emulator.gpu.catalog;

/**
 * What a roofline kernel model needs from a device: {@code max(flops / peak, bytes / bandwidth)}.
 * FLOP/s are dense (no structured sparsity), bandwidth is device-memory bandwidth, all per second.
 *
 * @param denseBf16FlopsPerSec peak dense BF16/FP16 tensor throughput
 * @param denseFp8FlopsPerSec  peak dense FP8 tensor throughput; 0 where the device has no FP8 tensor cores
 * @param memoryBytesPerSec    peak device-memory bandwidth
 */
public record RooflinePeaks(double denseBf16FlopsPerSec, double denseFp8FlopsPerSec, double memoryBytesPerSec) {

    public boolean hasFp8() { return denseFp8FlopsPerSec > 0; }
}
