package dev.chronoscope.engine.device;

/** What {@code cudaMemGetInfo} answers. */
public record MemoryInfo(long freeBytes, long totalBytes) {
    public long usedBytes() { return totalBytes - freeBytes; }
}
